using System.Diagnostics;
using System.Globalization;
using Workbook.Notebooks;
using Workbook.Processes;
using Workbook.Setup;

namespace Workbook.Commands;

/// <summary>The <c>run</c> command: executes the workbook's notebooks headless and reports each as it finishes.</summary>
internal static class RunCommand
{
    /// <summary>What <c>run</c> accepts, and its help.</summary>
    public static readonly CommandSpec Spec = new(
        "run",
        "Execute the notebooks headless, then write the HTML report and the apps.",
        "[NOTEBOOK.ipynb ...]",
        [
            new("--jobs", "N", "How many notebooks run at once (default: the number of processor cores)."),
            new("--timeout", "SECONDS", string.Create(CultureInfo.InvariantCulture,
                $"How long one notebook may run before it is stopped with every process it started (default " +
                    $"{RunOptions.DefaultTimeout.TotalSeconds:0}, from {ArgumentValues.MinTimeout.TotalSeconds:0} to " +
                    $"{ArgumentValues.MaxTimeout.TotalSeconds:0}).")),
            CommonOptions.RepositoryOption,
            CommonOptions.ArtifactsOption,
        ],
        """
        Execute the notebooks (default: the lessons in notebooks/ and their solutions in notebooks/solutions/) headless
        with the checkout's pinned dotnet-repl, writing the executed copies to <artifacts>/notebooks/ under their path
        relative to notebooks/, then the HTML report to <artifacts>/report/ and the apps to <artifacts>/apps/.
        Exits 1 if a notebook fails or the report cannot be written, 130 on SIGINT, 143 on SIGTERM.
        """);

    /// <summary>Runs the command; returns its exit code (0 all ok, 1 a failure, 130/143 stopped by SIGINT/SIGTERM).</summary>
    /// <exception cref="UsageException">The arguments are not valid (see <see cref="RunOptions.From"/>).</exception>
    public static async Task<int> RunAsync(ParsedArguments arguments, StopSignal stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var options = RunOptions.From(arguments);
        var repository = options.Repository;
        IReadOnlyList<string> notebooks = options.Notebooks.Count > 0 ? options.Notebooks : repository.ListWorkbook();
        if (notebooks.Count == 0)
        {
            Console.Error.WriteLine($"workbook: no notebooks in {repository.Notebooks}.");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var progress = RunProgress.ForConsole();
        await BuildLibraryAsync(repository, progress, stop.Token).ConfigureAwait(false);
        await RestoreToolsAsync(repository, progress, stop.Token).ConfigureAwait(false);
        var runner = new NotebookRunner(repository) { Timeout = options.Timeout };
        var output = Path.Combine(repository.Artifacts, ReportCommand.ExecutedFolder);
        if (Leftovers.Stop(output) is { Count: > 0 } leftovers)
        {
            progress.Line($"Stopped {leftovers.Count} process(es) an earlier run left writing to " +
                $"{ReportCommand.Shown(repository, output)}/ " +
                $"when it was killed: {string.Join(", ", leftovers)}");
        }
        var jobs = Math.Min(options.Jobs, notebooks.Count);
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"Running {notebooks.Count} notebook(s) with dotnet-repl, {jobs} at a time, at most {options.Timeout.TotalSeconds:0.###} s " +
                $"each; executed copies go to {ReportCommand.Shown(repository, output)}/"));
        progress.Begin(notebooks.Count);
        var runs = await runner.RunAllAsync(notebooks, output, jobs, progress.Finished, started: progress.Started,
            cancellationToken: stop.Token).ConfigureAwait(false);
        progress.End();
        var exitCode = Summarize(runs, clock.Elapsed, stop);
        if (stop.Received is not null)
        {
            return exitCode;
        }
        // The HTML report and the file-based apps, the workbook's two fallbacks for when the notebook tooling is gone;
        // apps only for the notebooks that ran, as the app of a failing notebook fails too.
        var reported = true;
        if (RanAnyOfTheWorkbook(repository, runs))
        {
            reported = ReportCommand.Run(repository, Console.WriteLine, Console.Error.WriteLine) == 0;
        }
        else
        {
            // Notebooks from elsewhere have nothing to add to the workbook's report, so it stays as it was.
            Console.WriteLine($"Report not updated: none of these notebooks is one of the workbook's in " +
                $"{ReportCommand.Shown(repository, repository.Notebooks)}/.");
        }
        var apps = AppsCommand.Write(repository, runs.Where(r => r.Succeeded).Select(r => r.Notebook), Console.WriteLine);
        return exitCode == 0 && reported && apps == 0 ? 0 : 1;
    }

    private static async Task RestoreToolsAsync(Repository repository, RunProgress progress, CancellationToken cancellationToken)
    {
        progress.Line($"Restoring the local tools pinned in {LocalTool.ManifestPath.Replace('\\', '/')} (dotnet tool restore; the first " +
            $"time, it downloads them) ...");
        var clock = Stopwatch.StartNew();
        await LocalTool.RestoreAsync(repository.Root, cancellationToken).ConfigureAwait(false);
        progress.Line(string.Create(CultureInfo.InvariantCulture, $"Local tools ready ({clock.Elapsed.TotalSeconds:0.0} s)."));
    }

    private static bool RanAnyOfTheWorkbook(Repository repository, IReadOnlyList<NotebookRun> runs)
    {
        var workbook = repository.ListWorkbook().Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        return runs.Any(r => workbook.Contains(Path.GetFullPath(r.Notebook)));
    }

    private static int Summarize(IReadOnlyList<NotebookRun> runs, TimeSpan elapsed, StopSignal stop)
    {
        var unfinished = runs.Where(r => r.Interrupted).Select(r => r.Name).ToArray();
        var failed = runs.Count(r => !r.Succeeded && !r.Interrupted);
        var ok = runs.Count(r => r.Succeeded);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runs.Count} notebook(s) in {elapsed.TotalSeconds:0.0} s: {ok} ok, {failed} " +
                $"failed{(unfinished.Length > 0 ? $", {unfinished.Length} not finished" : "")}"));
        if (stop.Received is { } signal)
        {
            Console.WriteLine(unfinished.Length > 0
                ? $"Stopped by {signal}; not finished: {string.Join(", ", unfinished)}"
                : $"Stopped by {signal}; every notebook had finished.");
            return stop.ExitCode;
        }
        return failed == 0 ? 0 : 1;
    }

    // `dotnet run --project src/Workbook` builds its own checkout's library (a project reference); another checkout,
    // named by --repository, has its library built here, so its notebooks load a current LowRank.dll and LowRank.Notebooks.dll.
    private static async Task BuildLibraryAsync(Repository repository, RunProgress progress, CancellationToken cancellationToken)
    {
        if (IsRunnersOwn(repository) || !File.Exists(HelperLibrary.Project(repository)))
        {
            return;
        }
        progress.Line($"Building the helper library the notebooks load, in {repository.Root} ({HelperLibrary.BuildCommand(repository)}) " +
            $"...");
        var build = await HelperLibrary.BuildAsync(repository, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the helper library failed ({HelperLibrary.BuildCommand(repository)} in " +
                $"{repository.Root}):\n{build.Output}");
        }
        progress.Line(string.Create(CultureInfo.InvariantCulture, $"Helper library built ({build.Elapsed.TotalSeconds:0.0} s)."));
    }

    private static bool IsRunnersOwn(Repository repository)
    {
        try
        {
            return repository.Root == Repository.Find().Root;
        }
        catch (DirectoryNotFoundException)
        {
            // A runner published outside any checkout has no library of its own to build.
            return false;
        }
    }
}
