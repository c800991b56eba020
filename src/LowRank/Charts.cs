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

    /// <summary>
    /// The singular value spectrum as bars on a log axis, with the numerical-zero tolerance drawn as a dashed line
    /// and every σ at or below it labelled "numerical zero". A log axis has no place for an exact 0, so σ = 0 and a
    /// tolerance of 0 are left out of the drawing and named in the legend instead (e.g. "σ₃ = 0, not drawn on a log axis").
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
                Name: "singular values σᵢ" + (zeros.Length > 0 ? $" ({string.Join(", ", zeros)} = 0, not drawn on a log axis)" : ""),
                MultiText: isZero.Select(z => z ? "numerical zero" : "").ToArray(),
                MarkerColor: Color.fromColors(isZero.Select(z => z ? Zero : Signal)))
            .WithTraceInfo(ShowLegend: true);
        // With tolerance 0 every nonzero σ counts; the line would sit at 0, off the axis, so it is named but has no points.
        var lineKeys = tolerance == 0 ? [] : keys;
        var line = Chart.Line<string, double, string>(
                lineKeys,
                Enumerable.Repeat(tolerance, lineKeys.Length),
                Name: tolerance == 0
                    ? "tolerance 0 (every σ > 0 counts; not drawn on a log axis)"
                    : $"tolerance {Numbers.Short(tolerance)} (σ below it count as 0)",
                LineColor: Accent,
                LineDash: StyleParam.DrawingStyle.Dash)
            .WithTraceInfo(ShowLegend: true);
        return Style(
            Chart.Combine([bars, line]),
            title,
            xTitle: "index i (σ sorted largest first)",
            yTitle: "σᵢ (log scale)",
            logY: true);
    }

    /// <summary>
    /// Measured ‖W − B_r·A_r‖_F and the Eckart–Young prediction against the chosen rank r, on the same log axis;
    /// hover shows relative error, energy kept and parameter count.
    /// </summary>
    public static GenericChart ErrorVersusRank(IReadOnlyList<RankSweepPoint> sweep, string title = "Approximation error versus chosen rank")
    {
        Guard.Sweep(sweep);
        // A log axis has no place for an exact 0 (Eckart–Young at full rank), so such points are left out of the line.
        var drawn = sweep.Where(p => p.Error > 0).ToArray();
        var predictable = sweep.Where(p => p.EckartYoung > 0).ToArray();
        var measured = Chart.Line<int, double, string>(
            drawn.Select(p => p.Rank).ToArray(),
            drawn.Select(p => p.Error).ToArray(),
            ShowMarkers: true,
            Name: "measured ‖W − B·A‖_F",
            MultiText: drawn.Select(p =>
                $"r = {p.Rank}: error {Numbers.Short(p.Error)}, relative {Numbers.Short(p.RelativeError)}, " +
                $"energy kept {Numbers.Percent(p.EnergyKept, 4)}, " +
                $"{Numbers.Count(p.Parameters.LowRank)} of {Numbers.Count(p.Parameters.Full)} parameters").ToArray(),
            LineColor: Signal);
        var predicted = Chart.Line<int, double, string>(
            predictable.Select(p => p.Rank).ToArray(),
            predictable.Select(p => p.EckartYoung).ToArray(),
            ShowMarkers: true,
            Name: "Eckart–Young √(Σ σᵢ² over i > r)" + (predictable.Length < sweep.Count ? " (exact zeros not drawn)" : ""),
            MultiText: predictable.Select(p => $"r = {p.Rank}: predicted {Numbers.Short(p.EckartYoung)}").ToArray(),
            LineColor: Accent,
            LineDash: StyleParam.DrawingStyle.Dash);
        return Style(Chart.Combine([measured, predicted]), title, xTitle: "chosen rank r", yTitle: "Frobenius error (log scale)", logY: true);
    }

    /// <summary>
    /// Share of ‖W‖_F² kept against the chosen rank, one line per named sweep, so matrices can be compared.
    /// </summary>
    public static GenericChart EnergyKept(IEnumerable<(string Name, IReadOnlyList<RankSweepPoint> Sweep)> sweeps, string title = "Energy kept versus chosen rank")
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
        var lines = named.Select(s => Chart.Line<int, double, string>(
                s.Sweep.Select(p => p.Rank).ToArray(),
                s.Sweep.Select(p => p.EnergyKept * 100).ToArray(),
                ShowMarkers: true,
                Name: s.Name,
                MultiText: s.Sweep.Select(p => $"{s.Name}, r = {p.Rank}: {Numbers.Percent(p.EnergyKept, 4)} kept, relative error {Numbers.Short(p.RelativeError)}").ToArray()));
        return Style(Chart.Combine(lines), title, xTitle: "chosen rank r", yTitle: "energy kept: Σ σᵢ² over i ≤ r, % of all", logY: false);
    }

    /// <summary>Parameters of a full d×k layer against its rank-r factors B and A, per layer shape, on a log axis.</summary>
    public static GenericChart ParameterSavings(IEnumerable<ParameterCount> layers, string title = "Parameters: full W versus LoRA factors B and A")
    {
        var list = Guard.NoNulls(Guard.NonEmpty(layers, "layer shape"), nameof(layers));
        var keys = list.Select(p => $"{p.Rows}×{p.Columns}, r = {p.Rank}").ToArray();
        var full = Chart.Column<long, string, string>(
            list.Select(p => p.Full),
            Keys: keys,
            Name: "W: d·k",
            MultiText: list.Select(p => Numbers.Count(p.Full)).ToArray(),
            MarkerColor: Zero);
        var lowRank = Chart.Column<long, string, string>(
            list.Select(p => p.LowRank),
            Keys: keys,
            Name: "B and A: r·(d + k)",
            MultiText: list.Select(p => $"{Numbers.Count(p.LowRank)} ({Numbers.Percent(p.LowRankFraction)})").ToArray(),
            MarkerColor: Signal);
        return Style(Chart.Combine([full, lowRank]), title, xTitle: "layer shape d×k and rank r", yTitle: "parameters (log scale)", logY: true);
    }

    private static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle, bool logY) =>
        Plotly.NET.Chart.withTitle(title, null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithSize(Width: 760, Height: 460);

    private static string Subscript(int i) =>
        string.Concat(i.ToString(CultureInfo.InvariantCulture).Select(c => (char)('₀' + (c - '0'))));
}
