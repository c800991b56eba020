using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workbook.Apps;

/// <summary>
/// Compiles a generated app with Roslyn, without its packages or the library, for the errors that putting every cell in
/// one scope adds to cells that compiled one by one in a kernel: a name, type, using alias or label declared twice,
/// or a syntax error. Names the packages and the library provide stay unresolved here; the app's build resolves them.
/// </summary>
internal static class AppCompileCheck
{
    // CS0101/CS0102 type or member declared twice, CS0128 local declared twice, CS0136 a local hides an enclosing one,
    // CS0140/CS0158 label declared twice or hidden, CS1537 using alias declared twice, CS0111 local function twice.
    private static readonly HashSet<string> ScopeErrors = ["CS0101", "CS0102", "CS0111", "CS0128", "CS0136", "CS0140", "CS0158", "CS1537"];

    // What a file-based app gets from ImplicitUsings, so the check sees the names the build sees.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<MetadataReference[]> Framework = new(() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    /// <summary>
    /// Throws <see cref="AppConversionException"/> naming <paramref name="notebookName"/>, the cell and the compiler's
    /// message when <paramref name="app"/> (the generated source) has a syntax error or a scope error.
    /// </summary>
    public static void Check(string app, string notebookName)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The #: directives are the SDK's, not the compiler's: blanked, so line numbers stay.
        var lines = app.Split('\n');
        var code = string.Join('\n', lines.Select(l => l.StartsWith("#:", StringComparison.Ordinal) ? "" : l));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(code, options);
        var compilation = CSharpCompilation.Create(
            "app", [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, options)], Framework.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var error = tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error)
            ?? compilation.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && ScopeErrors.Contains(d.Id));
        if (error is not null)
        {
            var line = error.Location.GetLineSpan().StartLinePosition.Line;
            throw new AppConversionException(
                $"{notebookName}: its app would not compile: {CellOf(lines, line)}: {error.Id}: " +
                $"{error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }

    // The cell a line of the app came from, by the header the writer puts above each cell; usings go above the first
    // cell and types after the last.
    private static string CellOf(string[] lines, int line)
    {
        for (var i = Math.Min(line, lines.Length - 1); i >= 0; i--)
        {
            if (lines[i].StartsWith(AppWriter.TypesHeader, StringComparison.Ordinal))
            {
                return "the types moved from the cells";
            }
            if (lines[i].StartsWith("// ---- cell ", StringComparison.Ordinal))
            {
                return lines[i]["// ---- ".Length..].Split(" (")[0];
            }
        }
        return "the usings hoisted from the cells";
    }
}
