using Plotly.NET;
using Plotly.NET.CSharp;
using static LowRank.ChartStyle;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

public static partial class Charts
{
    /// <summary>
    /// For each rank r, how far the trained update (α/r)·B·A and the minimiser of the training loss are from the target
    /// ΔW*, each divided by the best any rank-r matrix can do (Eckart–Young: the error of ΔW*'s truncated SVD), so a
    /// gap of a few percent shows at every rank although the errors themselves fall tenfold from r = 1 to r = 2.
    /// </summary>
    /// <param name="points">
    /// One point per rank, at least one: the rank (≥ 1, increasing), the trained adapter's and the loss minimiser's
    /// distance to ΔW* (finite, ≥ 0) and Eckart–Young's (finite, &gt; 0, as it divides the other two, and not so small
    /// that a quotient leaves double's range).
    /// </param>
    /// <param name="title">The chart title.</param>
    public static GenericChart AdapterError(IReadOnlyList<(int Rank, double Trained, double LossOptimum, double EckartYoung)> points,
        string title = "Trained adapter against the best updates of its rank")
    {
        var list = Guard.NonEmptyList(points, "rank");
        ArgumentNullException.ThrowIfNull(title);
        for (var i = 0; i < list.Length; i++)
        {
            var (rank, trained, optimum, best) = list[i];
            if (rank < 1 || (i > 0 && rank <= list[i - 1].Rank))
            {
                throw Guard.OutOfRange(nameof(points),
                    $"points[{i}].Rank must be at least 1 and larger than the rank before it, but was {rank}.");
            }
            if (!double.IsFinite(trained) || trained < 0 || !double.IsFinite(optimum) || optimum < 0)
            {
                throw Guard.OutOfRange(nameof(points),
                    $"points[{i}] must have finite distances >= 0, but has Trained = {trained} and LossOptimum = {optimum}.");
            }
            if (!double.IsFinite(best) || best <= 0)
            {
                throw Guard.OutOfRange(nameof(points),
                    $"points[{i}].EckartYoung must be a finite number > 0, as the other distances are divided by it, but was {best}.");
            }
            // A subnormal Eckart–Young error would make the quotient ∞, and "Infinity × Eckart–Young" no figure.
            if (!double.IsFinite(trained / best) || !double.IsFinite(optimum / best))
            {
                throw Guard.OutOfRange(nameof(points),
                    $"points[{i}] has Trained = {trained} and LossOptimum = {optimum} over EckartYoung = {best}, a quotient beyond " +
                        $"double's range.");
            }
        }
        var ranks = list.Select(p => p.Rank).ToArray();
        var trainedLine = Chart.Line<int, double, string>(
            ranks, list.Select(p => p.Trained / p.EckartYoung).ToArray(), ShowMarkers: true,
            Name: "trained (α/r)·B·A", LineColor: Colours.Signal);
        trainedLine = Hover(trainedLine, list.Select(p =>
            $"r = {p.Rank}: trained {Numbers.Short(p.Trained)}, {Numbers.Short(p.Trained / p.EckartYoung)} × Eckart–Young"));
        var optimumLine = Chart.Line<int, double, string>(
            ranks, list.Select(p => p.LossOptimum / p.EckartYoung).ToArray(), ShowMarkers: true,
            Name: "minimiser of the training loss (reduced-rank regression)", LineColor: Colours.Accent,
                LineDash: StyleParam.DrawingStyle.Dash);
        optimumLine = Hover(optimumLine, list.Select(p =>
            $"r = {p.Rank}: minimiser of the loss {Numbers.Short(p.LossOptimum)}, {Numbers.Short(p.LossOptimum / p.EckartYoung)} × " +
                $"Eckart–Young"));
        var bestLine = Chart.Line<int, double, string>(
            ranks, ranks.Select(_ => 1.0).ToArray(), ShowMarkers: true,
            Name: "best rank r (Eckart–Young): √(Σ σ<sub>i</sub>(ΔW*)² over i > r)", LineColor: Colours.Muted,
                LineDash: StyleParam.DrawingStyle.Dot);
        bestLine = Hover(bestLine, list.Select(p => $"r = {p.Rank}: Eckart–Young {Numbers.Short(p.EckartYoung)}"));
        return Style(Chart.Combine([trainedLine, optimumLine, bestLine]), title, xTitle: "adapter rank r",
            yTitle: "distance to ΔW* ÷ Eckart–Young's", logY: false);
    }
}
