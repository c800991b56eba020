using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using Plotly.NET.CSharp;
using static LowRank.ChartStyle;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

public static partial class Charts
{
    /// <summary>
    /// The singular value spectrum as bars on a log axis, with the numerical-zero tolerance drawn as a dashed line;
    /// every σ at or below it is grey and says "numerical zero" on hover. A log axis has no place for an exact 0, so
    /// σ = 0 and a tolerance of 0 are left out of the drawing and named in the legend instead (e.g. "σ₃ = 0, not drawn on a log axis").
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="singularValues">The singular values, largest first; at least one, every one finite and ≥ 0.</param>
    /// <param name="tolerance">The rank tolerance, a finite number ≥ 0, e.g. <see
    /// cref="MatrixRank.DefaultTolerance{T}(Matrix{T})"/>.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart SingularValues<T>(Vector<T> singularValues, double tolerance, string title = "Singular values of W")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        if (Guard.Finite(singularValues).Count == 0)
        {
            throw Guard.Invalid(nameof(singularValues), $"singularValues must contain at least one singular value, but was empty.");
        }
        Guard.Tolerance(tolerance);
        ArgumentNullException.ThrowIfNull(title);
        var sigma = singularValues.Select(s => double.CreateChecked(s)).ToArray();
        // A singular value is a length; a negative one means the vector is something else, and a log axis could not show it.
        for (var i = 0; i < sigma.Length; i++)
        {
            if (sigma[i] < 0)
            {
                throw Guard.OutOfRange(nameof(singularValues), $"singularValues[{i}] is {sigma[i]}, but singular values are >= 0.");
            }
        }
        var keys = Enumerable.Range(1, sigma.Length).Select(i => $"σ{Subscript(i)}").ToArray();
        var drawn = Enumerable.Range(0, sigma.Length).Where(i => sigma[i] != 0).ToArray();
        var zeros = Enumerable.Range(0, sigma.Length).Where(i => sigma[i] == 0).Select(i => keys[i]).ToArray();
        var isZero = drawn.Select(i => sigma[i] <= tolerance).ToArray();
        var bars = Chart.Column<double, string, string>(
                drawn.Select(i => sigma[i]).ToArray(),
                Keys: drawn.Select(i => keys[i]).ToArray(),
                Name: "singular values σ<sub>i</sub>"
                    + (zeros.Length > 0 ? $" ({string.Join(", ", zeros)} = 0, not drawn on a log axis)" : ""),
                MarkerColor: Color.fromColors(isZero.Select(z => z ? Colours.Muted : Colours.Signal)))
            .WithTraceInfo(ShowLegend: true);
        // In-bar labels on bars a few pixels tall cannot be read, so the verdict goes to hover and the legend.
        bars = Hover(bars, drawn.Select((i, n) =>
            $"{keys[i]} = {Numbers.Short(sigma[i])}" + (isZero[n] ? $": numerical zero (≤ tolerance {Numbers.Short(tolerance)})" : "")));
        // With tolerance 0 every nonzero σ counts; the line would sit at 0, off the axis, so it is named but has no points.
        var lineKeys = tolerance == 0 ? [] : keys;
        var line = Chart.Line<string, double, string>(
                lineKeys,
                Enumerable.Repeat(tolerance, lineKeys.Length),
                Name: tolerance == 0
                    ? "tolerance 0 (every σ > 0 counts; not drawn on a log axis)"
                    : $"tolerance {Numbers.Short(tolerance)}: σ<sub>i</sub> at or below it (grey bars) count as 0",
                LineColor: Colours.Accent,
                LineDash: StyleParam.DrawingStyle.Dash)
            .WithTraceInfo(ShowLegend: true);
        line = Hover(line, lineKeys.Select(_ => $"tolerance {Numbers.Short(tolerance)}"));
        return Style(
            Chart.Combine([bars, line]),
            title,
            xTitle: "index i (σ sorted largest first)",
            yTitle: "σ<sub>i</sub> (log scale)",
            logY: true,
            yValues: [.. drawn.Select(i => sigma[i]), .. tolerance > 0 ? [tolerance] : Array.Empty<double>()]);
    }
}
