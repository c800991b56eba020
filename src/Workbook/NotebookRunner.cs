namespace Workbook;

/// <summary>The outcome of executing one notebook headless.</summary>
/// <param name="Notebook">The source notebook's path.</param>
/// <param name="Name">How reports name it: its path relative to notebooks/ (<c>solutions/01-x.ipynb</c>), see <see cref="Repository.RelativeName"/>.</param>
/// <param name="ExecutedPath">Where the executed copy was written.</param>
/// <param name="Elapsed">Wall-clock time of the dotnet-repl process.</param>
/// <param name="ExitCode">dotnet-repl's exit code (2 when a cell failed, -1 when stopped for time).</param>
/// <param name="Errors">The failing cells found in the executed copy.</param>
/// <param name="Log">What dotnet-repl printed.</param>
public sealed record NotebookRun(string Notebook, string Name, string ExecutedPath, TimeSpan Elapsed, int ExitCode, IReadOnlyList<CellError> Errors, string Log)
{
    /// <summary>True when every cell ran without an error and the executed copy exists.</summary>
    public bool Succeeded => ExitCode == 0 && Errors.Count == 0 && File.Exists(ExecutedPath);

    /// <summary>Why the run failed, in a few lines: the failing cells, or the end of dotnet-repl's log.</summary>
    public string FailureSummary => Errors.Count > 0
        ? string.Join("\n", Errors.Select(e => e.ToString()))
        : string.Join("\n", Log.TrimEnd().Split('\n').TakeLast(15));
}

/// <summary>Executes notebooks with the repository's dotnet-repl tool, several at a time, never writing over the sources.</summary>
/// <param name="repository">The checkout whose local tools run the notebooks.</param>
public sealed class NotebookRunner(Repository repository)
{
    /// <summary>How long one notebook may take before it is stopped and reported as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Restores the local tools (dotnet-repl, dotnet-interactive) pinned in .config/dotnet-tools.json.</summary>
    public async Task RestoreToolsAsync()
    {
        var result = await ProcessRunner.RunAsync("dotnet", ["tool", "restore"], repository.Root, Timeout).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet tool restore' failed in {repository.Root}:\n{result.Output}");
        }
    }

    /// <summary>
    /// Runs every notebook, at most <paramref name="parallelism"/> at once, reporting each as it finishes; the executed
    /// copy of each goes to <paramref name="outputFolder"/> under its <see cref="Repository.RelativeName"/>, so
    /// notebooks/solutions/01-x.ipynb and notebooks/01-x.ipynb do not overwrite each other.
    /// </summary>
    /// <param name="notebooks">The notebooks to run.</param>
    /// <param name="outputFolder">Where the executed copies go.</param>
    /// <param name="parallelism">How many run at once, at least 1.</param>
    /// <param name="finished">Called as each run finishes, possibly from several threads at once.</param>
    /// <param name="relativeTo">The folder the names are relative to; notebooks/ when null.</param>
    /// <returns>The runs in the order of <paramref name="notebooks"/>.</returns>
    public async Task<IReadOnlyList<NotebookRun>> RunAllAsync(
        IReadOnlyList<string> notebooks, string outputFolder, int parallelism, Action<NotebookRun>? finished = null, string? relativeTo = null)
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var names = notebooks.Select(n => repository.RelativeName(n, relativeTo)).ToArray();
        // Two notebooks of one name from different folders outside notebooks/ would share an executed copy.
        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new ArgumentException(
                $"notebooks must have distinct names, but {clash.Count()} of them are named '{clash.Key}': " +
                string.Join(", ", notebooks.Where((_, i) => string.Equals(names[i], clash.Key, StringComparison.OrdinalIgnoreCase))) +
                ". Their executed copies would overwrite each other; run them separately.",
                nameof(notebooks));
        }
        Directory.CreateDirectory(outputFolder);
        var runs = new NotebookRun[notebooks.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, notebooks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (i, _) =>
            {
                // Stored by index, so the results keep the input order whatever order the runs finish in.
                runs[i] = await RunAsync(notebooks[i], Path.Combine(outputFolder, names[i]), names[i]).ConfigureAwait(false);
                finished?.Invoke(runs[i]);
            }).ConfigureAwait(false);
        return runs;
    }

    /// <summary>Executes one notebook from its own folder, as VS Code does, so relative <c>#r</c> paths resolve the same way.</summary>
    /// <param name="notebook">The notebook to run; it is not changed.</param>
    /// <param name="executedPath">Where the executed copy goes; any file there is replaced.</param>
    /// <param name="name">How reports name it; its <see cref="Repository.RelativeName"/> when null.</param>
    /// <returns>The run, with the errors found in the executed copy.</returns>
    public async Task<NotebookRun> RunAsync(string notebook, string executedPath, string? name = null)
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
        Directory.CreateDirectory(Path.GetDirectoryName(executedPath)!);
        File.Delete(executedPath);

        var result = await ProcessRunner.RunAsync(
            "dotnet",
            ["dotnet-repl", "--run", notebook, "--exit-after-run", "--output-path", executedPath],
            Path.GetDirectoryName(notebook)!,
            Timeout).ConfigureAwait(false);

        var errors = File.Exists(executedPath) ? ExecutedNotebook.Load(executedPath).Errors : [];
        return new NotebookRun(notebook, name ?? repository.RelativeName(notebook), executedPath, result.Elapsed, result.ExitCode, errors, result.Output);
    }

    /// <summary>Formats a run as one progress line, e.g. <c>ok      solutions/01-rank.ipynb   6.1 s</c>.</summary>
    public static string ProgressLine(NotebookRun run) =>
        $"  {(run.Succeeded ? "ok" : "FAILED"),-7} {run.Name,-44} {run.Elapsed.TotalSeconds,5:0.0} s";
}
