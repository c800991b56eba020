using MathNet.Numerics.LinearAlgebra;
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
    private static Task warmUp = Task.CompletedTask;

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
            // A session's first chart waits about a second while .NET compiles Plotly.NET's and Newtonsoft's code. The
            // kernel runs cells on one thread, so drawing tiny figures now, on another, compiles it while the next cells run.
            warmUp = Task.Run(WarmUp);
        }
        return new PlotlyLoader(PlotlyJs.Version);
    }

    /// <summary>The warm-up <see cref="UseOfflineCharts"/> starts; a failure in it would show again in the chart that needs the code.</summary>
    internal static Task WarmedUp => warmUp;

    // The figures' texts do not matter, only that drawing and serialising them runs the code a notebook's charts run.
    private static void WarmUp()
    {
        const string text = nameof(WarmUp);
        double[] values = [1, 2];
        _ = ChartHtml.FigureJson(Charts.Matrices([(text, Matrix<float>.Build.Dense(2, 2, 1f))]));
        _ = ChartHtml.FigureJson(Charts.Matrices([(text, Matrix<double>.Build.Dense(2, 2, 1.0))]));
        _ = ChartHtml.FigureJson(Charts.Lines([(text, values, values)], text, text, text));
    }
}
