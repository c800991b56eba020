using System.Net;
using System.Text;

namespace Workbook.Report;

/// <summary>The report's front page: every lesson in order with a link to its worked solution.</summary>
internal static class IndexPageHtml
{
    /// <summary>The index for <paramref name="pages"/>; solutions without a lesson in the report are listed after the lessons.</summary>
    public static string Render(IReadOnlyList<ReportPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var names = pages.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var body = new StringBuilder("""
            <main class="index">
            <h1>LowRankNotebooks</h1>
            <p>A C# workbook that teaches the core idea of LoRA (low-rank adaptation): each lesson as it ran, with its
            printed values and charts, and the worked solutions to its exercises. These pages open from disk with no
            network; the notebooks themselves are in the repository's <code>notebooks/</code> folder.</p>
            <h2>Lessons</h2>
            <ol class="lessons">

            """);
        foreach (var lesson in pages.Where(p => !p.IsSolution))
        {
            body.Append("<li>").Append(Link(lesson, lesson.Title));
            if (pages.FirstOrDefault(p => p.Name == lesson.CounterpartName) is { } solution)
            {
                body.Append(" <span class=\"solution-link\">· ").Append(Link(solution, "worked solution")).Append("</span>");
            }
            body.Append("</li>\n");
        }
        body.Append("</ol>\n");
        var orphans = pages.Where(p => p.IsSolution && !names.Contains(p.CounterpartName)).ToArray();
        if (orphans.Length > 0)
        {
            body.Append("<h2>More solutions</h2>\n<ul class=\"solutions\">\n");
            foreach (var solution in orphans)
            {
                body.Append("<li>").Append(Link(solution, solution.Title)).Append("</li>\n");
            }
            body.Append("</ul>\n");
        }
        return PageShell.Page(ReportPaths.Index, "Index", body.Append("</main>\n").ToString());
    }

    private static string Link(ReportPage page, string text) =>
        $"<a href=\"{WebUtility.HtmlEncode(ReportPaths.Href(ReportPaths.Index, page.Path))}\">{WebUtility.HtmlEncode(text)}</a>";
}
