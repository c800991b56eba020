using System.Net;
using System.Text;

namespace LowRank;

/// <summary>
/// A small table of text cells: an HTML table in a notebook (after <see cref="Notebook.UseOfflineCharts"/> or any
/// <see cref="Tables"/> call) and aligned columns as plain text.
/// </summary>
/// <param name="Headers">The column headers.</param>
/// <param name="Rows">The rows, each with one cell per header.</param>
public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The table as HTML, numbers right-aligned.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"lowrank-table\"><thead><tr>");
        foreach (var header in Headers)
        {
            html.Append("<th style=\"text-align:right\">").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td style=\"text-align:right\">").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The table as right-aligned text columns, one line per row.</summary>
    public override string ToString()
    {
        var widths = Headers.Select((h, i) => Rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(IEnumerable<string> cells) => string.Join("  ", cells.Select((c, i) => c.PadLeft(widths[i])));
        return string.Join("\n", Rows.Select(Line).Prepend(Line(Headers)));
    }
}
