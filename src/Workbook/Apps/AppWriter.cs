using System.Globalization;
using System.Text;
using Workbook.Notebooks;
using Workbook.Setup;

namespace Workbook.Apps;

/// <summary>
/// Turns a notebook into a .NET 10 file-based app (<c>dotnet run app.cs</c>), the path Microsoft suggests for C#
/// notebooks now that Polyglot Notebooks is deprecated. The notebook stays the one source: apps are generated into
/// artifacts/apps/ and never edited or committed.
/// </summary>
internal static class AppWriter
{
    /// <summary>The app's file name inside its folder.</summary>
    public const string AppFileName = "app.cs";

    /// <summary>
    /// The variable the app shows trailing expressions through. A notebook that declares the same name cannot be
    /// converted (it is reported like any other name declared twice).
    /// </summary>
    public const string DisplayVariable = "appDisplay";

    /// <summary>The comment above the types the cells declare, which the app lists after its statements.</summary>
    public const string TypesHeader = "// Types the cells declare: C# wants them after a file's top-level statements.";

    /// <summary>The command that writes the apps, named in each app's header.</summary>
    public const string Command = "dotnet run --project src/Workbook -c Release -- apps";

    /// <summary>The project the apps reference in place of the notebooks' <c>#r "…/LowRank*.dll"</c>, relative to the
    /// repository.</summary>
    public static readonly string LibraryProject = Path.Combine("src", "LowRank.Notebooks", "LowRank.Notebooks.csproj");

