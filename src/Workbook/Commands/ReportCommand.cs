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

    /// <summary>What <c>report</c> accepts, and its help.</summary>
    public static readonly CommandSpec Spec = new(
        "report",
        "Write the HTML report again from the executed copies.",
        "",
        [CommonOptions.RepositoryOption, CommonOptions.ArtifactsOption],
        """
        Write the HTML report (<artifacts>/report/index.html, one page per notebook) from the executed copies already
        in <artifacts>/notebooks/. The pages open from disk, with no network and no .NET. Exits 1 if it cannot be written.
        """);

    /// <summary>The <c>report</c> command: writes the report of the checkout and artifacts the arguments name.</summary>
    /// <exception cref="UsageException">An option's value is not valid.</exception>
    public static int Run(ParsedArguments arguments) =>
        Run(CommonOptions.Checkout(arguments), Console.WriteLine, Console.Error.WriteLine);

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
        var shown = Shown(repository, output);
        try
        {
            var names = repository.ListWorkbook().Select(n => repository.RelativeName(n)).ToArray();
            var present = names.Where(n => File.Exists(Path.Combine(executed, n))).ToArray();
            if (present.Length == 0)
            {
                error($"workbook: report not written: no executed notebooks in {Shown(repository, executed)}/; run the workbook first " +
                    $"(-- run).");
                return 1;
            }
            var missing = names.Except(present).ToArray();
            if (missing.Length > 0)
            {
                log($"Report leaves out {missing.Length} notebook(s) not executed yet: {string.Join(", ", missing)}");
            }
            var pages = new List<ReportPage>();
            foreach (var name in present)
            {
                try
                {
                    pages.Add(ReportBuilder.Load(executed, name));
                }
                catch (InvalidDataException e)
                {
                    error($"workbook: report leaves out {name}: {e.Message}");
                }
            }
            if (pages.Count == 0)
            {
                error($"workbook: report not written: no readable executed notebooks in {Shown(repository, executed)}/.");
                return 1;
            }
            ReportBuilder.Write(pages, output);
            log($"Report: {shown}/{ReportPaths.Index} and {pages.Count} notebook page(s); it opens from disk, no network needed.");
            return pages.Count == present.Length ? 0 : 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException)
        {
            error($"workbook: could not write the report to {shown}/: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    /// <summary>How messages show <paramref name="path"/>: relative to the checkout when inside it, else in full.</summary>
    public static string Shown(Repository repository, string path)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var relative = Path.GetRelativePath(repository.Root, path);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative).Replace('\\', '/');
    }
}
