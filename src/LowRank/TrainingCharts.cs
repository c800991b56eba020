using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

// The figures of a LoRA training run: how the loss falls, and how close a trained adapter gets to the best update of its rank.
public static partial class Charts
{
    /// <summary>
    /// The training loss against the step on a log axis, where a steady fall and a plateau both show.
    /// </summary>
    /// <param name="losses">The loss before each step and after the last, e.g. <see cref="LoraTrainingRun{T}.Losses"/>; at least one, every value finite and ≥ 0.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart TrainingLoss(IReadOnlyList<double> losses, string title = "Training loss")
    {
        var values = Guard.NonEmptyList(losses, "loss");
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || values[i] < 0)
            {
                throw Guard.OutOfRange(nameof(losses), $"losses[{i}] must be a finite number >= 0, but was {values[i]}.");
            }
        }
        // A loss of exactly 0 has no place on a log axis; it is left out and named.
        var steps = Enumerable.Range(0, values.Length).Where(i => values[i] > 0).ToArray();
        var line = Chart.Line<int, double, string>(
            steps,
            steps.Select(i => values[i]).ToArray(),
            Name: "mean squared error on the training data" + (steps.Length < values.Length ? " (exact zeros not drawn)" : ""),
            LineColor: Signal);
        Hover(line, steps.Select(i => $"step {i}: loss {Numbers.Short(values[i])}"));
        return Style(line.WithTraceInfo(ShowLegend: true), title, xTitle: "step", yTitle: "loss (log scale)", logY: true,
            yValues: steps.Select(i => values[i]).ToArray());
    }

    /// <summary>
    /// For each rank r, how far the trained update (α/r)·B·A is from the target ΔW*, against the best any rank-r
    /// matrix can do (Eckart–Young: the error of ΔW*'s truncated SVD).
    /// </summary>
    /// <param name="points">One point per rank, at least one and at most 10,000: the rank (≥ 1, increasing), the trained error and the best error, both finite and ≥ 0.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart AdapterError(IEnumerable<(int Rank, double Trained, double Best)> points, string title = "Trained adapter against the best update of its rank")
    {
        var list = Guard.NonEmpty(points, "rank");
        for (var i = 0; i < list.Length; i++)
        {
            var (rank, trained, best) = list[i];
            if (rank < 1 || (i > 0 && rank <= list[i - 1].Rank))
            {
                throw Guard.OutOfRange(nameof(points), $"points[{i}].Rank must be at least 1 and larger than the rank before it, but was {rank}.");
            }
            if (!double.IsFinite(trained) || trained < 0 || !double.IsFinite(best) || best < 0)
            {
                throw Guard.OutOfRange(nameof(points), $"points[{i}] must have finite errors >= 0, but has Trained = {trained} and Best = {best}.");
            }
        }
        var ranks = list.Select(p => p.Rank).ToArray();
        var trainedLine = Chart.Line<int, double, string>(
            ranks, list.Select(p => p.Trained).ToArray(), ShowMarkers: true,
            Name: "trained: ‖(α/r)·B·A − ΔW*‖<sub>F</sub>", LineColor: Signal);
        Hover(trainedLine, list.Select(p => $"r = {p.Rank}: trained {Numbers.Short(p.Trained)}, {Numbers.Short(p.Trained / p.Best)} × the best"));
        var bestLine = Chart.Line<int, double, string>(
            ranks, list.Select(p => p.Best).ToArray(), ShowMarkers: true,
            Name: "best rank r (Eckart–Young): √(Σ σ<sub>i</sub>(ΔW*)² over i > r)", LineColor: Accent, LineDash: StyleParam.DrawingStyle.Dash);
        Hover(bestLine, list.Select(p => $"r = {p.Rank}: best possible {Numbers.Short(p.Best)}"));
        var chart = Style(Chart.Combine([trainedLine, bestLine]), title, xTitle: "adapter rank r", yTitle: "distance to ΔW* (Frobenius)", logY: false);
        SetAxis(chart, "yaxis", "rangemode", "tozero");
        return chart;
    }
}
