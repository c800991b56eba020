using System.Net;
using System.Text;
using Workbook.Notebooks;

namespace Workbook.Report;

/// <summary>
/// A notebook's page: its markdown cells rendered, its code cells as C# for the highlighter with their outputs under
/// them, between navigation bars. HTML outputs go in as the notebook holds them, so the setup cell's output brings
/// plotly.js (once per notebook) and each chart's fragment draws with it.
/// </summary>
internal static class NotebookPageHtml
{
    /// <summary>The whole page for <paramref name="navigation"/>'s notebook.</summary>
    public static string Render(ReportNavigation navigation)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        var page = navigation.Page;
        var body = new StringBuilder();
        var nav = navigation.Html();
        body.Append(nav).Append("<main class=\"notebook\">\n");
        foreach (var cell in page.Notebook.Cells)
        {
            body.Append(Cell(cell));
        }
        body.Append("</main>\n").Append(nav);
        return PageShell.Page(page.Path, page.Title, body.ToString());
    }

    /// <summary>One cell: markdown as HTML; code (and raw cells) as source with its outputs.</summary>
    public static string Cell(NotebookCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.CellType == "markdown")
        {
            return $"<section class=\"cell markdown\">\n{MarkdownHtml.Render(cell.Source)}</section>\n";
        }
        var language = cell.CellType == "code" ? " class=\"language-csharp\"" : "";
        var html = new StringBuilder($"<section class=\"cell {WebUtility.HtmlEncode(cell.CellType)}\">\n")
            .Append("<pre class=\"source\"><code").Append(language).Append('>')
            .Append(WebUtility.HtmlEncode(cell.Source.TrimEnd()))
            .Append("</code></pre>\n");
        if (cell.Outputs.Count > 0)
        {
            html.Append("<div class=\"outputs\">\n");
            foreach (var output in cell.Outputs)
            {
                html.Append(OutputHtml.Render(output));
            }
            html.Append("</div>\n");
        }
        return html.Append("</section>\n").ToString();
    }
}
