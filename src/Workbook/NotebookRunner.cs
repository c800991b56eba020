namespace Workbook;

/// <summary>The outcome of executing one notebook headless.</summary>
/// <param name="Notebook">The source notebook's path.</param>
/// <param name="ExecutedPath">Where the executed copy was written.</param>
/// <param name="Elapsed">Wall-clock time of the dotnet-repl process.</param>
/// <param name="ExitCode">dotnet-repl's exit code (2 when a cell failed, -1 when stopped for time).</param>
/// <param name="Errors">The failing cells found in the executed copy.</param>
/// <param name="Log">What dotnet-repl printed.</param>
public sealed record NotebookRun(string Notebook, string ExecutedPath, TimeSpan Elapsed, int ExitCode, IReadOnlyList<CellError> Errors, string Log)
{
    /// <summary>The notebook's file name.</summary>
    public string Name => Path.GetFileName(Notebook);

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

    /// <summary>Runs every notebook, at most <paramref name="parallelism"/> at once, reporting each as it finishes.</summary>
    public async Task<IReadOnlyList<NotebookRun>> RunAllAsync(
        IReadOnlyList<string> notebooks, string outputFolder, int parallelism, Action<NotebookRun>? finished = null)
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        Directory.CreateDirectory(outputFolder);
        using var slots = new SemaphoreSlim(parallelism);
        var runs = notebooks.Select(async notebook =>
        {
            await slots.WaitAsync().ConfigureAwait(false);
            try
            {
                var run = await RunAsync(notebook, Path.Combine(outputFolder, Path.GetFileName(notebook))).ConfigureAwait(false);
                finished?.Invoke(run);
                return run;
            }
            finally
            {
                slots.Release();
            }
        });
        return await Task.WhenAll(runs).ConfigureAwait(false);
    }

    /// <summary>Executes one notebook from its own folder, as VS Code does, so relative <c>#r</c> paths resolve the same way.</summary>
    public async Task<NotebookRun> RunAsync(string notebook, string executedPath)
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
        return new NotebookRun(notebook, executedPath, result.Elapsed, result.ExitCode, errors, result.Output);
    }

    /// <summary>Formats a run as one progress line, e.g. <c>ok      01-rank.ipynb   6.1 s</c>.</summary>
    public static string ProgressLine(NotebookRun run) =>
        $"  {(run.Succeeded ? "ok" : "FAILED"),-7} {run.Name,-44} {run.Elapsed.TotalSeconds,5:0.0} s";
}
