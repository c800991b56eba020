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
    /// Measured Frobenius error ‖W − Bᵣ·Aᵣ‖ and the Eckart–Young prediction against the chosen rank r,
    /// on the same log axis; hover shows relative error, energy lost and parameter count. Full rank r = min(d, k) is
    /// not drawn: it reproduces W up to rounding, and its drop of several decades would flatten the rest of the curve.
    /// </summary>
    /// <param name="sweep">A sweep from <see cref="RankSweep.Of{T}(Matrix{T})"/>.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart ErrorVersusRank(RankSweep sweep, string title = "Approximation error versus chosen rank")
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(title);
        var full = sweep.Where(IsFullRank).ToArray();
        var shown = sweep.Where(p => !IsFullRank(p)).ToArray();
        // A log axis has no place for an exact 0, so such points are left out of the lines.
        var drawn = shown.Where(p => p.Error > 0).ToArray();
        var predictable = shown.Where(p => p.EckartYoung > 0).ToArray();
        var measured = Chart.Line<int, double, string>(
            drawn.Select(p => p.Rank).ToArray(),
            drawn.Select(p => p.Error).ToArray(),
            ShowMarkers: true,
            Name: "measured ‖W − B<sub>r</sub>·A<sub>r</sub>‖<sub>F</sub>"
                + (drawn.Length < shown.Length ? " (exact zeros not drawn)" : ""),
            LineColor: Colours.Signal);
        measured = Hover(measured, drawn.Select(p =>
            $"r = {p.Rank}: error {Numbers.Short(p.Error)}, relative {Numbers.Short(p.RelativeError)}<br>" +
            $"energy lost {Numbers.Short(p.EnergyLost)}, " +
            $"{Numbers.Count(p.Parameters.LowRank)} of {Numbers.Count(p.Parameters.Full)} parameters"));
        var predicted = Chart.Line<int, double, string>(
            predictable.Select(p => p.Rank).ToArray(),
            predictable.Select(p => p.EckartYoung).ToArray(),
            ShowMarkers: true,
            Name: "Eckart–Young √(Σ σ<sub>i</sub>² over i > r)" + (predictable.Length < shown.Length ? " (exact zeros not drawn)" : ""),
            LineColor: Colours.Accent,
            LineDash: StyleParam.DrawingStyle.Dash);
        predicted = Hover(predicted, predictable.Select(p => $"r = {p.Rank}: predicted {Numbers.Short(p.EckartYoung)}"));
        var chart = Style(Chart.Combine([measured, predicted]), title, xTitle: "chosen rank r",
            yTitle: "‖W − B<sub>r</sub>·A<sub>r</sub>‖<sub>F</sub> (log scale)", logY: true,
            yValues: [.. drawn.Select(p => p.Error), .. predictable.Select(p => p.EckartYoung)]);
        if (full.Length > 0)
        {
            var n = full[0].Rank;
            // Top right is where a falling error curve leaves room.
            var note = Styling.Init<Plotly.NET.LayoutObjects.Annotation>(new
            {
                Text = $"r = min(d, k) = {n} reproduces W up to rounding: not drawn",
                X = 1,
                XRef = "paper",
                XAnchor = StyleParam.XAnchorPosition.Right,
                Y = 1,
                YRef = "paper",
                YAnchor = StyleParam.YAnchorPosition.Top,
                ShowArrow = false,
                Font = FontOf(FontSize.Note),
                BGColor = Colours.NoteBackground,
            });
            chart = Plotly.NET.Chart.withAnnotations([note], null).Invoke(chart);
        }
        return chart;
    }
}
