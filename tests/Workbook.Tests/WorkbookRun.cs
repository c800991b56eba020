using System.Text.RegularExpressions;
using Workbook;

namespace Workbook.Tests;

/// <summary>
/// Executes every lesson in notebooks/ and every solution in notebooks/solutions/ once per test run, exactly as the
/// README's run command does (Release build of the library, local tools, dotnet-repl from the notebook's folder), and
/// once more as "Run All twice" in one kernel. Runs are keyed by their path relative to notebooks/
/// (<c>solutions/01-seeding-and-rank.ipynb</c>). Everything it and its tests write goes to a temporary folder,
/// deleted afterwards, never to the checkout's artifacts/, which hold a learner's executed notebooks.
/// </summary>
public sealed partial class WorkbookRun : IAsyncLifetime
{
    internal Repository Repository { get; } = Repository.Find(AppContext.BaseDirectory);

    /// <summary>The lessons, notebooks/*.ipynb.</summary>
    public IReadOnlyList<string> Lessons => Repository.ListNotebooks();

    /// <summary>The solutions, notebooks/solutions/*.ipynb.</summary>
    public IReadOnlyList<string> Solutions => Repository.ListSolutions();

    /// <summary>Lessons and solutions, as the run command runs them.</summary>
    public IReadOnlyList<string> Notebooks => Repository.ListWorkbook();

    internal IReadOnlyList<NotebookRun> First { get; private set; } = [];

    /// <summary>Runs of copies whose cells are the notebook's cells twice over, as pressing Run All twice in one kernel does.</summary>
    internal IReadOnlyList<NotebookRun> Twice { get; private set; } = [];

    /// <summary>The exercise fixture pair (Fixtures/exercises), keyed relative to that folder.</summary>
    internal IReadOnlyList<NotebookRun> Exercises { get; private set; } = [];

    /// <summary>The run's artifacts root: executed copies (first/, twice/, exercises/), and what tests write from them.</summary>
    public string Output { get; } = Directory.CreateTempSubdirectory("lowrank-workbook-").FullName;

    internal static string ExerciseFixtures(Repository repository) =>
        Path.Combine(repository.Root, "tests", "Workbook.Tests", "Fixtures", "exercises");

    public async Task InitializeAsync()
    {
        var runner = new NotebookRunner(Repository);
        await LocalTool.RestoreAsync(Repository.Root);
        var build = await ProcessRunner.RunAsync(
            "dotnet", ["build", Path.Combine("src", "LowRank.Notebooks", "LowRank.Notebooks.csproj"), "-c", "Release", "--nologo", "-v",
                "q"],
            Repository.Root, TimeSpan.FromMinutes(5), stopLeftovers: false);
        Assert.True(build.ExitCode == 0, $"Building the library for the notebooks failed:\n{build.Output}");

        var jobs = Math.Max(1, Environment.ProcessorCount);
        First = await runner.RunAllAsync(Notebooks, Path.Combine(Output, "first"), jobs);
        // The copies keep the notebooks' relative layout, so lessons and solutions of one name stay apart.
        var twiceSource = Path.Combine(Output, "twice-source");
        var doubled = Notebooks.Select(n => WriteDoubled(n, Path.Combine(twiceSource, Repository.RelativeName(n)))).ToArray();
        Twice = await runner.RunAllAsync(doubled, Path.Combine(Output, "twice"), jobs, relativeTo: twiceSource);
        var fixtures = ExerciseFixtures(Repository);
        Exercises = await runner.RunAllAsync(Repository.ListWorkbook(fixtures), Path.Combine(Output, "exercises"), jobs,
            relativeTo: fixtures);
    }

    // The copy lives elsewhere, so every relative #r path (../src/… from a lesson, ../../src/… from a solution) is made
    // absolute, resolved from the original notebook's folder as the kernel would.
    private static string WriteDoubled(string notebook, string path)
    {
        var folder = Path.GetDirectoryName(notebook)!;
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(notebook))!.AsObject();
        var cells = json["cells"]!.AsArray();
        foreach (var cell in cells.ToArray())
        {
            var copy = cell!.DeepClone();
            copy["id"] = $"{(string?)cell["id"]}-again";
            cells.Add(copy);
        }
        foreach (var source in cells.Select(c => c!["source"]!.AsArray()))
        {
            for (var i = 0; i < source.Count; i++)
            {
                source[i] = Absolute(folder, (string)source[i]!);
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    /// <summary>Rewrites <c>#r "relative/path"</c> to the absolute path it resolves to from <paramref name="folder"/>; other lines are
    /// unchanged.</summary>
    public static string Absolute(string folder, string line) => RelativeReference().Replace(line, m =>
        m.Groups["path"].Value is var path && (Path.IsPathRooted(path) || path.Contains(':', StringComparison.Ordinal))
            ? m.Value
            : $"#r \"{Path.GetFullPath(Path.Combine(folder, path)).Replace('\\', '/')}\"");

    [GeneratedRegex(@"#r ""(?<path>[^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeReference();

    public Task DisposeAsync()
    {
        Directory.Delete(Output, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The first run of a notebook, by its path relative to notebooks/, e.g. <c>solutions/01-seeding-and-rank.ipynb</c>.</summary>
    internal NotebookRun FirstRunOf(string name) =>
        First.SingleOrDefault(r => r.Name == name) ?? throw new InvalidOperationException(
            $"notebooks/{name} was not run; the workbook has: {string.Join(", ", First.Select(r => r.Name))}");

    internal NotebookDocument Executed(string name) => NotebookDocument.Load(FirstRunOf(name).ExecutedPath);
}

[CollectionDefinition(Name)]
public sealed class WorkbookCollection : ICollectionFixture<WorkbookRun>
{
    public const string Name = "workbook";
}
