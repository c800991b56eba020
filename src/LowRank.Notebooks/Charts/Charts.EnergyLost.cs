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
    /// The share of ‖W‖² (Frobenius) lost at each chosen rank, Σ σᵢ² over i &gt; r ÷ Σ σᵢ², one line per named sweep
    /// on a log axis, so that both the cliff of an exactly low-rank matrix and the knee of a noisy one show.
    /// Ranks that lose exactly nothing have no place on a log axis, and ranks that lose less than
    /// <paramref name="floor"/> are rounding, not signal: neither is drawn, and the legend names them.
    /// </summary>
    /// <param name="sweeps">Named sweeps from <see cref="RankSweep.Of{T}(Matrix{T})"/>; at least one, every name and sweep
    /// non-null.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="floor">
    /// The smallest share the SVD can resolve, a finite number ≥ 0: about ε² for a matrix in a type of machine
    /// epsilon ε (its SVD is exact only to about ε·‖W‖_F). Above 0 it is drawn as a dashed line; 0, the default, draws every share above 0.
    /// </param>
    /// <param name="floorName">What the floor is, for its legend entry, e.g. "float32's floor ε²".</param>
    public static GenericChart EnergyLost(IReadOnlyList<(string Name, RankSweep Sweep)> sweeps,
        string title = "Energy lost versus chosen rank", double floor = 0, string floorName = "floor")
    {
        var named = Guard.NonEmptyList(sweeps, "sweep");
        ArgumentNullException.ThrowIfNull(title);
        for (var i = 0; i < named.Length; i++)
        {
            var (name, sweep) = named[i];
            if (name is null)
            {
                throw Guard.Invalid(nameof(sweeps), $"sweeps[{i}].Name is null, but every sweep needs a name for the legend.");
            }
            if (sweep is null)
            {
                throw new ArgumentNullException(nameof(sweeps),
                    $"sweeps[\"{name}\"].Sweep is null, but every name needs a sweep from RankSweep.Of.");
            }
        }
        Guard.Tolerance(floor);
        ArgumentNullException.ThrowIfNull(floorName);
        var lost = named.SelectMany(s => s.Sweep).Select(p => p.EnergyLost).Where(v => v > 0 && v >= floor).ToArray();
        var lines = named.Select(s =>
        {
            var drawn = s.Sweep.Where(p => p.EnergyLost > 0 && p.EnergyLost >= floor).ToArray();
            // Energy lost never rises with r, so the ranks below the floor, and then those that lose nothing, are each a run at the end.
            var below = s.Sweep.Where(p => p.EnergyLost > 0 && p.EnergyLost < floor).Select(p => p.Rank).ToArray();
            var zeros = s.Sweep.Where(p => p.EnergyLost == 0).Select(p => p.Rank).ToArray();
            string[] notes = [.. below.Length > 0 ? [$"below the floor at {Ranks(below)}"] : Array.Empty<string>(),
                .. zeros.Length > 0 ? [$"nothing lost at {Ranks(zeros)}"] : Array.Empty<string>()];
            var line = Chart.Line<int, double, string>(
                drawn.Select(p => p.Rank).ToArray(),
                drawn.Select(p => p.EnergyLost).ToArray(),
                ShowMarkers: true,
                Name: s.Name + (notes.Length > 0 ? $" ({string.Join(", ", notes)}: not drawn)" : ""));
            line = Hover(line, drawn.Select(p =>
                $"{s.Name}, r = {p.Rank}: {Numbers.Short(p.EnergyLost)} of the energy lost, " +
                $"relative error {Numbers.Short(p.RelativeError)}"));
            return line;
        }).ToList();
        if (floor > 0)
        {
            var ranks = named.SelectMany(s => s.Sweep).Select(p => p.Rank).ToArray();
            int[] ends = ranks.Length > 0 ? [ranks.Min(), ranks.Max()] : [];
            var line = Chart.Line<int, double, string>(
                ends,
                ends.Select(_ => floor).ToArray(),
                Name: $"{floorName} = {Numbers.Short(floor)}: shares below it are rounding, not drawn",
                LineColor: Colours.Accent,
                LineDash: StyleParam.DrawingStyle.Dash);
            line = Hover(line, ends.Select(_ => $"{floorName} = {Numbers.Short(floor)}"));
            lines.Add(line);
        }
        return Style(Chart.Combine(lines), title, xTitle: "chosen rank r",
            yTitle: "energy lost: Σ σ<sub>i</sub>² over i > r ÷ Σ σ<sub>i</sub>² (log scale)", logY: true,
            yValues: [.. lost, .. floor > 0 ? [floor] : Array.Empty<double>()]);
    }
}
