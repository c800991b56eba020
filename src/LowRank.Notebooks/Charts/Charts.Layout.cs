using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using static LowRank.ChartStyle;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

// What the figures share: hover text, the line and bar charts' layout and log-axis labels.
public static partial class Charts
{
    private static bool IsFullRank(RankSweepPoint p) => p.Rank == Math.Min(p.Parameters.Rows, p.Parameters.Columns);

    // "r = 10" or "r = 8–10": the ranks a sweep leaves out (below a floor, or losing nothing) are always a run at its end.
    private static string Ranks(int[] ranks) =>
        ranks.Length == 1 ? $"r = {ranks[0]}" : $"r = {ranks[0]}–{ranks[^1]}";

    // Hover shows exactly these texts, one per point, instead of plotly's x and y.
    private static GenericChart Hover(GenericChart chart, IEnumerable<string> texts) => GenericChart.mapTrace(
        Styling.Call<FSharpFunc<Trace, Trace>>(typeof(TraceStyle), nameof(TraceStyle.TextLabel), new
        {
            MultiHoverText = texts.ToArray(),
            HoverInfo = StyleParam.HoverInfo.Text,
        }),
        chart);

    // yValues: every value drawn against the y axis, from which a log axis places its labels; a linear axis ignores them.
    private static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle, bool logY,
        IReadOnlyCollection<double>? yValues = null)
    {
        var styled = Plotly.NET.Chart.withTitle(title, null).Invoke(chart)
            .WithSize(Width: LineFigure.Width, Height: LineFigure.Height)
            .WithXAxisStyle<int, int, int>(TitleText: xTitle, TitleFont: FontOf(FontSize.AxisTitle))
            .WithYAxisStyle<int, int, int>(TitleText: yTitle, TitleFont: FontOf(FontSize.AxisTitle),
                AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithLegendStyle(
                Orientation: StyleParam.Orientation.Horizontal,
                X: 0, XAnchor: StyleParam.XAnchorPosition.Left,
                Y: -(double)LineFigure.LegendBelowAxis / (LineFigure.Height - LineFigure.MarginTop - LineFigure.MarginBottom),
                YAnchor: StyleParam.YAnchorPosition.Top,
                Font: FontOf(FontSize.Body));
        styled = WithLayout(styled, new
        {
            Title = TitleAt(title, FontSize.Title, LineFigure.TitleX),
            Font = FontOf(FontSize.Body),
            Margin = Plotly.NET.LayoutObjects.Margin.init<int, int, int, int, int, bool>(
                Left: FSharpOption<int>.Some(LineFigure.MarginLeft), Right: FSharpOption<int>.Some(LineFigure.MarginRight),
                Top: FSharpOption<int>.Some(LineFigure.MarginTop), Bottom: FSharpOption<int>.Some(LineFigure.MarginBottom),
                Pad: null, Autoexpand: null),
        });
        // Plotly.NET.CSharp's axis styling has no tick font, exponent format or automargin.
        styled = WithAxis(styled, x: true, new { TickFont = FontOf(FontSize.Ticks), AutoMargin = StyleParam.TickAutoMargin.All });
        styled = WithAxis(styled, x: false, new
        {
            TickFont = FontOf(FontSize.Ticks),
            AutoMargin = StyleParam.TickAutoMargin.All,
            ExponentFormat = StyleParam.ExponentFormat.Power,
        });
        if (logY && yValues is { Count: > 0 })
        {
            styled = LogTicks(styled, yValues.Min(), yValues.Max());
        }
        return styled;
    }

    // Over a few decades plotly labels a log axis at 2, 3, 5 … in three-quarter size type, too small to read; labels
    // at 1, 2 and 5 of each decade (or at each decade) in the axis's own size replace them. Wider ranges keep
    // plotly's powers of 10, which it prints larger than the axis font.
    private static GenericChart LogTicks(GenericChart chart, double min, double max)
    {
        var decades = Math.Log10(max / min);
        if (decades > 4)
        {
            return chart;
        }
        int[] multiples = decades < 2.5 ? [1, 2, 5] : [1];
        var ticks = new List<double>();
        for (var exponent = (int)Math.Floor(Math.Log10(min)) - 1; exponent <= (int)Math.Ceiling(Math.Log10(max)); exponent++)
        {
            ticks.AddRange(multiples.Select(m => m * Math.Pow(10, exponent)).Where(v => v >= min / 1.5 && v <= max * 1.5));
        }
        return WithAxis(chart, x: false, new { TickVals = ticks.ToArray(), TickText = ticks.Select(Numbers.Short).ToArray() });
    }

    // Plotly.NET's F# optional arguments are required FSharpOption parameters in C#: null is F#'s None.
    private static Font FontOf(int size) => Font.init(null, FSharpOption<double>.Some(size), null);

    private static Title TitleAt(string text, int size, double x) =>
        Title.init(FSharpOption<string>.Some(text), FSharpOption<Font>.Some(FontOf(size)), null, null, FSharpOption<double>.Some(x),
            FSharpOption<StyleParam.XAnchorPosition>.Some(StyleParam.XAnchorPosition.Left), null, null, null, null, null, null);

    // Chart.withLayoutStyle with only the given arguments set.
    private static GenericChart WithLayout(GenericChart chart, object arguments) =>
        Styling.Call<FSharpFunc<GenericChart, GenericChart>>(typeof(Plotly.NET.Chart), nameof(Plotly.NET.Chart.withLayoutStyle), arguments)
            .Invoke(chart);

    // Merged into the chart's first x or y axis, keeping what is already set there.
    private static GenericChart WithAxis(GenericChart chart, bool x, object arguments)
    {
        var axis = Styling.Init<LinearAxis>(arguments);
        return (x ? Plotly.NET.Chart.withXAxis(axis, null) : Plotly.NET.Chart.withYAxis(axis, null)).Invoke(chart);
    }

    private static string Subscript(int i) =>
        string.Concat(i.ToString(CultureInfo.InvariantCulture).Select(c => (char)('₀' + (c - '0'))));
}
