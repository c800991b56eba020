using System.Globalization;
using Workbook.Processes;
using Workbook.Setup;

namespace Workbook.Notebooks;

/// <summary>Executes notebooks with the repository's dotnet-repl tool, several at a time, never writing over the sources.</summary>
/// <param name="repository">The checkout whose pinned local tools run the notebooks.</param>
internal sealed class NotebookRunner(Repository repository)
{
    private const string Repl = "dotnet-repl";

    // Everything a notebook leaves running is killed when it ends. A `#r "nuget:"` restore could otherwise leave MSBuild
    // nodes that other builds on the machine connect to and would lose mid-build; without node reuse they exit with it.
    private static readonly Dictionary<string, string> NoSharedServers = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
    };

    // Resolved once per runner, from tools restored before (LocalTool.RestoreAsync); two runs that race to resolve it
    // first get the same answer, so no lock is needed.
    private LocalTool? repl;

    /// <summary>How long one notebook may take before it is stopped, with every process it started, and reported as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs every notebook, at most <paramref name="parallelism"/> at once, reporting each as it finishes; the executed
    /// copy of each goes to <paramref name="outputFolder"/> under its <see cref="Repository.ArtifactName"/>, so
    /// notebooks/solutions/01-x.ipynb, notebooks/01-x.ipynb and /elsewhere/01-x.ipynb do not overwrite each other. The executed copies of
    /// all
    /// of them are deleted first, so a run that is stopped leaves fresh copies or none, never stale ones.
    /// </summary>
    /// <param name="notebooks">The notebooks to run.</param>
    /// <param name="outputFolder">Where the executed copies go.</param>
    /// <param name="parallelism">How many run at once, at least 1.</param>
    /// <param name="finished">Called as each run that started finishes, possibly from several threads at once.</param>
    /// <param name="relativeTo">The folder the names are relative to; notebooks/ when null.</param>
    /// <param name="started">Called with a notebook's name as its kernel starts, possibly from several threads at once.</param>
    /// <param name="cancellationToken">Stops the running notebooks (with their processes) and keeps the rest from starting.</param>
    /// <returns>The runs in the order of <paramref name="notebooks"/>, including the interrupted and the never started.</returns>
    public async Task<IReadOnlyList<NotebookRun>> RunAllAsync(
        IReadOnlyList<string> notebooks, string outputFolder, int parallelism, Action<NotebookRun>? finished = null,
            string? relativeTo = null,
        Action<string>? started = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var names = notebooks.Select(n => repository.RelativeName(n, relativeTo)).ToArray();
        var places = notebooks.Select(n => repository.ArtifactName(n, relativeTo)).ToArray();
        RefuseSameNames(notebooks, names);
        var copies = places.Select(n => new ExecutedCopy(Path.GetFullPath(Path.Combine(outputFolder, n)))).ToArray();
        var problems = copies.Select(c => c.Clear()).ToArray();
        var runs = new NotebookRun[notebooks.Count];
        Task<NotebookRun> StartAsync(int i)
        {
            started?.Invoke(names[i]);
            return RunAsync(notebooks[i], copies[i].Path, names[i], cancellationToken);
        }
        await Parallel.ForEachAsync(
            Enumerable.Range(0, notebooks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (i, _) =>
            {
                // Stored by index, so the results keep the input order whatever order the runs finish in.
                runs[i] = cancellationToken.IsCancellationRequested
                    ? NotStarted(notebooks[i], names[i], copies[i].Path)
                    : problems[i] is { } problem
                        ? Refused(notebooks[i], names[i], copies[i].Path, problem)
                        : await StartAsync(i).ConfigureAwait(false);
                if (!runs[i].Interrupted || runs[i].Elapsed > TimeSpan.Zero)
                {
                    finished?.Invoke(runs[i]);
                }
            }).ConfigureAwait(false);
        return runs;
    }

    /// <summary>Executes one notebook from its own folder, as VS Code does, so relative <c>#r</c> paths resolve the same way.</summary>
    /// <param name="notebook">The notebook to run; it is not changed.</param>
    /// <param name="executedPath">Where the executed copy goes; any file there is replaced once the run finished.</param>
    /// <param name="name">How reports name it; its <see cref="Repository.RelativeName"/> when null.</param>
    /// <param name="cancellationToken">Stops the run, with every process it started.</param>
    /// <returns>The run, with the errors found in the executed copy, or the problem that kept it from finishing.</returns>
    public async Task<NotebookRun> RunAsync(string notebook, string executedPath, string? name = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebook);
        ArgumentException.ThrowIfNullOrWhiteSpace(executedPath);
        notebook = Path.GetFullPath(notebook);
        executedPath = Path.GetFullPath(executedPath);
        if (!File.Exists(notebook))
        {
            throw new ArgumentException($"The notebook '{notebook}' does not exist.", nameof(notebook));
        }
        if (notebook == executedPath)
        {
            throw new ArgumentException($"The executed copy must not overwrite the source notebook '{notebook}'.", nameof(executedPath));
        }
        name ??= repository.RelativeName(notebook);
        var copy = new ExecutedCopy(executedPath);
        if ((Unreadable(notebook) ?? copy.Clear()) is { } problem)
        {
            return Refused(notebook, name, executedPath, problem);
        }
        var temporary = copy.NewTemporaryPath();
        try
        {
            var result = await ExecuteAsync(notebook, temporary, cancellationToken).ConfigureAwait(false);
            return Finish(notebook, name, copy, temporary, result);
        }
        finally
        {
            ExecutedCopy.Discard(temporary);
        }
    }

    /// <summary>Formats a run as one progress line, e.g. <c>ok      solutions/01-rank.ipynb   6.1 s</c>.</summary>
    public static string ProgressLine(NotebookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var verdict = run.Succeeded ? "ok" : run.Interrupted ? "STOPPED" : "FAILED";
        return string.Create(CultureInfo.InvariantCulture, $"  {verdict,-7} {run.Name,-44} {run.Elapsed.TotalSeconds,5:0.0} s");
    }

    private async Task<ProcessResult> ExecuteAsync(string notebook, string temporary, CancellationToken cancellationToken)
    {
        repl ??= await LocalTool.ResolveAsync(repository.Root, Repl, cancellationToken).ConfigureAwait(false);
        return await ProcessRunner.RunAsync(
            repl.FileName,
            [.. repl.Arguments, "--run", notebook, "--exit-after-run", "--output-path", temporary],
            Path.GetDirectoryName(notebook)!,
            Timeout,
            environment: new Dictionary<string, string>(NoSharedServers.Concat(Leftovers.Marks(Path.GetDirectoryName(temporary)!))),
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private NotebookRun Finish(string notebook, string name, ExecutedCopy copy, string temporary, ProcessResult result)
    {
        var run = new NotebookRun(notebook, name, copy.Path, result.Elapsed, result.ExitCode, [], result.Output);
        if (result.End != ProcessEnd.Exited)
        {
            return run with { Problem = StoppedProblem(result, Timeout), Interrupted = result.End == ProcessEnd.Cancelled };
        }
        if (!File.Exists(temporary))
        {
            return run with { Problem = string.Create(CultureInfo.InvariantCulture,
                $"dotnet-repl exited with code {result.ExitCode} and wrote no executed copy, so the kernel ended before the last cell " +
                    $"finished (a cell that calls Environment.Exit, or a crash): {NotebookRun.Reason(result.Output)}") };
        }
        NotebookDocument executed;
        try
        {
            executed = NotebookDocument.Load(temporary);
        }
        catch (InvalidDataException e)
        {
            return run with { Problem = $"dotnet-repl wrote an executed copy that cannot be read: {e.Message}" };
        }
        // dotnet-repl keeps every "Installing Packages" display a cell showed while it restored; the copy keeps what a
        // live front end ends up showing, the "Installed Packages" list.
        var errors = executed.Errors;
        return copy.Commit(temporary, executed.WithoutPackageProgress()) is { } problem
            ? run with { Errors = errors, Problem = problem }
            : run with { Errors = errors };
    }

    private static string StoppedProblem(ProcessResult result, TimeSpan limit) => result.End == ProcessEnd.TimedOut
        ? string.Create(CultureInfo.InvariantCulture, $"stopped at the per-notebook limit of {limit.TotalSeconds:0.###} s (--timeout), " +
            $"with every process it started; no executed copy was written")
        : "stopped on request (SIGINT or SIGTERM) before it finished, with every process it started; no executed copy was written";

    // A notebook dotnet-repl cannot parse would fail with a stack trace; said in one line instead, without starting it.
    private static string? Unreadable(string notebook)
    {
        try
        {
            _ = NotebookDocument.Load(notebook);
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read {notebook}: {e.Message}";
        }
    }

    private static NotebookRun Refused(string notebook, string name, string executedPath, string problem) =>
        new(notebook, name, executedPath, TimeSpan.Zero, -1, [], "") { Problem = problem };

    private static NotebookRun NotStarted(string notebook, string name, string executedPath) =>
        new(notebook, name, executedPath, TimeSpan.Zero, -1, [], "") { Problem = "not started: the run was stopped first",
            Interrupted = true };

    // Two notebooks of one name could not be told apart in the progress lines, and one given twice would share a copy.
    private static void RefuseSameNames(IReadOnlyList<string> notebooks, string[] names)
    {
        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new ArgumentException(
                $"notebooks must have distinct names, but {clash.Count()} of them are named '{clash.Key}': " +
                string.Join(", ", notebooks.Where((_, i) => string.Equals(names[i], clash.Key, StringComparison.OrdinalIgnoreCase))) +
                ". Their progress lines and failures could not be told apart; run them separately.",
                nameof(notebooks));
        }
    }
}
