using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace LowRank.Notebooks;

/// <summary>
/// The one call a notebook's setup cell makes: <c>Notebook.UseOfflineCharts()</c> teaches the kernel to show charts and
/// tables as HTML, and its result, displayed once, carries the plotly.js every chart on the page draws with.
/// </summary>
public static class Notebook
{
    private static int registered;

    /// <summary>
    /// Registers the HTML formatters for Plotly.NET charts, <see cref="Table"/>s and the loader, and returns the loader.
    /// Call it after any <c>#r "nuget: Plotly.NET.Interactive"</c>: the later registration is the one the kernel uses.
    /// </summary>
    public static PlotlyLoader UseOfflineCharts()
    {
        // Idempotent: Run All twice registers once. Formatting's own HTML types would tie this library to the kernel's
        // exact Microsoft.AspNetCore.Html version, so the loader and tables are types of ours with formatters of ours.
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Fragment(chart)), HtmlFormatter.MimeType);
            Formatter.Register<PlotlyLoader>((_, writer) => writer.Write(ChartHtml.Loader()), HtmlFormatter.MimeType);
            Formatter.Register<Table>((table, writer) => writer.Write(table.ToHtml()), HtmlFormatter.MimeType);
        }
        return new PlotlyLoader(PlotlyJs.Version);
    }
}
