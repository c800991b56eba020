using Workbook.Apps;
using Workbook.Setup;

namespace Workbook.Commands;

/// <summary>
/// The <c>apps</c> command, and the step of the <c>run</c> command that follows the notebooks: write every notebook's
/// file-based app to artifacts/apps/.
/// </summary>
internal static class AppsCommand
{
    /// <summary>Where the apps go: artifacts/apps/, under the notebooks' paths relative to notebooks/.</summary>
    public static string Output(Repository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return Path.Combine(repository.Artifacts, "apps");
    }

    /// <summary>
    /// Writes the app of each notebook to <paramref name="output"/> (default artifacts/apps/), reporting one line per
    /// notebook and each conversion error; returns 0 when every app was written, 1 otherwise.
    /// </summary>
    public static int Write(Repository repository, IEnumerable<string> notebooks, Action<string> report, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(notebooks);
        ArgumentNullException.ThrowIfNull(report);
        output ??= Output(repository);
        var failed = 0;
        var written = 0;
        foreach (var notebook in notebooks)
        {
            try
            {
                var path = AppWriter.Write(repository, notebook, output);
                written++;
                report($"app     {repository.RelativeName(notebook)} -> {ReportCommand.Shown(repository, path)}");
            }
            catch (Exception e) when (e is AppConversionException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                failed++;
                report($"no app  {repository.RelativeName(notebook)}: {e.Message.ReplaceLineEndings(" ")}");
            }
        }
        report($"{written} app(s) written to {ReportCommand.Shown(repository, output)}/ (run one: cd into its folder, dotnet run " +
            $"app.cs), {failed} without an app");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>What <c>apps</c> accepts, and its help.</summary>
    public static readonly CommandSpec Spec = new(
        "apps",
        "Write each notebook as a .NET 10 file-based app.",
        "[NOTEBOOK.ipynb ...]",
        [CommonOptions.RepositoryOption, CommonOptions.ArtifactsOption],
        """
        Write each notebook (default: the lessons and their solutions) as a .NET 10 file-based app to
        <artifacts>/apps/<name>/app.cs, without running any notebook (run also does this). Exits 1 if one cannot be written.
        """);

    /// <summary>
    /// The <c>apps</c> command: writes the apps of the notebooks named, or of the whole workbook, without running any notebook.
    /// </summary>
    /// <exception cref="UsageException">An operand is not an existing .ipynb file, or an option's value is not valid.</exception>
    public static int Run(ParsedArguments arguments, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string[] named = [.. arguments.Operands.Select(ArgumentValues.Notebook)];
        var repository = CommonOptions.Checkout(arguments);
        return Write(repository, named.Length > 0 ? named : repository.ListWorkbook(), report);
    }
}
