using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

/// <summary>
/// The workbook's Plotly.NET figures, with titles, axis titles, hover text and legends; values that span decades
/// go on log axes. Display one as a cell's last expression after the setup cell's <c>Notebook.UseOfflineCharts()</c>
/// (LowRank.Notebooks), which draws it offline.
/// </summary>
public static partial class Charts
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

    // ColorBrewer RdBu, reversed so that positive entries are red and negative ones blue, white at 0.
    private static readonly object[][] Diverging =
    [
        [0.0, "#053061"], [0.1, "#2166ac"], [0.2, "#4393c3"], [0.3, "#92c5de"], [0.4, "#d1e5f0"], [0.5, "#f7f7f7"],
        [0.6, "#fddbc7"], [0.7, "#f4a582"], [0.8, "#d6604d"], [0.9, "#b2182b"], [1.0, "#67001f"],
    ];

    /// <summary>
    /// The singular value spectrum as bars on a log axis, with the numerical-zero tolerance drawn as a dashed line;
    /// every σ at or below it is grey and says "numerical zero" on hover. A log axis has no place for an exact 0, so
    /// σ = 0 and a tolerance of 0 are left out of the drawing and named in the legend instead (e.g. "σ₃ = 0, not drawn on a log axis").
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="singularValues">The singular values, largest first; every one finite and ≥ 0.</param>
    /// <param name="tolerance">The rank tolerance, a finite number ≥ 0, e.g. <see cref="MatrixRank.DefaultTolerance{T}(Matrix{T})"/>.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart SingularValues<T>(Vector<T> singularValues, double tolerance, string title = "Singular values of W")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Finite(singularValues);
        Guard.Tolerance(tolerance);
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
        Hover(line, lineKeys.Select(_ => $"tolerance {Numbers.Short(tolerance)}"));
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
    /// <param name="sweep">A sweep from <see cref="RankSweep.Of{T}(Matrix{T})"/>.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart ErrorVersusRank(RankSweep sweep, string title = "Approximation error versus chosen rank")
    {
        ArgumentNullException.ThrowIfNull(sweep);
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
    /// Ranks that lose exactly nothing have no place on a log axis, and ranks that lose less than
    /// <paramref name="floor"/> are rounding, not signal: neither is drawn, and the legend names them.
    /// </summary>
    /// <param name="sweeps">Named sweeps from <see cref="RankSweep.Of{T}(Matrix{T})"/>; at least one and at most 10,000, every name and sweep non-null.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="floor">
    /// The smallest share the SVD can resolve, a finite number ≥ 0: about ε² for a matrix in a type of machine
    /// epsilon ε (its SVD is exact only to about ε·‖W‖_F). Above 0 it is drawn as a dashed line; 0, the default, draws every share above 0.
    /// </param>
    /// <param name="floorName">What the floor is, for its legend entry, e.g. "float32's floor ε²".</param>
    public static GenericChart EnergyLost(IEnumerable<(string Name, RankSweep Sweep)> sweeps, string title = "Energy lost versus chosen rank",
        double floor = 0, string floorName = "floor")
    {
        var named = Guard.NonEmpty(sweeps, "sweep");
        for (var i = 0; i < named.Length; i++)
        {
            var (name, sweep) = named[i];
            if (name is null)
            {
                throw Guard.Invalid(nameof(sweeps), $"sweeps[{i}].Name is null, but every sweep needs a name for the legend.");
            }
            if (sweep is null)
            {
                throw new ArgumentNullException(nameof(sweeps), $"sweeps[\"{name}\"].Sweep is null, but every name needs a sweep from RankSweep.Of.");
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
            Hover(line, drawn.Select(p =>
                $"{s.Name}, r = {p.Rank}: {Numbers.Short(p.EnergyLost)} of the energy lost, relative error {Numbers.Short(p.RelativeError)}"));
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
                LineColor: Accent,
                LineDash: StyleParam.DrawingStyle.Dash);
            Hover(line, ends.Select(_ => $"{floorName} = {Numbers.Short(floor)}"));
            lines.Add(line);
        }
        return Style(Chart.Combine(lines), title, xTitle: "chosen rank r", yTitle: "energy lost: Σ σ<sub>i</sub>² over i > r ÷ Σ σ<sub>i</sub>² (log scale)", logY: true,
            yValues: [.. lost, .. floor > 0 ? [floor] : Array.Empty<double>()]);
    }

    /// <summary>
    /// The parameters of B and A, r·(d + k), as a percentage of the full layer's d·k, one bar per layer shape and
    /// rank on a linear axis: bars are grouped by shape and coloured by rank, with exact counts on hover.
    /// </summary>
    /// <param name="layers">Parameter counts from <see cref="ParameterCount.Of(int, int, int)"/>; at least one and at most 10,000, none null.</param>
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

    /// <summary>
    /// Heatmaps of the given matrices side by side, each drawn to its shape with square cells and row 0 on top, all
    /// on one diverging colour scale centred on 0 (red positive, blue negative) with one colour bar.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="matrices">Named matrices; at least one, every name non-null and every entry finite, and together small enough to give each entry a pixel (at most 420 rows; one matrix up to about 850 columns, fewer side by side).</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart Matrices<T>(IEnumerable<(string Name, Matrix<T> Matrix)> matrices, string title = "The matrices entry by entry: red positive, blue negative, one shared scale")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var named = Guard.NonEmpty(matrices, "matrix");
        var panels = new Panel[named.Length];
        for (var i = 0; i < named.Length; i++)
        {
            var (name, matrix) = named[i];
            if (name is null)
            {
                throw Guard.Invalid(nameof(matrices), $"matrices[{i}].Name is null, but every matrix needs a name for its panel title.");
            }
            Guard.Finite(matrix, $"matrices[\"{name}\"]", nameof(matrices));
            panels[i] = new Panel(name, name, ToDouble(matrix), Scale: 0);
        }
        return Heatmaps(panels, title, nameof(matrices));
    }

    /// <summary>
    /// W, its factors B and A, their product B·A and what is left, W − B·A, as heatmaps side by side. The first four
    /// share one colour scale so they can be compared; W − B·A is usually rounding-sized and gets its own scale and colour bar.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The d×k matrix; every entry finite, with d ≤ 420 and k small enough that the five panels give each entry a pixel (4k + r ≤ about 600).</param>
    /// <param name="b">B, d×r; every entry finite.</param>
    /// <param name="a">A, r×k; every entry finite.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart Factorization<T>(Matrix<T> w, Matrix<T> b, Matrix<T> a, string title = "W = B·A: the matrix, its factors, their product and what is left")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Finite(w);
        Guard.Finite(b);
        Guard.Finite(a);
        Guard.Chain(b, a, w.RowCount, w.ColumnCount);
        // The product is taken in T, as a layer would compute it, so W − B·A shows that rounding too.
        var product = b * a;
        if (!product.Enumerate().All(T.IsFinite))
        {
            throw new ArgumentException(
                $"b·a overflows {typeof(T).Name}: some entry exceeds {LargestFinite.Describe<T>()}, so W − B·A cannot be drawn. Scale b and a down or use double.",
                nameof(b));
        }
        return Heatmaps(
            [
                new Panel("W", "W", ToDouble(w), Scale: 0),
                new Panel("B", "B", ToDouble(b), Scale: 0),
                new Panel("A", "A", ToDouble(a), Scale: 0),
                new Panel("B·A", "(B·A)", ToDouble(product), Scale: 0),
                new Panel("W − B·A (own scale)", "(W − B·A)", ToDouble(w - product), Scale: 1),
            ],
            title,
            nameof(w));
    }

    private sealed record Panel(string Title, string HoverName, double[][] Rows, int Scale)
    {
        public int RowCount => Rows.Length;

        public int ColumnCount => Rows[0].Length;
    }

    private static GenericChart Heatmaps(Panel[] panels, string title, string parameter)
    {
        // Pixel budget: a cell is cell×cell px, so a panel is columns·cell wide and rows·cell tall. Between panels sit the next
        // panel's row labels, and after the last panel of each colour scale its colour bar.
        var maxRows = panels.Max(p => p.RowCount);
        var labelWidth = 7 * Digits(maxRows - 1);
        var gap = 22 + labelWidth;
        const int colourBar = 78;
        // The first panel names its axes (row i, column j), the left and bottom margins leave room for that.
        int left = 40 + labelWidth, right = 10, top = 100, bottom = 62;
        var lastOfScale = panels.Select((p, i) => i == panels.Length - 1 || panels[i + 1].Scale != p.Scale).ToArray();
        var spacing = Enumerable.Range(0, panels.Length).Sum(i => (lastOfScale[i] ? colourBar : 0) + (i < panels.Length - 1 ? gap : 0));
        var available = 980 - left - right - spacing;
        var columns = panels.Sum(p => p.ColumnCount);
        var cell = Math.Min(Math.Min((double)available / columns, 420.0 / maxRows), 40);
        // Below a pixel per entry a heatmap shows averages, not entries; many panels would leave no room at all.
        if (cell < 1)
        {
            throw Guard.OutOfRange(parameter,
                $"{panels.Length} panel(s) side by side, {columns} columns in all and up to {maxRows} rows, leave less than a pixel per entry: the figure has room for {Math.Max(available, 0)} columns and 420 rows. Draw fewer or smaller matrices, e.g. a corner such as W.SubMatrix(0, 64, 0, 64).");
        }
        // A figure narrowed to tall panels stays wide enough for its title (about 10 px a character at 18 px).
        // Whole pixels, as the figure's size is given in them: domains are fractions of these, so cells stay square.
        var plotWidth = Math.Ceiling(Math.Max(columns * cell + spacing, Math.Min(Math.Max(560, 10 * title.Length + 40), 980) - left - right));
        var plotHeight = Math.Ceiling(Math.Max(maxRows * cell, 160));

        var scales = panels.Select(p => p.Scale).Distinct().ToDictionary(
            s => s,
            s => panels.Where(p => p.Scale == s).SelectMany(p => p.Rows).SelectMany(r => r).Select(Math.Abs).DefaultIfEmpty(0).Max());
        var traces = new List<GenericChart>();
        var layout = new List<(string, object)>();
        var titles = new List<object>();
        var x = 0.0;
        for (var i = 0; i < panels.Length; i++)
        {
            var panel = panels[i];
            var id = i == 0 ? "" : (i + 1).ToString(CultureInfo.InvariantCulture);
            var width = panel.ColumnCount * cell;
            var height = panel.RowCount * cell;
            // An all-zero matrix still needs a colour range; ±1 draws it white.
            var limit = scales[panel.Scale] > 0 ? scales[panel.Scale] : 1;
            var heatmap = Chart.Heatmap<double, int, int, string>(
                panel.Rows,
                X: Enumerable.Range(0, panel.ColumnCount).ToArray(),
                Y: Enumerable.Range(0, panel.RowCount).ToArray(),
                Name: panel.Title,
                ShowLegend: false,
                ShowScale: lastOfScale[i]);
            foreach (var trace in GenericChart.getTraces(heatmap))
            {
                trace.SetProperty("xaxis", "x" + id);
                trace.SetProperty("yaxis", "y" + id);
                trace.SetProperty("colorscale", Diverging);
                trace.SetProperty("zauto", false);
                trace.SetProperty("zmin", -limit);
                trace.SetProperty("zmax", limit);
                trace.SetProperty("hovertemplate", $"{panel.HoverName}[%{{y}}, %{{x}}] = %{{z:.4~g}}<extra></extra>");
                if (lastOfScale[i])
                {
                    trace.SetProperty("colorbar", Obj(
                        ("x", (x + width + 8) / plotWidth), ("xanchor", "left"),
                        ("y", 1), ("yanchor", "top"),
                        ("len", Math.Max(panels.Where(p => p.Scale == panel.Scale).Max(p => p.RowCount) * cell, 100)), ("lenmode", "pixels"),
                        ("thickness", 12), ("outlinewidth", 0), ("xpad", 0), ("ypad", 0),
                        ("exponentformat", "e"), ("tickfont", Obj(("size", 11)))));
                }
            }
            traces.Add(heatmap);
            // Row 0 on top, as a matrix is printed; the domains give square cells, and scaleanchor keeps them square
            // should plotly resize the plot.
            layout.Add(("xaxis" + id, Obj(
                ("domain", new[] { x / plotWidth, (x + width) / plotWidth }),
                ("anchor", "y" + id),
                ("range", new[] { -0.5, panel.ColumnCount - 0.5 }),
                ("tickvals", Ticks(panel.ColumnCount, cell, 6 + 7 * Digits(panel.ColumnCount - 1))),
                ("title", Obj(("text", i == 0 ? "column j" : ""), ("font", Obj(("size", 12))), ("standoff", 4))),
                ("tickfont", Obj(("size", 11))),
                ("showgrid", false), ("zeroline", false),
                ("constrain", "domain"), ("constraintoward", "left"))));
            layout.Add(("yaxis" + id, Obj(
                ("domain", new[] { 1 - height / plotHeight, 1.0 }),
                ("anchor", "x" + id),
                ("range", new[] { panel.RowCount - 0.5, -0.5 }),
                ("tickvals", Ticks(panel.RowCount, cell, 14)),
                ("title", Obj(("text", i == 0 ? "row i" : ""), ("font", Obj(("size", 12))), ("standoff", 4))),
                ("tickfont", Obj(("size", 11))),
                ("showgrid", false), ("zeroline", false),
                ("scaleanchor", "x" + id), ("scaleratio", 1),
                ("constrain", "domain"), ("constraintoward", "top"))));
            titles.Add(Obj(
                ("text", panel.Title),
                ("x", (x + width / 2) / plotWidth), ("xref", "paper"), ("xanchor", "center"),
                ("y", 1), ("yref", "paper"), ("yanchor", "bottom"), ("yshift", 6),
                ("showarrow", false), ("font", Obj(("size", 14)))));
            x += width + (lastOfScale[i] ? colourBar : 0) + gap;
        }

        var figureHeight = (int)plotHeight + top + bottom;
        var chart = Plotly.NET.Chart.withTitle(title, null).Invoke(Chart.Combine(traces))
            .WithSize(Width: (int)plotWidth + left + right, Height: figureHeight);
        foreach (var (name, value) in layout)
        {
            SetLayout(chart, name, value);
        }
        SetLayout(chart, "annotations", titles);
        SetLayout(chart, "margin", Obj(("l", left), ("r", right), ("t", top), ("b", bottom), ("autoexpand", false)));
        SetLayout(chart, "font", Obj(("size", 13)));
        SetLayout(chart, "title", Obj(("text", title), ("font", Obj(("size", 18))), ("x", 0), ("xref", "paper"), ("xanchor", "left"),
            // 34 px down, below plotly's mode bar, which a figure narrowed to its panels would otherwise lay over the title.
            ("y", 1 - 34.0 / figureHeight), ("yanchor", "top")));
        SetLayout(chart, "plot_bgcolor", "white");
        return chart;
    }

    // Tick marks every 1, 2, 5, 10, 20, … indices: the first step that leaves at least minPixels between labels.
    private static int[] Ticks(int count, double cell, double minPixels)
    {
        var step = 1;
        for (var n = 1; step * cell < minPixels; n++)
        {
            step = new[] { 1, 2, 5 }[n % 3] * (int)Math.Pow(10, n / 3);
        }
        return Enumerable.Range(0, (count - 1) / step + 1).Select(i => i * step).ToArray();
    }

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;

    private static double[][] ToDouble<T>(Matrix<T> matrix)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => matrix.ToRowArrays().Select(row => row.Select(v => double.CreateChecked(v)).ToArray()).ToArray();

    private static bool IsFullRank(RankSweepPoint p) => p.Rank == Math.Min(p.Parameters.Rows, p.Parameters.Columns);

    // "r = 10" or "r = 8–10": the ranks a sweep leaves out (below a floor, or losing nothing) are always a run at its end.
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

    // yValues: every value drawn against the y axis, from which a log axis places its labels; a linear axis ignores them.
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
