using Workbook.Report;
using Workbook.Setup;

namespace Workbook.Commands;

/// <summary>
/// The <c>report</c> command, also run at the end of <c>run</c>: writes artifacts/report/ from the executed copies in
/// artifacts/notebooks/ of the workbook's lessons and solutions.
/// </summary>
internal static class ReportCommand
{
    /// <summary>Where the executed copies are read from, relative to the artifacts folder.</summary>
    public const string ExecutedFolder = "notebooks";

    /// <summary>Where the report is written, relative to the artifacts folder.</summary>
    public const string ReportFolder = "report";

    /// <summary>
    /// Writes the report and prints where it is; a notebook not executed yet is left out with a note. Any failure is
    /// printed to <paramref name="error"/> as one line, and the result is then 1 (else 0).
    /// </summary>
    public static int Run(Repository repository, Action<string> log, Action<string> error)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(error);
        var executed = Path.Combine(repository.Artifacts, ExecutedFolder);
        var output = Path.Combine(repository.Artifacts, ReportFolder);
        var shown = Path.GetRelativePath(repository.Root, output).Replace('\\', '/');
        try
        {
            var names = repository.ListWorkbook().Select(n => repository.RelativeName(n)).ToArray();
            var present = names.Where(n => File.Exists(Path.Combine(executed, n))).ToArray();
            if (present.Length == 0)
            {
                error($"workbook: report not written: no executed notebooks in {Path.GetRelativePath(repository.Root, executed)}/; run the workbook first (-- run).");
                return 1;
            }
            var missing = names.Except(present).ToArray();
            if (missing.Length > 0)
            {
                log($"Report leaves out {missing.Length} notebook(s) not executed yet: {string.Join(", ", missing)}");
            }
            var pages = ReportBuilder.Write(executed, present, output);
            log($"Report: {shown}/{ReportPaths.Index} and {pages.Count} notebook page(s); it opens from disk, no network needed.");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException)
        {
            error($"workbook: could not write the report to {shown}/: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }
}
