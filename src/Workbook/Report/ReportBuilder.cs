using System.Text;
using Workbook.Notebooks;

namespace Workbook.Report;

/// <summary>
/// Writes the workbook's HTML report from executed notebooks: <c>index.html</c>, one page per notebook under its
/// path relative to notebooks/, and the assets the pages load. The pages open from disk with no network and no .NET.
/// </summary>
internal static class ReportBuilder
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Builds the report in <paramref name="output"/> from the executed copies in <paramref name="executedFolder"/> of the
    /// notebooks <paramref name="names"/> (relative to notebooks/, in the order the pages follow one another). A previous
    /// report there is replaced; a folder that holds something else is refused rather than emptied.
    /// </summary>
    /// <returns>The pages written, in order.</returns>
    public static IReadOnlyList<ReportPage> Write(string executedFolder, IEnumerable<string> names, string output)
    {
        ArgumentNullException.ThrowIfNull(names);
        var pages = names
            .Select(name => Load(executedFolder, name))
            .ToArray();
        if (pages.Length == 0)
        {
            throw new InvalidOperationException($"No executed notebooks to report on in {executedFolder}.");
        }
        Clear(output);
        ReportAssets.Write(Path.Combine(output, ReportPaths.Assets));
        foreach (var navigation in ReportNavigation.For(pages))
        {
            WritePage(output, navigation.Page.Path, NotebookPageHtml.Render(navigation));
        }
        WritePage(output, ReportPaths.Index, IndexPageHtml.Render(pages));
        return pages;
    }

    private static ReportPage Load(string executedFolder, string name)
    {
        var path = Path.Combine(executedFolder, name.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no executed copy of {name} at {path}.", path);
        }
        var notebook = NotebookDocument.Load(path);
        return new ReportPage(name, NotebookTitle.Of(notebook, Path.GetFileNameWithoutExtension(name)), notebook);
    }

    // Pages of notebooks that are gone must not linger, but only a folder that is a report (or empty) is emptied.
    private static void Clear(string output)
    {
        if (!Directory.Exists(output) || !Directory.EnumerateFileSystemEntries(output).Any())
        {
            return;
        }
        if (!File.Exists(Path.Combine(output, ReportPaths.Index)))
        {
            throw new InvalidOperationException($"{output} exists and is not a report (it has no {ReportPaths.Index}); not writing over it.");
        }
        Directory.Delete(output, recursive: true);
    }

    private static void WritePage(string output, string page, string html)
    {
        var path = Path.Combine(output, page.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, html, Utf8);
    }
}
