using Workbook;

namespace Workbook.Tests;

/// <summary>
/// Executes every notebook in notebooks/ once per test run, exactly as the README's run command does (Release build of
/// the library, local tools, dotnet-repl from the notebook's folder), and once more as "Run All twice" in one kernel.
/// </summary>
public sealed class WorkbookRun : IAsyncLifetime
{
    public Repository Repository { get; } = Repository.Find(AppContext.BaseDirectory);

    public IReadOnlyList<string> Notebooks => Repository.ListNotebooks();

    public IReadOnlyList<NotebookRun> First { get; private set; } = [];

    /// <summary>Runs of copies whose cells are the notebook's cells twice over, as pressing Run All twice in one kernel does.</summary>
    public IReadOnlyList<NotebookRun> Twice { get; private set; } = [];

    public string Output => Path.Combine(Repository.Artifacts, "test-notebooks");

    public async Task InitializeAsync()
    {
        var runner = new NotebookRunner(Repository);
        await runner.RestoreToolsAsync();
        var build = await ProcessRunner.RunAsync(
            "dotnet", ["build", Path.Combine("src", "LowRank", "LowRank.csproj"), "-c", "Release", "--nologo", "-v", "q"],
            Repository.Root, TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, $"Building the library for the notebooks failed:\n{build.Output}");

        var jobs = Math.Max(1, Environment.ProcessorCount);
        First = await runner.RunAllAsync(Notebooks, Path.Combine(Output, "first"), jobs);
        var doubled = Notebooks.Select(n => WriteDoubled(n, Path.Combine(Output, "twice-source"))).ToArray();
        Twice = await runner.RunAllAsync(doubled, Path.Combine(Output, "twice"), jobs);
    }

    // The copy lives outside notebooks/, so its relative #r path to the library is made absolute.
    private string WriteDoubled(string notebook, string folder)
    {
        var library = "#r \"" + Path.Combine(Repository.Root, "src").Replace('\\', '/') + "/";
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
                source[i] = ((string)source[i]!).Replace("#r \"../src/", library, StringComparison.Ordinal);
            }
        }
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Path.GetFileName(notebook));
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public NotebookRun FirstRunOf(string name) =>
        First.SingleOrDefault(r => r.Name == name) ?? throw new InvalidOperationException(
            $"notebooks/{name} was not run; the workbook has: {string.Join(", ", First.Select(r => r.Name))}");

    public ExecutedNotebook Executed(string name) => ExecutedNotebook.Load(FirstRunOf(name).ExecutedPath);
}

[CollectionDefinition(Name)]
public sealed class WorkbookCollection : ICollectionFixture<WorkbookRun>
{
    public const string Name = "workbook";
}
