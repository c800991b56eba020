using System.Globalization;

namespace Workbook.Notebooks;

/// <summary>The outcome of executing one notebook headless.</summary>
/// <param name="Notebook">The source notebook's path.</param>
/// <param name="Name">How reports name it: its path relative to notebooks/ (<c>solutions/01-x.ipynb</c>), see <see
/// cref="Setup.Repository.RelativeName"/>.</param>
/// <param name="ExecutedPath">Where the executed copy was written.</param>
/// <param name="Elapsed">Wall-clock time of the dotnet-repl process.</param>
/// <param name="ExitCode">dotnet-repl's exit code (2 when a cell failed, -1 when it was stopped or never started).</param>
/// <param name="Errors">The failing cells found in the executed copy.</param>
/// <param name="Log">What dotnet-repl printed.</param>
internal sealed record NotebookRun(string Notebook, string Name, string ExecutedPath, TimeSpan Elapsed, int ExitCode,
    IReadOnlyList<CellError> Errors, string Log)
{
    /// <summary>Why the run failed when no cell's error says it: a notebook that cannot be read, a copy that cannot be
    /// written, a kernel that died or ran too long.</summary>
    public string? Problem { get; init; }

    /// <summary>True when a stop request (SIGINT, SIGTERM) ended the run early or kept it from starting.</summary>
    public bool Interrupted { get; init; }

    /// <summary>True when every cell ran without an error and the executed copy exists.</summary>
    public bool Succeeded => ExitCode == 0 && Errors.Count == 0 && Problem is null && !Interrupted && File.Exists(ExecutedPath);

    /// <summary>
    /// Why the run failed, in a few lines: the failing cells with their errors, else the problem, else the first line of
    /// dotnet-repl's log that says why (its last lines are mostly a stack trace).
    /// </summary>
    public string FailureSummary =>
        Errors.Count > 0 ? string.Join("\n", Errors.Select(e => e.ToString()))
        : Problem ?? string.Create(CultureInfo.InvariantCulture, $"dotnet-repl exited with code {ExitCode}: {Reason(Log)}");

    /// <summary>The first line of a log that names an exception or an error, else its first non-blank line.</summary>
    public static string Reason(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var lines = log.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        return lines.FirstOrDefault(l => l.Contains("exception", StringComparison.OrdinalIgnoreCase) || l.Contains("error",
            StringComparison.OrdinalIgnoreCase))
            ?? lines.FirstOrDefault()
            ?? "it printed nothing";
    }
}
