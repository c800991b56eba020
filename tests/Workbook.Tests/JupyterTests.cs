using System.Collections.Concurrent;
using Workbook;

namespace Workbook.Tests;

/// <summary>
/// Jupyter runs the notebooks too: with the repository's pinned dotnet-interactive registered as the .NET (C#) kernel,
/// <c>jupyter nbconvert --execute</c> runs every lesson and solution from its own folder without an error, and each
/// prints what the dotnet-repl run printed. Where jupyter is not installed the tests are skipped, except on CI.
/// </summary>
[Collection(WorkbookCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class JupyterTests(WorkbookRun workbook, JupyterRun jupyter) : IClassFixture<JupyterRun>
{
    public static TheoryData<string> Notebooks => NotebookExecutionTests.Notebooks;

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_in_Jupyter_and_prints_what_dotnet_repl_prints(string name)
    {
        jupyter.SkipUnlessInstalled();
        var run = jupyter.Runs[name];
        Assert.True(run.Result.ExitCode == 0, $"jupyter nbconvert --execute {name} exited with " +
            $"{run.Result.ExitCode}:\n{Tail(run.Result.Output)}");
        var executed = NotebookDocument.Load(run.ExecutedPath);
        var errors = executed.Cells.SelectMany(c => c.Outputs.Where(o => o.OutputType == "error").Select(o => $"cell {c.Number} " +
            $"({c.FirstLine}): {o.ErrorName}: {o.ErrorValue}"));
        Assert.Empty(errors);

        // Only printed text is compared: Jupyter records a returned value as execute_result where dotnet-repl writes
        // display_data, and adds a require.js bootstrap output to the first #r "nuget:" cell.
        var repl = workbook.Executed(name).Cells;
        Assert.Equal(repl.Count, executed.Cells.Count);
        foreach (var (expected, actual) in repl.Zip(executed.Cells))
        {
            Assert.True(expected.StreamText == actual.StreamText,
                $"{name}, cell {expected.Number} ({expected.FirstLine}) printed in Jupyter:\n{actual.StreamText}\nbut with " +
                    $"dotnet-repl:\n{expected.StreamText}");
        }
    }

    private static string Tail(string log) => string.Join("\n", log.TrimEnd().Split('\n').TakeLast(30));
}

/// <summary>
/// One Jupyter run of the workbook per test run: registers the kernel once, then executes two notebooks at a time into a
/// temporary folder, deleted afterwards.
/// </summary>
public sealed class JupyterRun : IAsyncLifetime
{
    private const string Missing =
        "jupyter is not on the PATH, so the notebooks were not run in Jupyter. Install it (Debian/Ubuntu: " +
        "sudo apt-get install jupyter-nbconvert python3-nbclient; elsewhere: pip install nbconvert nbclient).";

    private readonly Repository repository = Repository.Find(AppContext.BaseDirectory);
    private readonly string output = Directory.CreateTempSubdirectory("lowrank-jupyter-").FullName;

    /// <summary>The jupyter executable, or null when it is not installed.</summary>
    public string? Jupyter { get; } = FindOnPath("jupyter");

    /// <summary>Each notebook's nbconvert run, by its path relative to notebooks/.</summary>
    internal IReadOnlyDictionary<string, JupyterNotebookRun> Runs { get; private set; } = new Dictionary<string, JupyterNotebookRun>();

    /// <summary>Fails on CI (CI=true), where the Jupyter check must not quietly vanish; elsewhere skips the test.</summary>
    public void SkipUnlessInstalled()
    {
        if (Jupyter is null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true: " + Missing);
        }
        Skip.If(Jupyter is null, Missing);
    }

    public async Task InitializeAsync()
    {
        if (Jupyter is null)
        {
            return;
        }
        var timeout = TimeSpan.FromMinutes(5);
        var quiet = new Dictionary<string, string> { ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1" };
        // dotnet-interactive writes its kernelspecs only into a kernels folder that already exists.
        var dataDir = await ProcessRunner.RunAsync(Jupyter, ["--data-dir"], repository.Root, timeout).ConfigureAwait(false);
        Assert.True(dataDir.ExitCode == 0, $"jupyter --data-dir failed:\n{dataDir.Output}");
        Directory.CreateDirectory(Path.Combine(dataDir.Output.Trim(), "kernels"));
        // Run from the root, so the kernel registered is the repository's pinned local tool.
        var install = await ProcessRunner.RunAsync(
            "dotnet", ["tool", "run", "dotnet-interactive", "jupyter", "install"], repository.Root, timeout,
                environment: quiet).ConfigureAwait(false);
        Assert.True(install.ExitCode == 0 && install.Output.Contains("Installed \".NET (C#)\" kernel", StringComparison.Ordinal),
            $"Registering the .NET (C#) kernel failed:\n{install.Output}");

        var runs = new ConcurrentDictionary<string, JupyterNotebookRun>();
        // Two at a time: each kernel is a dotnet-interactive process compiling C#, and the machines running this are small.
        await Parallel.ForEachAsync(repository.ListWorkbook(), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (notebook, _) =>
        {
            var name = repository.RelativeName(notebook);
            var folder = Path.GetDirectoryName(Path.Combine(output, name))!;
            var executed = Path.Combine(folder, Path.GetFileName(notebook));
            Directory.CreateDirectory(folder);
            File.Delete(executed);
            runs[name] = new JupyterNotebookRun(executed, await ExecuteAsync(notebook, folder, quiet).ConfigureAwait(false));
        }).ConfigureAwait(false);
        Runs = runs;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(output, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<ProcessResult> ExecuteAsync(string notebook, string outputFolder, IReadOnlyDictionary<string, string> environment)
    {
        for (var attempt = 1; ; attempt++)
        {
            // From the notebook's folder: the kernel finds the pinned tool and the relative #r paths from there.
            var result = await ProcessRunner.RunAsync(
                Jupyter!,
                ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600", "--output-dir", outputFolder,
                    Path.GetFileName(notebook)],
                Path.GetDirectoryName(notebook)!,
                TimeSpan.FromMinutes(15),
                environment: environment).ConfigureAwait(false);
            // The kernelspec makes each kernel take the first free port of 2048-3000 for its HTTP API; two kernels that
            // start together (here, or another checkout's tests) can pick the same one, and the loser dies before the
            // notebook runs. Started again, it finds the next port free.
            if (result.ExitCode == 0 || attempt == 4 || !result.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                return result;
            }
            await Task.Delay(TimeSpan.FromSeconds(attempt)).ConfigureAwait(false);
        }
    }

    private static string? FindOnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd" } : [program];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => names.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>One notebook executed by <c>jupyter nbconvert</c>.</summary>
/// <param name="ExecutedPath">Where nbconvert wrote the executed copy.</param>
/// <param name="Result">nbconvert's exit code and log.</param>
internal sealed record JupyterNotebookRun(string ExecutedPath, ProcessResult Result);
