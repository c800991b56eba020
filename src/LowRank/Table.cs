using System.Net;
using System.Text;

namespace LowRank;

/// <summary>
/// A small table of text cells: an HTML table in a notebook (after the setup cell's <c>Notebook.UseOfflineCharts()</c>
/// from LowRank.Notebooks) and aligned columns as plain text.
/// </summary>
public sealed record Table
{
    /// <summary>Creates a table; every row must have one cell per header, and no header, row or cell may be null.</summary>
    /// <param name="headers">The column headers.</param>
    /// <param name="rows">The rows; use "" for an empty cell.</param>
    public Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Guard.NoNulls(headers);
        Guard.NoNulls(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != headers.Count)
            {
                throw new ArgumentException($"rows[{i}] has {rows[i].Count} cells, but there are {headers.Count} headers; every row needs one cell per header.", nameof(rows));
            }
            // Checked here because ToString measures every cell's length.
            Guard.NoNulls(rows[i], $"rows[{i}]", nameof(rows));
        }
        (Headers, Rows) = (headers, rows);
    }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The rows, each with one cell per header.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>The table as HTML, numbers right-aligned.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"lowrank-table\"><thead><tr>");
        foreach (var header in Headers)
        {
            html.Append("<th style=\"text-align:right;padding:0 0.75em\">").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td style=\"text-align:right;padding:0 0.75em\">").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
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
