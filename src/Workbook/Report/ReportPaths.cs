namespace Workbook.Report;

/// <summary>
/// Paths inside the report, relative to its root with '/' separators. Pages keep their notebook's place under
/// notebooks/, so a notebook's relative links to other notebooks stay right once <c>.ipynb</c> becomes <c>.html</c>.
/// </summary>
internal static class ReportPaths
{
    /// <summary>The folder, relative to the report's root, that holds the browser assets.</summary>
    public const string Assets = "assets";

    /// <summary>The report's front page.</summary>
    public const string Index = "index.html";

    /// <summary>The page for a notebook named relative to notebooks/: <c>solutions/01-x.ipynb</c> gives
    /// <c>solutions/01-x.html</c>.</summary>
    public static string PageFor(string notebookName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebookName);
        var name = notebookName.Replace('\\', '/');
        return name.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) ? name[..^".ipynb".Length] + ".html" : name + ".html";
    }

    /// <summary>
    /// The link from the page at <paramref name="from"/> to the file at <paramref name="to"/>, both relative to the
    /// report's root: <c>Href("solutions/01-x.html", "assets/report.css")</c> is <c>../assets/report.css</c>.
    /// </summary>
    public static string Href(string from, string to)
    {
        var fromFolder = from.Split('/')[..^1];
        var target = to.Split('/');
        var common = 0;
        while (common < fromFolder.Length && common < target.Length - 1 && fromFolder[common] == target[common])
        {
            common++;
        }
        var up = Enumerable.Repeat("..", fromFolder.Length - common);
        return string.Join('/', up.Concat(target[common..].Select(Uri.EscapeDataString)));
    }
}
