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
                report($"app     {repository.RelativeName(notebook)} -> {Path.GetRelativePath(repository.Root, path).Replace('\\', '/')}");
            }
            catch (AppConversionException e)
            {
                failed++;
                report($"FAILED  app of {repository.RelativeName(notebook)}: {e.Message}");
            }
        }
        report($"{written} app(s) written to {Path.GetRelativePath(repository.Root, output).Replace('\\', '/')}/ (run one: cd into its folder, dotnet run app.cs), {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// The <c>apps [notebook.ipynb ...]</c> command: writes the apps of the given notebooks, or of the whole workbook,
    /// without running any notebook.
    /// </summary>
    public static int Run(IReadOnlyList<string> arguments, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var repository = Repository.Find();
        var missing = arguments.FirstOrDefault(a => !a.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || !File.Exists(a));
        if (missing is not null)
        {
            report($"'{missing}' is not an existing .ipynb file.");
            return 2;
        }
        var notebooks = arguments.Count > 0 ? arguments.Select(Path.GetFullPath).ToArray() : repository.ListWorkbook();
        return Write(repository, notebooks, report);
    }
}
