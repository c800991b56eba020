using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Workbook.Apps;

/// <summary>
/// One code cell (without its <c>#r</c> lines) rewritten for a file-based app, read with Roslyn as the kernel reads
/// it: as a C# script submission, where the last statement may be a bare expression whose value is displayed.
/// </summary>
/// <param name="Usings">Its using directives, each as one line; a file needs them before any statement.</param>
/// <param name="Statements">The cell's code without its usings and type declarations, its trailing expression shown
/// through the display variable.</param>
/// <param name="Types">Type declarations, which C# wants after a file's top-level statements.</param>
/// <param name="DeclaredNames">The names the cell declares at top level (variables, local functions), which the rest
/// of the notebook sees.</param>
internal sealed record CellCode(
    IReadOnlyList<string> Usings, string Statements, IReadOnlyList<string> Types, IReadOnlyList<string> DeclaredNames)
{
    /// <summary>The kernel's language rules: a script, where a submission may end with an expression and no semicolon.</summary>
    public static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>
    /// Rewrites <paramref name="code"/>: takes out its usings and type declarations, and turns a trailing bare expression
    /// into <c>display.Show(expression);</c>, or drops it when it is <c>Notebook.UseOfflineCharts()</c>, which only sets up
    /// the kernel. Throws <see cref="AppConversionException"/> naming <paramref name="where"/> on a syntax error.
    /// </summary>
    public static CellCode Parse(string code, string display, string where)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(display);
        var tree = CSharpSyntaxTree.ParseText(code, ScriptOptions);
        if (tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            throw new AppConversionException($"{where}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} (line " +
                $"{error.Location.GetLineSpan().StartLinePosition.Line + 1} of the cell).");
        }
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var changes = new List<TextChange>();

        // From the directive to its line end, so the comments above it stay where they were.
        foreach (var directive in root.Usings)
        {
            changes.Add(new TextChange(TextSpan.FromBounds(directive.SpanStart, directive.FullSpan.End), ""));
        }
        var types = root.Members.Where(IsTypeDeclaration).ToArray();
        changes.AddRange(types.Select(t => new TextChange(t.FullSpan, "")));

        var trailing = TrailingExpression(root);
        if (trailing is not null)
        {
            var expression = trailing.Expression;
            var shown = IsKernelSetup(expression)
                ? $"// {expression} sets up the notebook kernel's chart display; here each chart page carries plotly.js itself."
                : $"{display}.Show({expression});";
            changes.Add(new TextChange(expression.Span, shown));
        }

        var statements = tree.GetText().WithChanges(changes).ToString();
        return new CellCode(
            root.Usings.Select(u => u.WithoutTrivia().ToString()).ToArray(),
            TrimBlankLines(statements),
            types.Select(t => TrimBlankLines(t.ToFullString())).ToArray(),
            DeclaredNamesOf(root).ToArray());
    }

    /// <summary>
    /// The cell's last statement when it is an expression without a semicolon: what the kernel displays. A regex on the
    /// last line would be fooled by a trailing comment, a multi-line call or a semicolon inside a string.
    /// </summary>
    public static ExpressionStatementSyntax? TrailingExpression(CompilationUnitSyntax root) =>
        root.Members.LastOrDefault() is GlobalStatementSyntax
        {
            Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement,
        }
            ? statement
            : null;

    // A type declared in a cell: a top-level program allows types only after its statements, so they move to the end.
    private static bool IsTypeDeclaration(MemberDeclarationSyntax member) =>
        member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax;

    private static bool IsKernelSetup(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax access }
        && access.Name.Identifier.Text == "UseOfflineCharts"
        && access.Expression.ToString() is "Notebook" or "LowRank.Notebooks.Notebook" or "global::LowRank.Notebooks.Notebook";

    /// <summary>
    /// Names a cell declares for the cells after it: top-level locals (also <c>var (a, b) = …</c>, <c>out var x</c> and
    /// patterns, and those in an <c>if</c> condition, which C# scopes to the enclosing block) and local functions (a
    /// script's top-level methods). Names inside lambdas, loops and blocks are their own scope and are left out.
    /// </summary>
    public static IEnumerable<string> DeclaredNamesOf(CompilationUnitSyntax root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case MethodDeclarationSyntax method:
                    yield return method.Identifier.Text;
                    break;
                // A script parses a top-level "var x = …;" as a field, a top-level program as a local.
                case FieldDeclarationSyntax field:
                    foreach (var name in DeclaredBy(field.Declaration))
                    {
                        yield return name;
                    }
                    break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                    foreach (var name in DeclaredBy(local.Declaration))
                    {
                        yield return name;
                    }
                    break;
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax expression }:
                    foreach (var name in DesignatedNames([expression.Expression]))
                    {
                        yield return name;
                    }
                    break;
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function }:
                    yield return function.Identifier.Text;
                    break;
                case GlobalStatementSyntax { Statement: IfStatementSyntax conditional }:
                    foreach (var name in DesignatedNames([conditional.Condition]))
                    {
                        yield return name;
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private static IEnumerable<string> DeclaredBy(VariableDeclarationSyntax declaration) =>
        declaration.Variables.Select(v => v.Identifier.Text)
            .Concat(DesignatedNames(declaration.Variables.Select(v => v.Initializer).OfType<SyntaxNode>()));

    private static IEnumerable<string> DesignatedNames(IEnumerable<SyntaxNode> nodes) =>
        nodes.SelectMany(n => n.DescendantNodesAndSelf(d => d is not AnonymousFunctionExpressionSyntax))
            .OfType<SingleVariableDesignationSyntax>()
            .Where(d => !d.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax))
            .Select(d => d.Identifier.Text);

    private static string TrimBlankLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        var last = Array.FindLastIndex(lines, l => l.Trim().Length > 0);
        return first < 0 ? "" : string.Join('\n', lines[first..(last + 1)]);
    }
}
