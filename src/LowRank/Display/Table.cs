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
    /// <param name="headers">The column headers. They are copied, so changing the list later does not change the table.</param>
    /// <param name="rows">The rows; use "" for an empty cell. They are copied, rows and cells alike.</param>
    public Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        // Copied first and checked as copied: a caller's list changed after the check could otherwise put a null or a
        // ragged row into a table that was validated, and ToHtml would fail long after this call.
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var headerCopy = Array.AsReadOnly(headers.ToArray());
        Guard.NoNulls(headerCopy, nameof(headers));
        var rowCopies = Array.AsReadOnly(Guard.NoNulls(rows.ToArray(),
            nameof(rows)).Select(row => Array.AsReadOnly(row.ToArray())).ToArray());
        for (var i = 0; i < rowCopies.Count; i++)
        {
            if (rowCopies[i].Count != headerCopy.Count)
            {
                throw Guard.Invalid(nameof(rows),
                    $"rows[{i}] has {rowCopies[i].Count} cells, but there are {headerCopy.Count} headers; every row needs one cell per " +
                        $"header.");
            }
            // Checked here because ToString measures every cell's length.
            Guard.NoNulls(rowCopies[i], $"rows[{i}]", nameof(rows));
        }
        Headers = headerCopy;
        Rows = rowCopies;
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
