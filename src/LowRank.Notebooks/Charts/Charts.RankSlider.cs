using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using static LowRank.ChartStyle;

namespace LowRank;

// Heatmaps with a plotly.js slider over the rank r. Every step carries the data and the readout the kernel computed
// for its r, and plotly.js's own slider swaps them in (Plotly.update), so the figure is as interactive in a notebook
// whose kernel has stopped, in the HTML report and in an app's chart page as in a live notebook.
public static partial class Charts
{
    // One step of a slider: its rank, the z of each trace it replaces (in trace order) and the readout under the plots.
    private sealed record RankStep(int Rank, object[] Z, string Readout);

    /// <summary>
    /// W, its rank-r truncation W_r = Σ_{i≤r} σ_i·u_i·v_iᵀ and W − W_r as heatmaps on one diverging colour scale, with a
    /// slider over r = 1…min(d, k) that shows ‖W − W_r‖_F and the factors' parameter count r·(d + k) for the r chosen.
    /// Every step is computed here (<see cref="Truncation"/>, <see cref="RankSweep"/>), so dragging needs no kernel.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The d×k matrix; every entry finite, with 3k columns side by side fitting the figure, and
    /// 2·d·k·min(d, k) at most 50,000 numbers (a 20×20 W), which keeps the figure under about 1 MB.</param>
    /// <param name="name">What the panels, hover labels and readout call the matrix, e.g. "W3".</param>
    /// <param name="title">The chart title; by default one naming <paramref name="name"/>.</param>
    public static GenericChart RankSlider<T>(Matrix<T> w, string name = "W", string? title = null)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        title ??= $"Drag r: {name}, its rank-r truncation {name}<sub>r</sub> and what is left, one colour scale";
        var approx = $"{name}<sub>r</sub>";
        Guard.Factorable(w);
        Guard.NotEmpty(w);
        int d = w.RowCount, k = w.ColumnCount, n = Math.Min(d, k);
        var numbers = 2L * d * k * n;
        if (numbers > SliderFigure.MaxMatrixNumbers)
        {
            var tooMany = $"w is {d}×{k}: its {n} steps would send {numbers} numbers, more than the {SliderFigure.MaxMatrixNumbers}";
            throw Guard.OutOfRange(nameof(w), $"{tooMany} a slider carries (about 1 MB). Draw a corner, e.g. W.SubMatrix(0, 20, 0, 20).");
        }
        var sweep = RankSweep.Of(w);
        var norm = double.CreateChecked(w.FrobeniusNorm());
        var full = Truncation.Of(w, n);
        var steps = sweep.Select(point =>
        {
            // B·A as a notebook computes it, from the same scaled SVD the sweep measured: the drawn W − W_r is the one measured.
            var approximation = Leading(full, point.Rank);
            var (error, parameters) = (Numbers.Short(point.Error), point.Parameters);
            return new RankStep(point.Rank, [ToDouble(approximation), ToDouble(w - approximation)], FormattableString.Invariant(
                $"r = {point.Rank}:   ‖{name} − {approx}‖<sub>F</sub> = {error} of ‖{name}‖<sub>F</sub> = {Numbers.Short(norm)};   ") +
                $"r·(d + k) = {Numbers.Count(parameters.LowRank)} parameters of d·k = {Numbers.Count(parameters.Full)}");
        }).ToArray();
        var limit = steps.SelectMany(s => s.Z).Cast<double[][]>().Append(ToDouble(w)).SelectMany(m => m).SelectMany(r => r)
            .Select(Math.Abs).DefaultIfEmpty(0).Max();
        Panel[] panels =
        [
            new(name, name, ToDouble(w), Scale: 0),
            new(approx, approx, (double[][])steps[0].Z[0], Scale: 0),
            new($"{name} − {approx}", $"({name} − {approx})", (double[][])steps[0].Z[1], Scale: 0),
        ];
        var scale = new FixedScale(Colours.Diverging, -(limit > 0 ? limit : 1), limit > 0 ? limit : 1);
        var chart = Heatmaps(panels, title, nameof(w), scale, SliderFigure.ReadoutHeight + SliderFigure.SliderHeight);
        return WithSlider(chart, panels.Length, [1, 2], steps);
    }

    /// <summary>
    /// A greyscale picture beside its rank-r approximation P_r (its SVD truncated at r), with a slider over the given
    /// ranks that shows the storage r·(d + k + 1) of u_i, σ_i and v_i against the picture's d·k and the relative error
    /// ‖P − P_r‖_F ÷ ‖P‖_F for the r chosen. P_r is sent rounded to whole grey levels, which keeps a step of a 128×128
    /// picture near 60 KB; the readout's error is that of the unrounded P_r.
    /// </summary>
    /// <param name="picture">Grey levels from 0 to 65535, e.g. 0–255 (<see cref="Pictures.Camera"/>), not all equal, and small
    /// enough to draw two side by side (up to 420 rows, about 400 columns). A picture scaled to 0–1 is refused: its whole
    /// levels would be only 0 and 1.</param>
    /// <param name="ranks">The ranks the slider offers, increasing, each in 1…min(d, k); d·k·(count + 1) at most 250,000
    /// numbers (about 1 MB), e.g. 14 ranks of a 128×128 picture.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart PictureSlider(Matrix<double> picture, IReadOnlyList<int> ranks,
        string title = "Drag r: the picture and its rank-r approximation")
    {
        Guard.Factorable(picture);
        Guard.NotEmpty(picture);
        var chosen = Guard.NonEmptyList(ranks, "rank");
        ArgumentNullException.ThrowIfNull(title);
        int d = picture.RowCount, k = picture.ColumnCount;
        for (var i = 0; i < chosen.Length; i++)
        {
            Guard.Rank(chosen[i], d, k, $"ranks[{i}]");
            if (i > 0 && chosen[i] <= chosen[i - 1])
            {
                throw Guard.Invalid(nameof(ranks), $"ranks must increase, but ranks[{i}] = {chosen[i]} follows {chosen[i - 1]}.");
            }
        }
        var numbers = (long)d * k * (chosen.Length + 1);
        if (numbers > SliderFigure.MaxPictureNumbers)
        {
            var tooMany = $"{chosen.Length} ranks of a {d}×{k} picture would send {numbers} numbers, "
                + $"more than the {SliderFigure.MaxPictureNumbers}";
            throw Guard.OutOfRange(nameof(ranks), $"{tooMany} a slider carries (about 1 MB): offer fewer ranks or a smaller picture.");
        }
        var (darkest, brightest) = (picture.Enumerate().Min(), picture.Enumerate().Max());
        if (darkest == brightest)
        {
            throw Guard.Invalid(nameof(picture),
                $"picture has every entry {darkest}: a picture of one grey level has no grey scale to draw.");
        }
        GreyLevels(picture, brightest - darkest);
        var sweep = RankSweep.Of(picture);
        var full = Truncation.Of(picture, chosen[^1]);
        var steps = chosen.Select(r =>
        {
            var point = sweep[r - 1];
            long storage = (long)r * (d + k + 1), entries = (long)d * k;
            var share = Numbers.Percent((double)storage / entries, 1);
            return new RankStep(r, [WholeLevels(Leading(full, r))],
                $"r = {r}:   storage r·(d + k + 1) = {Numbers.Count(storage)} of d·k = {Numbers.Count(entries)} numbers ({share});   " +
                $"relative error ‖P − P<sub>r</sub>‖<sub>F</sub> / ‖P‖<sub>F</sub> = {Numbers.Percent(point.RelativeError, 1)}");
        }).ToArray();
        Panel[] panels =
        [
            new("P, the picture", "P", ToDouble(picture), Scale: 0),
            // Its rows only size the panel: the trace's z is set to the first step's whole grey levels below.
            new("P<sub>r</sub>, rank r", "P<sub>r</sub>", ToDouble(picture), Scale: 0),
        ];
        var chart = Heatmaps(panels, title, nameof(picture), new FixedScale(Colours.Grey, darkest, brightest),
            SliderFigure.ReadoutHeight + SliderFigure.SliderHeight);
        // Whole grey levels print in a third of the bytes of doubles; the panels' own rows only sized the figure.
        object[] shown = [WholeLevels(picture), steps[0].Z[0]];
        chart = GenericChart.mapiTrace(FuncConvert.FromFunc<int, Trace, Trace>((i, trace) =>
            Styling.Call<FSharpFunc<Trace, Trace>>(
                    typeof(Trace2DStyle), nameof(Trace2DStyle.Heatmap), new { Z = Levels((int[][])shown[i]) })
                .Invoke(trace)), chart);
        return WithSlider(chart, panels.Length, [1], steps);
    }

    // The slider sends whole grey levels (WholeLevels): beyond a 16-bit PGM's 0–65535 they would leave int's range or stand
    // for no grey level, and a 0–1 picture would round to black and white.
    private static void GreyLevels(Matrix<double> picture, double span)
    {
        for (var j = 0; j < picture.ColumnCount; j++)
        {
            for (var i = 0; i < picture.RowCount; i++)
            {
                var v = picture.At(i, j);
                if (v < 0 || v > MaxGreyLevel)
                {
                    throw Guard.OutOfRange(nameof(picture),
                        $"picture must hold grey levels from 0 to {MaxGreyLevel}, but picture[{i}, {j}] is {v}.");
                }
                if (span < 2 && v != Math.Round(v))
                {
                    throw Guard.Invalid(nameof(picture), $"picture spans {span} grey levels with picture[{i}, {j}] = {v}: "
                        + $"scaled to 0–1, it would be drawn in whole levels 0 and 1. Scale it to 0–255 first, "
                        + $"e.g. picture.Map(v => 255 * v).");
                }
            }
        }
    }

    // The largest level of a 16-bit PGM.
    private const double MaxGreyLevel = 65535;

    // B_r·A_r from the leading r columns of B and rows of A: Truncation.Of(w, r) cuts the same SVD there, so one SVD serves every step.
    private static Matrix<T> Leading<T>(LowRankFactors<T> factors, int rank)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => factors.B.SubMatrix(0, factors.B.RowCount, 0, rank) * factors.A.SubMatrix(0, rank, 0, factors.A.ColumnCount);

    // Trace2DStyle.Heatmap's z is a sequence of sequences of IConvertible.
    private static IEnumerable<IConvertible>[] Levels(int[][] rows) => [.. rows.Select(row => row.Cast<IConvertible>().ToArray())];

    // Whole numbers print as 0–3 digits where doubles would print as "123.0": a third of the bytes.
    private static int[][] WholeLevels(Matrix<double> m) =>
        m.ToRowArrays().Select(row => row.Select(v => (int)Math.Round(v, MidpointRounding.AwayFromZero)).ToArray()).ToArray();

    // The readout is one more annotation after the panel titles, under the column labels; the slider sits under it, and each
    // step restyles the traces it names and rewrites the readout: plotly.js's "update" method, run by the slider itself.
    private static GenericChart WithSlider(GenericChart chart, int readout, int[] traces, RankStep[] steps)
    {
        var note = Styling.Init<Annotation>(new
        {
            Text = steps[0].Readout,
            X = 0.0,
            XRef = "paper",
            XAnchor = StyleParam.XAnchorPosition.Left,
            Y = 0.0,
            YRef = "paper",
            YAnchor = StyleParam.YAnchorPosition.Top,
            YShift = -HeatmapFigure.MarginBottom,
            ShowArrow = false,
            Align = StyleParam.AnnotationAlignment.Left,
            Font = FontOf(FontSize.Body),
        });
        // Set as the whole list, titles first: appending would put the readout first and move the titles' indices.
        var titles = GenericChart.getLayout(chart).TryGetTypedPropertyValue<IEnumerable<Annotation>>("annotations");
        IEnumerable<Annotation> annotations = [.. FSharpOption<IEnumerable<Annotation>>.get_IsSome(titles) ? titles.Value : [], note];
        chart = Plotly.NET.Chart.withAnnotations(annotations, FSharpOption<bool>.Some(false)).Invoke(chart);
        var readoutText = $"annotations[{readout.ToString(CultureInfo.InvariantCulture)}].text";
        var slider = Styling.Init<Slider>(new
        {
            Active = 0,
            X = 0,
            XAnchor = StyleParam.XAnchorPosition.Left,
            Len = 1.0,
            Y = 0,
            YAnchor = StyleParam.YAnchorPosition.Top,
            Padding = Styling.Init<Padding>(new
            {
                T = HeatmapFigure.MarginBottom + SliderFigure.ReadoutHeight + SliderFigure.SliderPadTop,
                B = 0,
                L = 0,
                R = 0,
            }),
            CurrentValue = Styling.Init<SliderCurrentValue>(new { Visible = false }),
            Font = FontOf(FontSize.Ticks),
            Steps = steps.Select(s => Step(s, readoutText, traces)).ToArray(),
        });
        return Plotly.NET.Chart.withSlider(slider, null).Invoke(chart);
    }

    // plotly.js's "update" takes [trace changes, layout changes, trace indices]; Plotly.NET types a step's args as one
    // key-value object each, which cannot say the indices, so the args are this file's one untyped write.
    private static Plotly.NET.LayoutObjects.SliderStep Step(RankStep step, string readoutText, int[] traces)
    {
        var rank = step.Rank.ToString(CultureInfo.InvariantCulture);
        var sliderStep = Styling.Init<Plotly.NET.LayoutObjects.SliderStep>(
            new { Label = rank, Value = rank, Method = StyleParam.Method.Update });
        sliderStep.SetProperty("args", new object[]
        {
            new Dictionary<string, object> { ["z"] = step.Z },
            new Dictionary<string, object> { [readoutText] = step.Readout },
            traces,
        });
        return sliderStep;
    }
}
