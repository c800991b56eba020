using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace LowRank;

/// <summary>
/// Notebook integration: display <see cref="UseOfflineCharts"/> once, in the setup cell, and every chart a cell returns
/// draws from the plotly.js embedded in Plotly.NET instead of the CDN.
/// </summary>
public static class Notebook
{
    private static int registered;

    /// <summary>
    /// Registers HTML formatters for Plotly.NET charts and returns the plotly.js loader, which the notebook displays once.
    /// </summary>
    public static PlotlyLoader UseOfflineCharts()
    {
        RegisterFormatters();
        return new PlotlyLoader(PlotlyJs.Version);
    }

    /// <summary>Teaches the kernel's formatter our HTML for charts, the loader and tables; idempotent, and harmless outside a kernel.</summary>
    internal static void RegisterFormatters()
    {
        // Formatting's own HTML types would tie this library to the kernel's exact Microsoft.AspNetCore.Html version,
        // so the loader and tables are types of ours with formatters of ours.
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Fragment(chart)), HtmlFormatter.MimeType);
            Formatter.Register<PlotlyLoader>((_, writer) => writer.Write(ChartHtml.Loader()), HtmlFormatter.MimeType);
            Formatter.Register<Table>((table, writer) => writer.Write(table.ToHtml()), HtmlFormatter.MimeType);
        }
    }
}

/// <summary>The plotly.js loader a notebook displays once; as HTML it carries the embedded plotly.js.</summary>
/// <param name="Version">The plotly.js version loaded.</param>
public sealed record PlotlyLoader(string Version)
{
    /// <inheritdoc/>
    public override string ToString() => $"plotly.js {Version} (embedded in Plotly.NET, no network needed)";
}
