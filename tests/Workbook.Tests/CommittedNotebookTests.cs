using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Workbook;

namespace Workbook.Tests;

/// <summary>
/// The committed notebooks are clean (no outputs, no execution counts), valid nbformat 4 with the Polyglot metadata
/// that makes VS Code and Jupyter pick the C# kernel, and follow the workbook's conventions.
/// </summary>
[Trait(Speed.Name, Speed.Fast)]
public sealed partial class CommittedNotebookTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);

    public static TheoryData<string> Notebooks => new(Repository.ListNotebooks().Select(Path.GetFileName)!);

    /// <summary>Lessons and solutions, by their path relative to notebooks/: both are committed clean and pinned.</summary>
    public static TheoryData<string> LessonsAndSolutions => new(Repository.ListWorkbook().Select(n => Repository.RelativeName(n)));

    private static JsonObject Load(string name) => NotebookDocument.Load(Path.Combine(Repository.Notebooks, name)).Json;

    [Fact]
    public void Notebooks_are_numbered_kebab_case() =>
        Assert.All(Repository.ListWorkbook().Select(Path.GetFileName), name => Assert.Matches(@"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$",
            name));

    [Theory]
    [MemberData(nameof(LessonsAndSolutions))]
    public void Notebook_is_committed_without_outputs(string name)
    {
        foreach (var cell in Load(name)["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["cell_type"] == "code"))
        {
            Assert.Empty(cell["outputs"]!.AsArray());
            Assert.Null(cell["execution_count"]);
        }
    }

    [Theory]
    [MemberData(nameof(LessonsAndSolutions))]
    public void Notebook_is_nbformat_4_with_polyglot_metadata(string name)
    {
        var notebook = Load(name);
        Assert.Equal(4, (int)notebook["nbformat"]!);
        var minor = (int)notebook["nbformat_minor"]!;
        Assert.InRange(minor, 4, 5);
        Assert.Equal(
            ["cells", "metadata", "nbformat", "nbformat_minor"],
            notebook.Select(p => p.Key).Order(StringComparer.Ordinal));

        var metadata = notebook["metadata"]!;
        Assert.Equal(".net-csharp", (string?)metadata["kernelspec"]?["name"]);
        Assert.Equal(".NET (C#)", (string?)metadata["kernelspec"]?["display_name"]);
        Assert.Equal("C#", (string?)metadata["kernelspec"]?["language"]);
        Assert.Equal("polyglot-notebook", (string?)metadata["language_info"]?["name"]);
        var kernelInfo = metadata["polyglot_notebook"]?["kernelInfo"];
        Assert.Equal("csharp", (string?)kernelInfo?["defaultKernelName"]);
        Assert.Contains(kernelInfo!["items"]!.AsArray(), item => (string?)item!["name"] == "csharp");

        var ids = new HashSet<string>();
        foreach (var cell in notebook["cells"]!.AsArray().Select(c => c!.AsObject()))
        {
            var type = (string?)cell["cell_type"];
            Assert.Contains(type, new[] { "markdown", "code", "raw" });
            Assert.IsType<JsonObject>(cell["metadata"]);
            Assert.True(cell["source"] is JsonArray lines
                ? lines.All(l => l!.GetValueKind() == System.Text.Json.JsonValueKind.String)
                : cell["source"]!.GetValueKind() == System.Text.Json.JsonValueKind.String);
            if (minor >= 5)
            {
                var id = (string?)cell["id"];
                Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", id);
                Assert.True(ids.Add(id!), $"cell id {id} is repeated");
            }
            var allowed = type == "code"
                ? new[] { "cell_type", "execution_count", "id", "metadata", "outputs", "source" }
                : new[] { "attachments", "cell_type", "id", "metadata", "source" };
            Assert.All(cell.Select(p => p.Key), key => Assert.Contains(key, allowed));
            if (type == "code")
            {
                Assert.Equal("csharp", (string?)cell["metadata"]!["polyglot_notebook"]?["kernelName"]);
                Assert.True(cell.ContainsKey("outputs") && cell.ContainsKey("execution_count"), "code cells carry outputs and " +
                    "execution_count");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_opens_with_a_title_and_the_references_and_closes_with_exercises(string name)
    {
        var cells = NotebookDocument.Load(Path.Combine(Repository.Notebooks, name)).Cells;
        Assert.Equal("markdown", cells[0].CellType);
        Assert.StartsWith("# ", cells[0].Source, StringComparison.Ordinal);
        Assert.Contains("PyTorch original", cells[0].Source, StringComparison.Ordinal);

        var references = cells.First(c => c.CellType == "code").Source;
        Assert.All(references.Split('\n').Where(l => l.Trim().Length > 0), line => Assert.Matches(@"^(#r |//)", line));
        Assert.Contains("#r \"../src/LowRank.Notebooks/bin/Release/net10.0/LowRank.dll\"", references, StringComparison.Ordinal);
        Assert.Contains("#r \"../src/LowRank.Notebooks/bin/Release/net10.0/LowRank.Notebooks.dll\"", references, StringComparison.Ordinal);

        // "Your turn" comes last, and every exercise is an answer cell followed by its check cell.
        var yourTurn = cells.ToList().FindIndex(c => c.CellType == "markdown" && c.Source.Contains("## Your turn",
            StringComparison.Ordinal));
        Assert.True(yourTurn > 0, $"{name} has no '## Your turn' section.");
        var exercises = cells.Skip(yourTurn).ToArray();
        Assert.DoesNotContain(exercises, c => c.CellType == "markdown" && c.Source.StartsWith("## ",
            StringComparison.Ordinal) && c != exercises[0]);
        var checks = exercises.Select((c, i) => (Cell: c, Index: i))
            .Where(p => p.Cell.Source.StartsWith("Exercises.", StringComparison.Ordinal) || p.Cell.Source.StartsWith("Check.",
                StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(checks);
        Assert.All(checks, p => Assert.Contains("= null;", exercises[p.Index - 1].Source, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Cells_that_port_the_original_quote_it_and_no_other_line_poses_as_it(string name)
    {
        // "// original In [n]:" must quote a line of the original word for word; anything else is marked "// PyTorch:".
        var original = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pytorch-svd-notebook.py"));
        var code = NotebookDocument.Load(Path.Combine(Repository.Notebooks, name)).Cells.Where(c => c.CellType == "code");
        foreach (var line in code.SelectMany(c => c.Source.Split('\n')).Select(l => l.Trim()))
        {
            var quote = OriginalQuote().Match(line);
            if (!quote.Success)
            {
                continue;
            }
            foreach (var statement in quote.Groups["code"].Value.Split("; ", StringSplitOptions.TrimEntries))
            {
                Assert.True(original.Contains(statement, StringComparison.Ordinal) || statement == "...",
                    $"{name}: '{statement}' is quoted as a line of the original (In [{quote.Groups["cell"].Value}]) but the original has " +
                        $"no such line.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(LessonsAndSolutions))]
    public void Notebook_packages_are_pinned_to_the_repository_versions(string name)
    {
        var pins = XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => ((string)p.Attribute("Version")!).Trim('[', ']'));
        var source = string.Join("\n", NotebookDocument.Load(Path.Combine(Repository.Notebooks, name)).Cells.Select(c => c.Source));
        var references = NugetReference().Matches(source).ToArray();
        Assert.NotEmpty(references);
        foreach (Match reference in references)
        {
            var (package, version) = (reference.Groups["name"].Value, reference.Groups["version"].Value);
            Assert.True(pins.TryGetValue(package, out var pinned), $"{name} references {package}, which Directory.Packages.props does " +
                $"not pin.");
            Assert.Equal(pinned, version);
        }
    }

    [GeneratedRegex(@"^// original In \[(?<cell>[0-9\]\[-]+)\]( run a second time)?: (?<code>.*?)(\s{2,}\(.*\))?$")]
    private static partial Regex OriginalQuote();

    [GeneratedRegex(@"#r ""nuget:\s*(?<name>[^,""]+?)\s*(,\s*(?<version>[^""]*))?""")]
    private static partial Regex NugetReference();
}
