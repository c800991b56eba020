using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using Microsoft.FSharp.Core;
using Plotly.NET.CSharp;
using Plotly.NET.TraceObjects;
using static LowRank.ChartStyle;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

public static partial class Charts
{
    /// <summary>
    /// The parameters of B and A, r·(d + k), as a percentage of the full layer's d·k, one bar per layer shape and
    /// rank on a linear axis: bars are grouped by shape and coloured by rank, with exact counts on hover.
    /// </summary>
    /// <param name="layers">Parameter counts from <see cref="ParameterCount.Of(int, int, int)"/>; at least one, none null.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart ParameterShare(IReadOnlyList<ParameterCount> layers,
        string title = "LoRA factors as a share of the full layer's parameters")
    {
        var list = Guard.NoNulls(Guard.NonEmptyList(layers, "layer shape"), nameof(layers));
        ArgumentNullException.ThrowIfNull(title);
        var bars = list.GroupBy(p => p.Rank).OrderBy(g => g.Key).Select(g =>
        {
            var layer = g.ToArray();
            var bar = Chart.Column<double, string, string>(
                layer.Select(Percent).ToArray(),
                Keys: layer.Select(p => $"{p.Rows}×{p.Columns}").ToArray(),
                Name: $"r = {g.Key}",
                MultiText: layer.Select(p => Percent(p).ToString("0.###", CultureInfo.InvariantCulture) + " %").ToArray());
            bar = Hover(bar, layer.Select(p =>
                $"{p.Rows}×{p.Columns}, r = {p.Rank}: {Numbers.Count(p.Full)} in W, {Numbers.Count(p.LowRank)} in B and A " +
                $"({Percent(p).ToString("0.###", CultureInfo.InvariantCulture)} %)"));
            // Values sit above the bars at a readable size; inside, plotly would shrink them to fit thin bars.
            return GenericChart.mapTrace(Styling.Call<FSharpFunc<Trace, Trace>>(typeof(Trace2DStyle), nameof(Trace2DStyle.Bar), new
            {
                TextPosition = StyleParam.TextPosition.Outside,
                TextFont = FontOf(FontSize.Note),
                Constraintext = StyleParam.ConstrainText.None,
                ClipOnAxis = false,
            }), bar);
        });
        var chart = Style(Chart.Combine(bars), title, xTitle: "layer shape d×k", yTitle: "B and A: % of W's parameters", logY: false);
        // Headroom above the tallest bar for its value, which plotly's autorange would put on the plot's edge.
        return WithAxis(chart, x: false, new { Range = StyleParam.Range.NewMinMax(0, LineFigure.BarHeadroom * list.Max(Percent)) });

        static double Percent(ParameterCount p) => 100.0 * p.LowRank / p.Full;
    }
}
