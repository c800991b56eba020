using Plotly.NET;
using Plotly.NET.CSharp;
using static LowRank.ChartStyle;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

public static partial class Charts
{
    /// <summary>
    /// The training loss against the step on a log axis, where a steady fall and a plateau both show.
    /// </summary>
    /// <param name="losses">The loss before each step and after the last, e.g. <see cref="LoraTrainingRun{T}.Losses"/>; at least one, every
    /// value finite and ≥ 0.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="lossName">What the loss is, for the legend: notebook 5's mean squared error by default.</param>
    public static GenericChart TrainingLoss(IReadOnlyList<double> losses, string title = "Training loss",
        string lossName = "mean squared error on the training data")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lossName);
        var values = Guard.NonEmptyList(losses, "loss");
        ArgumentNullException.ThrowIfNull(title);
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
            Name: lossName + (steps.Length < values.Length ? " (exact zeros not drawn)" : ""),
            LineColor: Colours.Signal);
        line = Hover(line, steps.Select(i => $"step {i}: loss {Numbers.Short(values[i])}"));
        return Style(line.WithTraceInfo(ShowLegend: true), title, xTitle: "step", yTitle: "loss (log scale)", logY: true,
            yValues: steps.Select(i => values[i]).ToArray());
    }
}
