using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

/// <summary>
/// The workbook's Plotly.NET figures, with titles, axis titles, hover text and legends; values that span decades
/// go on log axes. Display one as a cell's last expression after <see cref="Notebook.UseOfflineCharts"/>.
/// </summary>
public static class Charts
{
    private static readonly Color Signal = Color.fromHex("#1f77b4");
    private static readonly Color Zero = Color.fromHex("#bbbbbb");
    private static readonly Color Accent = Color.fromHex("#d62728");

    // Line and bar charts: the legend goes in a row under the x-axis title, so however long its entries are they
    // never take width from the plot. Sizes in pixels.
    private const int Width = 900;
    private const int Height = 560;
    private const int MarginTop = 80;
    private const int MarginBottom = 130;
    private const int LegendBelowAxis = 68;

    /// <summary>
    /// The singular value spectrum as bars on a log axis, with the numerical-zero tolerance drawn as a dashed line;
    /// every σ at or below it is grey and says "numerical zero" on hover. A log axis has no place for an exact 0, so
    /// σ = 0 and a tolerance of 0 are left out of the drawing and named in the legend instead (e.g. "σ₃ = 0, not drawn on a log axis").
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="singularValues">The singular values, largest first; every one finite.</param>
    /// <param name="tolerance">The rank tolerance, a number ≥ 0, e.g. <see cref="MatrixRank.DefaultTolerance{T}(Matrix{T})"/>.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart SingularValues<T>(Vector<T> singularValues, double tolerance, string title = "Singular values of W")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Finite(singularValues);
        Guard.Tolerance(tolerance);
        var sigma = singularValues.Select(s => double.CreateChecked(s)).ToArray();
        var keys = Enumerable.Range(1, sigma.Length).Select(i => $"σ{Subscript(i)}").ToArray();
        var drawn = Enumerable.Range(0, sigma.Length).Where(i => sigma[i] != 0).ToArray();
        var zeros = Enumerable.Range(0, sigma.Length).Where(i => sigma[i] == 0).Select(i => keys[i]).ToArray();
        var isZero = drawn.Select(i => sigma[i] <= tolerance).ToArray();
        var bars = Chart.Column<double, string, string>(
                drawn.Select(i => sigma[i]).ToArray(),
                Keys: drawn.Select(i => keys[i]).ToArray(),
                Name: "singular values σ<sub>i</sub>" + (zeros.Length > 0 ? $" ({string.Join(", ", zeros)} = 0, not drawn on a log axis)" : ""),
                MarkerColor: Color.fromColors(isZero.Select(z => z ? Zero : Signal)))
            .WithTraceInfo(ShowLegend: true);
        // In-bar labels on bars a few pixels tall cannot be read, so the verdict goes to hover and the legend.
        Hover(bars, drawn.Select((i, n) =>
            $"{keys[i]} = {Numbers.Short(sigma[i])}" + (isZero[n] ? $": numerical zero (≤ tolerance {Numbers.Short(tolerance)})" : "")));
        // With tolerance 0 every nonzero σ counts; the line would sit at 0, off the axis, so it is named but has no points.
        var lineKeys = tolerance == 0 ? [] : keys;
        var line = Chart.Line<string, double, string>(
                lineKeys,
                Enumerable.Repeat(tolerance, lineKeys.Length),
                Name: tolerance == 0
                    ? "tolerance 0 (every σ > 0 counts; not drawn on a log axis)"
                    : $"tolerance {Numbers.Short(tolerance)}: σ<sub>i</sub> at or below it (grey bars) count as 0",
                LineColor: Accent,
                LineDash: StyleParam.DrawingStyle.Dash)
            .WithTraceInfo(ShowLegend: true);
        return Style(
            Chart.Combine([bars, line]),
            title,
            xTitle: "index i (σ sorted largest first)",
            yTitle: "σ<sub>i</sub> (log scale)",
            logY: true,
            yValues: [.. drawn.Select(i => sigma[i]), .. tolerance > 0 ? [tolerance] : Array.Empty<double>()]);
    }

    /// <summary>
    /// Measured Frobenius error ‖W − Bᵣ·Aᵣ‖ and the Eckart–Young prediction against the chosen rank r,
    /// on the same log axis; hover shows relative error, energy lost and parameter count. Full rank r = min(d, k) is
    /// not drawn: it reproduces W up to rounding, and its drop of several decades would flatten the rest of the curve.
    /// </summary>
    /// <param name="sweep">The points of one <see cref="RankSweep"/>.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart ErrorVersusRank(IReadOnlyList<RankSweepPoint> sweep, string title = "Approximation error versus chosen rank")
    {
        Guard.Sweep(sweep);
        var full = sweep.Where(IsFullRank).ToArray();
        var shown = sweep.Where(p => !IsFullRank(p)).ToArray();
        // A log axis has no place for an exact 0, so such points are left out of the lines.
        var drawn = shown.Where(p => p.Error > 0).ToArray();
        var predictable = shown.Where(p => p.EckartYoung > 0).ToArray();
        var measured = Chart.Line<int, double, string>(
            drawn.Select(p => p.Rank).ToArray(),
            drawn.Select(p => p.Error).ToArray(),
            ShowMarkers: true,
            Name: "measured ‖W − B<sub>r</sub>·A<sub>r</sub>‖<sub>F</sub>" + (drawn.Length < shown.Length ? " (exact zeros not drawn)" : ""),
            LineColor: Signal);
        Hover(measured, drawn.Select(p =>
            $"r = {p.Rank}: error {Numbers.Short(p.Error)}, relative {Numbers.Short(p.RelativeError)}<br>" +
            $"energy lost {Numbers.Short(p.EnergyLost)}, " +
            $"{Numbers.Count(p.Parameters.LowRank)} of {Numbers.Count(p.Parameters.Full)} parameters"));
        var predicted = Chart.Line<int, double, string>(
            predictable.Select(p => p.Rank).ToArray(),
            predictable.Select(p => p.EckartYoung).ToArray(),
            ShowMarkers: true,
            Name: "Eckart–Young √(Σ σ<sub>i</sub>² over i > r)" + (predictable.Length < shown.Length ? " (exact zeros not drawn)" : ""),
            LineColor: Accent,
            LineDash: StyleParam.DrawingStyle.Dash);
        Hover(predicted, predictable.Select(p => $"r = {p.Rank}: predicted {Numbers.Short(p.EckartYoung)}"));
        var chart = Style(Chart.Combine([measured, predicted]), title, xTitle: "chosen rank r", yTitle: "‖W − B<sub>r</sub>·A<sub>r</sub>‖<sub>F</sub> (log scale)", logY: true,
            yValues: [.. drawn.Select(p => p.Error), .. predictable.Select(p => p.EckartYoung)]);
        if (full.Length > 0)
        {
            var n = full[0].Rank;
            // Top right is where a falling error curve leaves room.
            SetLayout(chart, "annotations", new[]
            {
                Obj(("text", $"r = min(d, k) = {n} reproduces W up to rounding: not drawn"),
                    ("x", 1), ("xref", "paper"), ("xanchor", "right"),
                    ("y", 1), ("yref", "paper"), ("yanchor", "top"),
                    ("showarrow", false), ("font", Obj(("size", 12))),
                    ("bgcolor", "rgba(255,255,255,0.8)")),
            });
        }
        return chart;
    }

    /// <summary>
    /// The share of ‖W‖² (Frobenius) lost at each chosen rank, Σ σᵢ² over i &gt; r ÷ Σ σᵢ², one line per named sweep
    /// on a log axis, so that both the cliff of an exactly low-rank matrix and the knee of a noisy one show.
    /// Ranks that lose exactly nothing have no place on a log axis and are named in the legend instead.
    /// </summary>
    /// <param name="sweeps">Named sweeps from <see cref="RankSweep"/>; at least one, every name non-null.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart EnergyLost(IEnumerable<(string Name, IReadOnlyList<RankSweepPoint> Sweep)> sweeps, string title = "Energy lost versus chosen rank")
    {
        var named = Guard.NonEmpty(sweeps, "sweep");
        for (var i = 0; i < named.Length; i++)
        {
            var (name, sweep) = named[i];
            if (name is null)
            {
                throw new ArgumentException($"sweeps[{i}].Name is null, but every sweep needs a name for the legend.", nameof(sweeps));
            }
            Guard.Sweep(sweep, $"sweeps[\"{name}\"]", nameof(sweeps));
        }
        var lost = named.SelectMany(s => s.Sweep).Select(p => p.EnergyLost).Where(v => v > 0).ToArray();
        var lines = named.Select(s =>
        {
            var drawn = s.Sweep.Where(p => p.EnergyLost > 0).ToArray();
            var zeros = s.Sweep.Where(p => p.EnergyLost == 0).Select(p => p.Rank).ToArray();
            var line = Chart.Line<int, double, string>(
                drawn.Select(p => p.Rank).ToArray(),
                drawn.Select(p => p.EnergyLost).ToArray(),
                ShowMarkers: true,
                Name: s.Name + (zeros.Length > 0 ? $" (nothing lost at {Ranks(zeros)}: not drawn)" : ""));
            Hover(line, drawn.Select(p =>
                $"{s.Name}, r = {p.Rank}: {Numbers.Short(p.EnergyLost)} of the energy lost, relative error {Numbers.Short(p.RelativeError)}"));
            return line;
        });
        return Style(Chart.Combine(lines), title, xTitle: "chosen rank r", yTitle: "energy lost: Σ σ<sub>i</sub>² over i > r ÷ Σ σ<sub>i</sub>² (log scale)", logY: true, yValues: lost);
    }

    /// <summary>
    /// The parameters of B and A, r·(d + k), as a percentage of the full layer's d·k, one bar per layer shape and
    /// rank on a linear axis: bars are grouped by shape and coloured by rank, with exact counts on hover.
    /// </summary>
    /// <param name="layers">Parameter counts from <see cref="ParameterCount.Of(int, int, int)"/>; at least one, none null.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart ParameterShare(IEnumerable<ParameterCount> layers, string title = "LoRA factors as a share of the full layer's parameters")
    {
        var list = Guard.NoNulls(Guard.NonEmpty(layers, "layer shape"), nameof(layers));
        var bars = list.GroupBy(p => p.Rank).OrderBy(g => g.Key).Select(g =>
        {
            var layer = g.ToArray();
            var bar = Chart.Column<double, string, string>(
                layer.Select(Percent).ToArray(),
                Keys: layer.Select(p => $"{p.Rows}×{p.Columns}").ToArray(),
                Name: $"r = {g.Key}",
                MultiText: layer.Select(p => Percent(p).ToString("0.###", CultureInfo.InvariantCulture) + " %").ToArray());
            Hover(bar, layer.Select(p =>
                $"{p.Rows}×{p.Columns}, r = {p.Rank}: {Numbers.Count(p.Full)} in W, {Numbers.Count(p.LowRank)} in B and A " +
                $"({Percent(p).ToString("0.###", CultureInfo.InvariantCulture)} %)"));
            // Values sit above the bars at a readable size; inside, plotly would shrink them to fit thin bars.
            foreach (var trace in GenericChart.getTraces(bar))
            {
                trace.SetProperty("textposition", "outside");
                trace.SetProperty("textfont", Obj(("size", 12)));
                trace.SetProperty("constraintext", "none");
                trace.SetProperty("cliponaxis", false);
            }
            return bar;
        });
        var chart = Style(Chart.Combine(bars), title, xTitle: "layer shape d×k", yTitle: "B and A: % of W's parameters", logY: false);
        // Headroom above the tallest bar for its value, which plotly's autorange would put on the plot's edge.
        SetAxis(chart, "yaxis", "range", new[] { 0, 1.12 * list.Max(Percent) });
        return chart;

        static double Percent(ParameterCount p) => 100.0 * p.LowRank / p.Full;
    }

    private static bool IsFullRank(RankSweepPoint p) => p.Rank == Math.Min(p.Parameters.Rows, p.Parameters.Columns);

    // "r = 10" or "r = 8–10": the ranks of a sweep that lose nothing are always the last ones.
    private static string Ranks(int[] ranks) =>
        ranks.Length == 1 ? $"r = {ranks[0]}" : $"r = {ranks[0]}–{ranks[^1]}";

    private static void Hover(GenericChart chart, IEnumerable<string> texts)
    {
        var hover = texts.ToArray();
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("hovertext", hover);
            trace.SetProperty("hoverinfo", "text");
        }
    }

    private static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle, bool logY, IReadOnlyCollection<double>? yValues = null)
    {
        var styled = Plotly.NET.Chart.withTitle(title, null).Invoke(chart).WithSize(Width: Width, Height: Height);
        SetLayout(styled, "title", Obj(("text", title), ("font", Obj(("size", 18))), ("x", 0.02), ("xanchor", "left")));
        SetLayout(styled, "font", Obj(("size", 13)));
        SetLayout(styled, "xaxis", Obj(("title", Obj(("text", xTitle), ("font", Obj(("size", 14))))), ("tickfont", Obj(("size", 12))), ("automargin", true)));
        SetLayout(styled, "yaxis", Obj(
            ("title", Obj(("text", yTitle), ("font", Obj(("size", 14))))),
            ("type", logY ? "log" : "linear"),
            ("exponentformat", "power"),
            ("tickfont", Obj(("size", 12))),
            ("automargin", true)));
        if (logY && yValues is { Count: > 0 })
        {
            LogTicks(styled, yValues.Min(), yValues.Max());
        }
        SetLayout(styled, "margin", Obj(("l", 80), ("r", 30), ("t", MarginTop), ("b", MarginBottom)));
        SetLayout(styled, "legend", Obj(
            ("orientation", "h"),
            ("x", 0), ("xanchor", "left"),
            ("y", -(double)LegendBelowAxis / (Height - MarginTop - MarginBottom)), ("yanchor", "top"),
            ("font", Obj(("size", 13)))));
        return styled;
    }

    // Over a few decades plotly labels a log axis at 2, 3, 5 … in three-quarter size type, too small to read; labels
    // at 1, 2 and 5 of each decade (or at each decade) in the axis's own size replace them. Wider ranges keep
    // plotly's powers of 10, which it prints larger than the axis font.
    private static void LogTicks(GenericChart chart, double min, double max)
    {
        var decades = Math.Log10(max / min);
        if (decades > 4)
        {
            return;
        }
        int[] multiples = decades < 2.5 ? [1, 2, 5] : [1];
        var ticks = new List<double>();
        for (var exponent = (int)Math.Floor(Math.Log10(min)) - 1; exponent <= (int)Math.Ceiling(Math.Log10(max)); exponent++)
        {
            ticks.AddRange(multiples.Select(m => m * Math.Pow(10, exponent)).Where(v => v >= min / 1.5 && v <= max * 1.5));
        }
        SetAxis(chart, "yaxis", "tickvals", ticks.ToArray());
        SetAxis(chart, "yaxis", "ticktext", ticks.Select(Numbers.Short).ToArray());
    }

    private static void SetAxis(GenericChart chart, string axis, string name, object value) =>
        ((Dictionary<string, object>)GenericChart.getLayout(chart).TryGetPropertyValue(axis).Value)[name] = value;

    private static void SetLayout(GenericChart chart, string name, object value) =>
        GenericChart.getLayout(chart).SetProperty(name, value);

    private static Dictionary<string, object> Obj(params (string Name, object Value)[] properties) =>
        properties.ToDictionary(p => p.Name, p => p.Value);

    private static string Subscript(int i) =>
        string.Concat(i.ToString(CultureInfo.InvariantCulture).Select(c => (char)('₀' + (c - '0'))));
}
