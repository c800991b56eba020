using System.Diagnostics;
using System.Globalization;
using Workbook.Notebooks;
using Workbook.Processes;
using Workbook.Setup;

namespace Workbook.Commands;

/// <summary>The <c>run</c> command: executes the workbook's notebooks headless and reports each as it finishes.</summary>
internal static class RunCommand
{
    /// <summary>Runs the command; returns its exit code (0 all ok, 1 a failure, 130/143 stopped by SIGINT/SIGTERM).</summary>
    /// <exception cref="ArgumentException">The arguments are not valid (see <see cref="RunOptions.Parse"/>).</exception>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, StopSignal stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var options = RunOptions.Parse(arguments);
        var repository = Repository.Find(options.Repository);
        IReadOnlyList<string> notebooks = options.Notebooks.Count > 0 ? options.Notebooks : repository.ListWorkbook();
        if (notebooks.Count == 0)
        {
            Console.Error.WriteLine($"workbook: no notebooks in {repository.Notebooks}.");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var runner = new NotebookRunner(repository) { Timeout = options.Timeout };
        await BuildLibraryAsync(repository, stop.Token).ConfigureAwait(false);
        await runner.RestoreToolsAsync(stop.Token).ConfigureAwait(false);
        var output = Path.Combine(repository.Artifacts, "notebooks");
        var jobs = Math.Min(options.Jobs, notebooks.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Running {notebooks.Count} notebook(s) with dotnet-repl, {jobs} at a time, at most {options.Timeout.TotalSeconds:0.###} s each; executed copies go to {Path.GetRelativePath(repository.Root, output)}/"));
        var gate = new object();
        var runs = await runner.RunAllAsync(notebooks, output, jobs, run => Report(run, gate), cancellationToken: stop.Token).ConfigureAwait(false);
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
            Console.WriteLine($"Report not updated: none of these notebooks is one of the workbook's in {Path.GetRelativePath(repository.Root, repository.Notebooks)}/.");
        }
        var apps = AppsCommand.Write(repository, runs.Where(r => r.Succeeded).Select(r => r.Notebook), Console.WriteLine);
        return exitCode == 0 && reported && apps == 0 ? 0 : 1;
    }

    private static bool RanAnyOfTheWorkbook(Repository repository, IReadOnlyList<NotebookRun> runs)
    {
        var workbook = repository.ListWorkbook().Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        return runs.Any(r => workbook.Contains(Path.GetFullPath(r.Notebook)));
    }

    private static void Report(NotebookRun run, object gate)
    {
        lock (gate)
        {
            Console.WriteLine(NotebookRunner.ProgressLine(run));
            if (!run.Succeeded && !run.Interrupted)
            {
                foreach (var line in run.FailureSummary.Split('\n'))
                {
                    Console.WriteLine($"          {line}");
                }
            }
        }
    }

    private static int Summarize(IReadOnlyList<NotebookRun> runs, TimeSpan elapsed, StopSignal stop)
    {
        var unfinished = runs.Where(r => r.Interrupted).Select(r => r.Name).ToArray();
        var failed = runs.Count(r => !r.Succeeded && !r.Interrupted);
        var ok = runs.Count(r => r.Succeeded);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runs.Count} notebook(s) in {elapsed.TotalSeconds:0.0} s: {ok} ok, {failed} failed{(unfinished.Length > 0 ? $", {unfinished.Length} not finished" : "")}"));
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
    private static async Task BuildLibraryAsync(Repository repository, CancellationToken cancellationToken)
    {
        if (IsRunnersOwn(repository) || !File.Exists(HelperLibrary.Project(repository)))
        {
            return;
        }
        var build = await HelperLibrary.BuildAsync(repository, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building {HelperLibrary.Project(repository)} failed:\n{build.Output}");
        }
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
