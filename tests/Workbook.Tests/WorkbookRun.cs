using Workbook;

namespace Workbook.Tests;

/// <summary>
/// Executes every notebook in notebooks/ twice (the second run checks determinism), once per test run,
/// exactly as the README's run command does: Release build of the library, local tools, dotnet-repl from the notebook's folder.
/// </summary>
public sealed class WorkbookRun : IAsyncLifetime
{
    public Repository Repository { get; } = Repository.Find(AppContext.BaseDirectory);

    public IReadOnlyList<string> Notebooks => Repository.ListNotebooks();

    public IReadOnlyList<NotebookRun> First { get; private set; } = [];

    public IReadOnlyList<NotebookRun> Second { get; private set; } = [];

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
        Second = await runner.RunAllAsync(Notebooks, Path.Combine(Output, "second"), jobs);
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