    /// <summary>
    /// Where the app of <paramref name="notebook"/> goes: <c>&lt;output&gt;/&lt;its Repository.ArtifactName without .ipynb&gt;/app.cs</c>.
    /// </summary>
    public static string AppPath(Repository repository, string notebook, string output)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var relative = repository.ArtifactName(notebook);
        var folder = relative.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) ? relative[..^".ipynb".Length] : relative;
        return Path.Combine([output, .. folder.Split('/').Select(SafeFolderName), AppFileName]);
    }

    // csc refuses a path with a double quote and MSBuild reads ; % $ @ ' as syntax, so an app's folder keeps only
    // letters, digits, '.', '_', '-' and spaces; a name that lost characters gets a hash of the original, to stay apart.
    private static string SafeFolderName(string name)
    {
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ' ' ? c : '_'));
        return safe == name
            ? name
            : $"{safe}-{System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8]}";
    }

    /// <summary>Writes the app of <paramref name="notebook"/> under <paramref name="output"/> and returns its path.</summary>
    public static string Write(Repository repository, string notebook, string output)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var path = AppPath(repository, notebook, output);
        var folder = Path.GetDirectoryName(path)!;
        var project = Path.GetRelativePath(folder, Path.Combine(repository.Root, LibraryProject)).Replace('\\', '/');
        var relative = Path.GetRelativePath(repository.Root, notebook);
        var name = (relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(notebook) : relative).Replace('\\', '/');
        var source = Convert(NotebookDocument.Load(notebook).Cells, name, project);
        Directory.CreateDirectory(folder);
        File.WriteAllText(path, source, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>
    /// The app's source: directives, the usings of every cell, then each cell in order, markdown as <c>//</c> comments and
    /// code as top-level statements, and last any types the cells declare.
    /// </summary>
    /// <param name="cells">The notebook's cells.</param>
    /// <param name="notebookName">How the header names the notebook, e.g. <c>notebooks/02-svd-and-truncation.ipynb</c>.</param>
    /// <param name="libraryProject">The path of LowRank.Notebooks.csproj relative to the app's folder, with '/' separators.</param>
    public static string Convert(IReadOnlyList<NotebookCell> cells, string notebookName, string libraryProject)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentException.ThrowIfNullOrWhiteSpace(notebookName);
        ArgumentException.ThrowIfNullOrWhiteSpace(libraryProject);

        var packages = new List<PackagePin>();
        var usings = new List<string>();
        var types = new List<string>();
        var declarations = new List<(string Name, int Cell)>();
        var body = new StringBuilder();
        foreach (var cell in cells)
        {
            var where = $"{notebookName}, cell {cell.Number.ToString(CultureInfo.InvariantCulture)}";
            body.Append('\n').Append(CellHeader(cell)).Append('\n');
            if (cell.CellType == "code" && cell.Kernel is { } kernel && kernel != "csharp")
            {
                throw new AppConversionException(
                    $"{where} runs in the {kernel} kernel; a C# file-based app can hold only C# cells.");
            }
            if (cell.CellType != "code")
            {
                body.Append(Comment(cell.Source)).Append('\n');
                continue;
            }
            var directives = KernelDirectives.Split(cell.Source, where);
            AddPackages(packages, directives.Packages, where);
            var code = CellCode.Parse(directives.Code, DisplayVariable, where);
            usings.AddRange(code.Usings.Where(u => !usings.Contains(u)));
            types.AddRange(code.Types);
            declarations.AddRange(code.DeclaredNames.Select(n => (n, cell.Number)));
            if (code.Statements.Length > 0)
            {
                body.Append(code.Statements).Append('\n');
            }
        }
        CheckDeclaredOnce(declarations, notebookName);

        var app = new StringBuilder();
        app.Append($"// Generated from {notebookName} by `{Command}`: edit the notebook, not this file.\n")
            .Append("// Run it from its folder with `dotnet run app.cs`. Where a cell ends with a value the notebook would show, this\n")
            .Append("// app shows it: a chart as an HTML page beside this file (chart-1.html, ...), a table as text, anything else " +
                "printed.\n")
            .Append("// The repository's central package versions are for its projects: the versions below are the notebook's own pins.\n")
            .Append("#:property ManagePackageVersionsCentrally=false\n")
            .Append("// A generated app has no committed lock file to restore against.\n")
            .Append("#:property RestorePackagesWithLockFile=false\n")
            .Append("// As in Directory.Build.props: a dependency of the kernel's formatting beta resolves a patch up, which is " +
                "expected.\n")
            .Append("#:property NoWarn=$(NoWarn);NU1603\n")
            .Append("// File-based apps default to PublishAot=true, which turns reflection-based System.Text.Json off. The library's\n")
            .Append("// charts work either way; this keeps it on, as in the notebook's kernel, for code you add that serializes.\n")
            .Append("#:property PublishAot=false\n");
        foreach (var package in packages)
        {
            app.Append(package.Directive).Append('\n');
        }
        app.Append("// In place of the notebook's #r \"…/LowRank.dll\" and LowRank.Notebooks.dll: the library, built with the app.\n")
            .Append("#:project ").Append(libraryProject).Append("\n\n");
        foreach (var directive in usings)
        {
            app.Append(directive).Append('\n');
        }
        app.Append('\n')
            .Append("// Shows what a cell's last expression would show under the cell in a notebook.\n")
            .Append($"var {DisplayVariable} = LowRank.Notebooks.AppDisplay.ForEntryPoint();\n")
            .Append(body);
        if (types.Count > 0)
        {
            app.Append('\n').Append(TypesHeader).Append('\n');
            foreach (var type in types)
            {
                app.Append(type).Append('\n');
            }
        }
        var source = app.ToString();
        AppCompileCheck.Check(source, notebookName);
        return source;
    }

    /// <summary>A cell as a block of <c>//</c> comments, one per line (blank lines as a bare <c>//</c>).</summary>
    public static string Comment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n')
            .Select(line => line.Length == 0 ? "//" : "// " + line.TrimEnd()));
    }

    private static string Where(int cell) =>
        cell == 0 ? "the app's display" : $"cell {cell.ToString(CultureInfo.InvariantCulture)}";

    private static string CellHeader(NotebookCell cell) =>
        $"// ---- cell {cell.Number.ToString(CultureInfo.InvariantCulture)} ({cell.CellType}) ----";

    // One pin per package: two cells pinning different versions would leave the app's version a guess.
    private static void AddPackages(List<PackagePin> packages, IEnumerable<PackagePin> found, string where)
    {
        foreach (var package in found)
        {
            var known = packages.FirstOrDefault(p => string.Equals(p.Name, package.Name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                packages.Add(package);
            }
            else if (known.Version != package.Version)
            {
                throw new AppConversionException($"{where}: {package.Name} is pinned to {package.Version} here and to {known.Version} in " +
                    $"an earlier cell; pin one version.");
            }
        }
    }

    // A kernel runs each cell as a submission of its own, so a later cell may declare a name again and hide the earlier
    // one. In an app every cell is a top-level statement of one scope, where that does not compile. Renaming or wrapping
    // cells in blocks would change what later cells see, so the converter refuses and says which names to change.
    private static void CheckDeclaredOnce(IEnumerable<(string Name, int Cell)> declarations, string notebookName)
    {
        var clashes = declarations
            .Append((Name: DisplayVariable, Cell: 0))
            .GroupBy(d => d.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"'{g.Key}' in {string.Join(" and ", g.Select(d => Where(d.Cell)))}")
            .ToArray();
        if (clashes.Length > 0)
        {
            throw new AppConversionException(
                $"{notebookName}: declared more than once: {string.Join("; ", clashes)}. A file-based app runs all cells in one scope: " +
                "give each declaration its own name, or assign to the earlier variable instead of declaring it again.");
        }
    }
}
