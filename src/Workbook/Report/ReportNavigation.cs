using System.Net;
using System.Text;

namespace Workbook.Report;

/// <summary>The links around a page: the previous and next page in the workbook's order, the index, and the page it pairs with.</summary>
/// <param name="Page">The page the links are on.</param>
/// <param name="Previous">The page before it, if any.</param>
/// <param name="Next">The page after it, if any.</param>
/// <param name="Counterpart">A lesson's worked solution, or a solution's lesson, if the report has it.</param>
internal sealed record ReportNavigation(ReportPage Page, ReportPage? Previous, ReportPage? Next, ReportPage? Counterpart)
{
    /// <summary>The navigation of every page, in the order given (the run command's: lessons, then solutions).</summary>
    public static IReadOnlyList<ReportNavigation> For(IReadOnlyList<ReportPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var byName = pages.ToDictionary(p => p.Name, StringComparer.Ordinal);
        return pages.Select((page, i) => new ReportNavigation(
                page,
                i > 0 ? pages[i - 1] : null,
                i + 1 < pages.Count ? pages[i + 1] : null,
                byName.GetValueOrDefault(page.CounterpartName)))
            .ToArray();
    }

    /// <summary>The navigation bar as HTML.</summary>
    public string Html()
    {
        var bar = new StringBuilder("<nav class=\"report-nav\">\n");
        bar.Append(Link(Previous, "previous", "← ")).Append(Link(Page.Path, ReportPaths.Index, "index", "Index", ""));
        if (Counterpart is not null)
        {
            bar.Append(Link(Page.Path, Counterpart.Path, "counterpart", Counterpart.IsSolution ? "Worked solution" : "Lesson", ""));
        }
        return bar.Append(Link(Next, "next", "", " →")).Append("</nav>\n").ToString();
    }

    private string Link(ReportPage? target, string role, string before, string after = "") =>
        target is null ? $"<span class=\"{role}\"></span>\n" : Link(Page.Path, target.Path, role, target.Title, before, after);

    private static string Link(string from, string to, string role, string text, string before, string after = "")
    {
        // rel="prev"/"next" lets browsers and readers step through the workbook in order.
        var rel = role is "previous" ? " rel=\"prev\"" : role is "next" ? " rel=\"next\"" : "";
        return $"<a class=\"{role}\"{rel} " +
            $"href=\"{WebUtility.HtmlEncode(ReportPaths.Href(from, to))}\">{before}{WebUtility.HtmlEncode(text)}{after}</a>\n";
    }
}
