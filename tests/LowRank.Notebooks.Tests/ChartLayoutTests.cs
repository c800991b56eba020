using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using static LowRank.Notebooks.Tests.FigureJson;
using LowRank.Tests;

namespace LowRank.Notebooks.Tests;

/// <summary>
/// What makes a figure readable, whatever its data: hover text for every point, type sizes that can be read, log-axis
/// labels on round numbers, and heatmap panels with square cells that fit the 1000 × 700 window the screenshots use and
/// never overlap.
/// </summary>
public class ChartLayoutTests
{
    private static double Number(JsonNode? node) => (double)node!;

    private static RankSweep Sweep(int rows, int cols, int seed) => RankSweep.Of(Gaussian.Random<double>(rows, cols, seed));

    /// <summary>Every chart the library draws, with ordinary data and with the edge cases each one handles.</summary>
    private static GenericChart Draw(string name)
    {
        var (w, b, a) = Factors(6, 5, 2, seed: 4);
        var exact = RankSweep.Of(Gaussian.Product<double>(6, 5, 2, seed: 5));
        return name switch
        {
            "spectrum" => Charts.SingularValues(Vector<double>.Build.DenseOfArray([8.0, 3.0, 2e-7]), tolerance: 1e-5),
            "spectrum with zeros and tolerance 0" => Charts.SingularValues(Vector<double>.Build.DenseOfArray([2.0, 0.0]), tolerance: 0),
            "error" => Charts.ErrorVersusRank(Sweep(6, 5, seed: 1)),
            "error with exact zeros" => Charts.ErrorVersusRank(RankSweep.Of(Gaussian.Diagonal<double>(3, 2, 0, 0))),
            "energy" => Charts.EnergyLost([("Gaussian", Sweep(6, 5, seed: 1)), ("rank 2", exact)]),
            "energy with a floor" => Charts.EnergyLost([("Gaussian", Sweep(6, 5, seed: 1)), ("rank 2", exact)], floor: 1e-20,
                floorName: "double's floor ε²"),
            "parameters" => Charts.ParameterShare([ParameterCount.Of(4096, 4096, 8), ParameterCount.Of(4096, 11008, 64)]),
            "matrices" => Charts.Matrices([("W", w), ("B", b), ("A", a)]),
            "factorization" => Charts.Factorization(w, b, a),
            "loss" => Charts.TrainingLoss([3.0, 1.0, 0.2, 0.05]),
            "loss with a zero" => Charts.TrainingLoss([3.0, 0.0]),
            "adapter" => Charts.AdapterError([(1, 6.8, 6.78, 6.7), (2, 0.8, 0.785, 0.78)]),
            "forgetting" => Charts.Forgetting([("full", 0.9, 0.8, null), ("LoRA r = 4", 0.85, 0.6, 0.95)]),
            "lines" => Charts.Lines([("exact", [64.0, 128.0], [0.01, 0.05]), ("randomized", [64.0, 128.0], [0.002, 0.004])], "Time", "n",
                "seconds"),
            "rank slider" => Charts.RankSlider(w),
            "picture slider" => Charts.PictureSlider(Gaussian.Random<double>(8, 8, seed: 3).Map(v => 128 + 40 * v), [1, 3, 8]),
            _ => Charts.Lines([("error", [1.0, 2.0, 3.0], [1e-3, 1e-6, 1e-9])], "Error", "r", "error", logY: true),
        };
    }

    public static TheoryData<string> LineAndBarFigures =>
        ["spectrum", "error", "energy", "parameters", "loss", "adapter", "forgetting", "lines", "lines on a log axis"];

    [Theory]
    [MemberData(nameof(LineAndBarFigures))]
    public void Titles_read_from_the_left_and_outrank_the_axis_titles_which_outrank_nothing_below_12_px(string name)
    {
        var layout = Figure(Draw(name))["layout"]!;

        Assert.Equal("left", (string?)layout["title"]!["xanchor"]);
        Assert.InRange(Number(layout["title"]!["x"]), 0, 0.05);
        var title = Number(layout["title"]!["font"]!["size"]);
        foreach (var axis in new[] { "xaxis", "yaxis" })
        {
            var axisTitle = Number(layout[axis]!["title"]!["font"]!["size"]);
            Assert.True(title > axisTitle && axisTitle >= Number(layout[axis]!["tickfont"]!["size"]),
                $"{axis}: title {title}, axis title {axisTitle}");
            Assert.False(string.IsNullOrWhiteSpace((string?)layout[axis]!["title"]!["text"]), $"{axis} has a title");
            // Long tick labels (1.5·10⁻⁶, 4096×11008) push the plot over instead of being cut off.
            Assert.Equal("height+width+left+right+top+bottom", (string?)layout[axis]!["automargin"]);
        }
        Assert.True(Number(layout["font"]!["size"]) >= 12, "hover and legend text");
        Assert.Equal("power", (string?)layout["yaxis"]!["exponentformat"]);
        Assert.Equal("left", (string?)layout["legend"]!["xanchor"]);
        Assert.Equal(0.0, Number(layout["legend"]!["x"]));
    }

    [Theory]
    [MemberData(nameof(LineAndBarFigures))]
    public void Every_point_has_hover_text_of_its_own_and_every_trace_a_legend_entry(string name)
    {
        var figure = Figure(Draw(name));

        foreach (var trace in figure["data"]!.AsArray())
        {
            var points = trace!["y"]!.AsArray().Count;
            var hover = trace["hovertext"]!.AsArray().Select(h => (string)h!).ToArray();
            Assert.Equal(points, hover.Length);
            Assert.Equal("text", (string?)trace["hoverinfo"]);
            Assert.NotEqual(false, (bool?)trace["showlegend"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)trace["name"]));
            if ((string?)trace["type"] == "scatter" && points > 1 && name != "loss" && !((string?)trace["name"])!
                .StartsWith("tolerance", StringComparison.Ordinal))
            {
                // Ranks and sizes are few and discrete: each is marked, the line only guides the eye. (A loss curve has
                // hundreds of steps, and the tolerance is one level: both are lines.)
                Assert.Contains("markers", (string?)trace["mode"] ?? "", StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_single_trace_keeps_its_legend_entry_which_says_what_the_line_is()
    {
        // plotly hides the legend of a figure with one trace; the legend is where the chart says what is drawn.
        foreach (var chart in new[]
            { Charts.TrainingLoss([1.0, 0.5]), Charts.SingularValues(Vector<double>.Build.DenseOfArray([1.0]), 0.1) })
        {
            Assert.All(Figure(chart)["data"]!.AsArray(), t => Assert.True((bool)t!["showlegend"]!));
        }
    }

    [Fact]
    public void Hover_text_names_the_rank_and_its_values()
    {
        var sweep = RankSweep.Of(Gaussian.Diagonal<double>(3, 2, 1));
        var error = Figure(Charts.ErrorVersusRank(sweep))["data"]!;
        var energy = Figure(Charts.EnergyLost([("diag(3, 2, 1)", sweep)]))["data"]!;
        var adapter = Figure(Charts.AdapterError([(2, 1.5, 1.2, 1.0)]))["data"]!;
        var lines = Figure(Charts.Lines([("exact", [64.0], [0.25])], "t", "n", "s"))["data"]!;

        Assert.Equal(["r = 1: error 2.2361, relative 0.5976<br>energy lost 0.3571, 6 of 9 parameters",
            "r = 2: error 1, relative 0.2673<br>energy lost 0.0714, 12 of 9 parameters"],
            error[0]!["hovertext"]!.AsArray().Select(h => (string)h!));
        Assert.Equal(["r = 1: predicted 2.2361", "r = 2: predicted 1"], error[1]!["hovertext"]!.AsArray().Select(h => (string)h!));
        Assert.Equal("diag(3, 2, 1), r = 1: 0.3571 of the energy lost, relative error 0.5976", (string?)energy[0]!["hovertext"]![0]);
        Assert.Equal("r = 2: minimiser of the loss 1.2, 1.2 × Eckart–Young", (string?)adapter[1]!["hovertext"]![0]);
        Assert.Equal("exact: 64 → 0.25", (string?)lines[0]!["hovertext"]![0]);
    }

    [Fact]
    public void Linear_axes_keep_plotlys_own_labels()
    {
        var yaxis = Figure(Charts.AdapterError([(1, 6.8, 6.78, 6.7), (2, 0.8, 0.785, 0.78)]))["layout"]!["yaxis"]!;

        Assert.Equal("linear", (string?)yaxis["type"]);
        Assert.Null(yaxis["tickvals"]);
        // Ratios a few percent above 1 would flatten into one line on an axis forced to start at 0.
        Assert.Null(yaxis["rangemode"]);
    }

    [Fact]
    public void The_full_rank_note_sits_in_the_top_right_corner_on_a_light_backing_without_an_arrow()
    {
        var note = Figure(Charts.ErrorVersusRank(Sweep(4, 3, seed: 2)))["layout"]!["annotations"]![0]!;

        Assert.Equal(("paper", "right", 1.0), ((string?)note["xref"], (string?)note["xanchor"], Number(note["x"])));
        Assert.Equal(("paper", "top", 1.0), ((string?)note["yref"], (string?)note["yanchor"], Number(note["y"])));
        Assert.False((bool)note["showarrow"]!);
        Assert.True(Number(note["font"]!["size"]) >= 12);
        Assert.StartsWith("rgba(255,255,255,", (string?)note["bgcolor"], StringComparison.Ordinal);
    }

    [Fact]
    public void Percentages_stand_above_their_bars_at_full_size_even_on_thin_bars()
    {
        var bars = Figure(Charts.ParameterShare([ParameterCount.Of(4096, 4096, 4), ParameterCount.Of(4096, 4096, 64)]))["data"]!.AsArray();

        Assert.All(bars, b =>
        {
            Assert.Equal("outside", (string?)b!["textposition"]);
            // plotly would shrink the label of a thin bar to its width, or clip a label above the axis's range.
            Assert.Equal("none", (string?)b["constraintext"]);
            Assert.False((bool)b["cliponaxis"]!);
        });
    }

    [Fact]
    public void Spectrum_bars_at_or_below_the_tolerance_are_grey_and_the_others_one_colour()
    {
        var bars = Figure(Charts.SingularValues(Vector<double>.Build.DenseOfArray([8.0, 1e-5, 2e-7]), tolerance: 1e-5))["data"]![0]!;

        var colours = bars["marker"]!["color"]!.AsArray().Select(c => (string)c!).ToArray();
        Assert.Equal(3, colours.Length);
        Assert.NotEqual(colours[0], colours[1]);
        Assert.Equal(colours[1], colours[2]);
        Assert.Contains("187, 187, 187", colours[1], StringComparison.Ordinal);
    }

    private static double[]? TickValues(GenericChart chart) =>
        Figure(chart)["layout"]!["yaxis"]!["tickvals"] is JsonArray ticks ? Doubles(ticks) : null;

    [Fact]
    public void Log_axis_labels_at_the_edges_of_their_rules()
    {
        // 10 to 1000: two decades and labels at 1, 2 and 5 of each, the top decade's 1000 included.
        Assert.Equal([10.0, 20, 50, 100, 200, 500, 1000], TickValues(Charts.TrainingLoss([1000.0, 10.0]))!);
        // Exactly four decades still get round labels; exactly 2.5 decades get only powers of ten.
        Assert.Equal([1.0, 10, 100, 1000, 1e4], TickValues(Charts.TrainingLoss([1e4, 1.0]))!);
        var twoAndAHalf = Math.Pow(10, 2.5);
        Assert.Equal(2.5, Math.Log10(twoAndAHalf / 1.0));
        Assert.Equal([1.0, 10, 100], TickValues(Charts.TrainingLoss([twoAndAHalf, 1.0]))!);
        // A label may lie up to a factor 1.5 beyond the data, 10 for data from 15 included.
        Assert.Equal([10.0, 20, 50, 100, 200], TickValues(Charts.TrainingLoss([200.0, 15.0]))!);
        // ... and 2 for data up to 4/3, whose 1.5-fold is exactly 2 in double.
        Assert.Equal(2.0, 4.0 / 3 * 1.5);
        Assert.Equal([1.0, 2], TickValues(Charts.TrainingLoss([4.0 / 3, 1.0]))!);
    }

    [Fact]
    public void The_spectrum_labels_its_axis_so_that_the_tolerance_line_has_a_label()
    {
        // σ from 3 to 8 alone would get one label (5); with the tolerance 1 the axis runs from 1 and labels it.
        Assert.Equal([1.0, 2, 5, 10], TickValues(Charts.SingularValues(Vector<double>.Build.DenseOfArray([8.0, 3.0]), tolerance: 1))!);
        // A tolerance of 0 is not drawn on the log axis, so it does not stretch the labels' range.
        Assert.Equal([2.0, 5, 10], TickValues(Charts.SingularValues(Vector<double>.Build.DenseOfArray([8.0, 3.0]), tolerance: 0))!);
        // Nothing to draw at all: no labels, and no failure.
        Assert.Null(TickValues(Charts.SingularValues(Vector<double>.Build.Dense(2), tolerance: 0)));
        var spectrum = Figure(Charts.SingularValues(Vector<double>.Build.DenseOfArray([8.0, 3.0]), tolerance: 1e-5))["data"]!;
        Assert.Equal("singular values σ<sub>i</sub>", (string?)spectrum[0]!["name"]);
        Assert.Equal(["tolerance 1e-5", "tolerance 1e-5"], spectrum[1]!["hovertext"]!.AsArray().Select(h => (string)h!));
    }

    [Fact]
    public void Exact_zeros_are_named_in_the_legend_only_where_some_were_left_out()
    {
        // diag(3, 2, 0, 0): error and prediction are exactly 0 from r = 2 on; r = 4 is full rank and not drawn anyway.
        var zeros = Figure(Charts.ErrorVersusRank(RankSweep.Of(Gaussian.Diagonal<double>(3, 2, 0, 0))));
        Assert.Equal([1], zeros["data"]![0]!["x"]!.AsArray().Select(v => (int)v!));
        Assert.Equal("measured ‖W − B<sub>r</sub>·A<sub>r</sub>‖<sub>F</sub> (exact zeros not drawn)", (string?)zeros["data"]![0]!["name"]);
        Assert.Equal("Eckart–Young √(Σ σ<sub>i</sub>² over i > r) (exact zeros not drawn)", (string?)zeros["data"]![1]!["name"]);
        Assert.Equal([2.0], TickValues(Charts.ErrorVersusRank(RankSweep.Of(Gaussian.Diagonal<double>(3, 2, 0, 0))))!);

        var none = Figure(Charts.ErrorVersusRank(RankSweep.Of(Gaussian.Diagonal<double>(3, 2, 1))))["data"]!;
        Assert.Equal("measured ‖W − B<sub>r</sub>·A<sub>r</sub>‖<sub>F</sub>", (string?)none[0]!["name"]);
        Assert.Equal("Eckart–Young √(Σ σ<sub>i</sub>² over i > r)", (string?)none[1]!["name"]);

        // Energy: diag(3, 2, 0, 0) loses 4/13 at r = 1 and nothing from r = 2; the zeros are named and leave the labels alone.
        var energy = Charts.EnergyLost([("diag(3, 2, 0, 0)", RankSweep.Of(Gaussian.Diagonal<double>(3, 2, 0, 0))), ("diag(3, 2, 1)",
            RankSweep.Of(Gaussian.Diagonal<double>(3, 2, 1)))]);
        var lines = Figure(energy)["data"]!;
        Assert.Equal("diag(3, 2, 0, 0) (nothing lost at r = 2–4: not drawn)", (string?)lines[0]!["name"]);
        Assert.Equal("diag(3, 2, 1) (nothing lost at r = 3: not drawn)", (string?)lines[1]!["name"]);
        Assert.Equal([0.05, 0.1, 0.2, 0.5], TickValues(energy)!);
        // Every sweep from RankSweep.Of ends at full rank, which loses nothing; one that stops short of it names no zeros.
        var partial = new RankSweep([new RankSweepPoint(1, 2.0, 2.0, 0.2, 0.5, 0.5, null, ParameterCount.Of(10, 10, 1))]);
        Assert.Equal("partial", (string?)Figure(Charts.EnergyLost([("partial", partial)]))["data"]![0]!["name"]);

        Assert.Equal("mean squared error on the training data", (string?)Figure(Charts.TrainingLoss([2.0, 1.0]))["data"]![0]!["name"]);
        Assert.Equal("mean squared error on the training data (exact zeros not drawn)", (string?)Figure(Charts.TrainingLoss([2.0,
            0.0]))["data"]![0]!["name"]);
    }

    [Fact]
    public void Factorization_names_each_panel_on_hover_and_refuses_what_it_cannot_draw()
    {
        var (w, b, a) = Factors(4, 3, 2, seed: 8);
        var traces = Figure(Charts.Factorization(w, b, a))["data"]!.AsArray();
        Assert.Equal(["W[", "B[", "A[", "(B·A)[", "(W − B·A)["], traces.Select(t => ((string)t!["hovertemplate"]!).Split('%')[0]));

        var nan = a.Clone();
        nan[1, 0] = double.NaN;
        Rejects.Throws<ArgumentException>(() => Charts.Factorization(w, b, nan), "a", "a[1, 0] is NaN");
        // Only the first entry of B·A overflows float: one non-finite entry is enough to refuse.
        var big = Matrix<float>.Build.DenseOfArray(new float[,] { { 3e38f } });
        var wide = Matrix<float>.Build.DenseOfArray(new float[,] { { 2f, 1e-30f } });
        Rejects.Throws<ArgumentException>(() => Charts.Factorization(Matrix<float>.Build.Dense(1, 2), big, wide), "b",
            "b·a overflows Single", "W − B·A cannot be drawn");
    }

    [Fact]
    public void An_all_zero_matrix_is_drawn_white_on_a_scale_of_plus_minus_1()
    {
        var trace = Figure(Charts.Matrices([("zero", Matrix<double>.Build.Dense(2, 3))]))["data"]![0]!;

        Assert.Equal((-1.0, 1.0), (Number(trace["zmin"]), Number(trace["zmax"])));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(60)]
    [InlineData(120)]
    public void A_small_matrix_gets_a_figure_wide_enough_for_its_title_and_no_wider(int titleLength)
    {
        var title = new string('x', titleLength);

        var width = Number(Figure(Charts.Matrices([("W", Gaussian.Random<double>(2, 2, seed: 1))], title))["layout"]!["width"]);

        // About 10 px a character at 18 px, plus room for the colour bar; at least 560 and at most the 980 px budget.
        var needed = Math.Clamp(10 * titleLength + 40, 560, 980);
        Assert.InRange(width, needed, needed + 1);
    }

    [Fact]
    public void The_sweep_null_check_names_the_sweep()
    {
        Rejects.Throws<ArgumentNullException>(() => Charts.EnergyLost([("a", Sweep(3, 3, seed: 1)), ("b", null!)]), "sweeps",
            "sweeps[\"b\"].Sweep is null");
    }

    [Fact]
    public void Linear_line_charts_keep_plotlys_own_labels_too()
    {
        Assert.Null(TickValues(Charts.Lines([("a", [1.0, 2.0], [1.0, 3.0])], "t", "x", "y")));
        Assert.NotNull(TickValues(Charts.Lines([("a", [1.0, 2.0], [1.0, 3.0])], "t", "x", "y", logY: true)));
    }

    // Plotly.NET takes about 80 ms to write a figure as JSON, and ChartSnapshotTests pins the exact figures of fixed
    // inputs, so the properties below try a handful of random shapes, new ones on every run: enough to catch a
    // geometry that holds for the snapshots' shapes only.

    /// <summary>One to five panels of 1 to 40 rows and columns, as Matrices or as Factorization draws them.</summary>
    private static readonly Gen<(int Rows, int Cols)[]> Panels = Gen.Select(Gen.Int[1, 40], Gen.Int[1, 40]).Array[1, 5];

    [Fact]
    public void Heatmap_panels_have_square_cells_fit_the_window_and_leave_room_for_labels_and_colour_bars()
    {
        Panels.Sample(shapes =>
        {
            var matrices = shapes.Select((s, i) => ($"M{i}", Gaussian.Random<double>(s.Rows, s.Cols, seed: i))).ToArray();
            CheckPanels(Figure(Charts.Matrices(matrices)), shapes, lastOfScale: shapes.Select((_, i) => i == shapes.Length - 1).ToArray());
        }, iter: 8);
    }

    [Fact]
    public void Factorization_panels_follow_the_same_geometry_with_two_colour_bars()
    {
        Gen.Select(Gen.Int[2, 40], Gen.Int[2, 40], Gen.Int[1, 2]).Sample((rows, cols, rank) =>
        {
            var (w, b, a) = Factors(rows, cols, rank, seed: rows + cols);
            (int, int)[] shapes = [(rows, cols), (rows, rank), (rank, cols), (rows, cols), (rows, cols)];
            CheckPanels(Figure(Charts.Factorization(w, b, a)), shapes, lastOfScale: [false, false, false, true, true]);
        }, iter: 5);
    }

    [Fact]
    public void Heatmaps_that_would_leave_an_entry_less_than_a_pixel_are_refused_instead_of_drawn_as_a_smear()
    {
        static Matrix<double> Ones(int rows, int cols) => Matrix<double>.Build.Dense(rows, cols, 1.0);

        // 40 panels once sent the tick spacing search into an endless loop: the panels' gaps alone were wider than the figure.
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.Matrices([.. Enumerable.Range(0, 40).Select(i => ($"M{i}", Ones(3, 3)))]),
            "matrices", "40 panel(s) side by side, 120 columns in all and up to 3 rows, leave less than a pixel per entry",
                "room for 0 columns");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.Matrices([("wide", Ones(2, 5000))]), "matrices", "5000 columns in all");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.Matrices([("tall", Ones(421, 1))]), "matrices", "up to 421 rows",
            "and 420 rows");
        var (w, b, a) = Factors(10, 300, 1, seed: 3);
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.Factorization(w, b, a), "w",
            "5 panel(s) side by side, 1201 columns in all");

        // At exactly a pixel per entry the figure is drawn.
        Assert.Equal(1.0, FirstCell(Figure(Charts.Matrices([("tall", Ones(420, 1))]))), 1e-9);
    }

    private static double FirstCell(JsonNode figure)
    {
        var layout = figure["layout"]!;
        var domain = Doubles(layout["yaxis"]!["domain"]);
        var plotHeight = Number(layout["height"]) - Number(layout["margin"]!["t"]) - Number(layout["margin"]!["b"]);
        var rows = Doubles(layout["yaxis"]!["range"])[0] + 0.5;
        return (domain[1] - domain[0]) * plotHeight / rows;
    }

    private static void CheckPanels(JsonNode figure, (int Rows, int Cols)[] shapes, bool[] lastOfScale)
    {
        var layout = figure["layout"]!;
        var margin = layout["margin"]!;
        double width = Number(layout["width"]), height = Number(layout["height"]);
        Assert.InRange(width, 300, 1000);
        Assert.InRange(height, 200, 700);
        // Domains are fractions of the plot area; without autoexpand plotly keeps it exactly width minus the margins.
        Assert.False((bool)margin["autoexpand"]!);
        var plotWidth = width - Number(margin["l"]) - Number(margin["r"]);
        var plotHeight = height - Number(margin["t"]) - Number(margin["b"]);
        Assert.True(Number(margin["l"]) >= 40, "room for the first panel's row labels and axis title");
        Assert.Equal("white", (string?)layout["plot_bgcolor"]);
        Assert.True(Number(layout["font"]!["size"]) >= 12);
        var title = layout["title"]!;
        Assert.Equal(("left", "top"), ((string?)title["xanchor"], (string?)title["yanchor"]));
        // Below plotly's mode bar (about 30 px from the top) and above the panel titles.
        var titleTop = (1 - Number(title["y"])) * height;
        Assert.InRange(titleTop, 30, Number(margin["t"]) - 40);
        Assert.True(Number(title["font"]!["size"]) > 14);

        var annotations = layout["annotations"]!.AsArray();
        Assert.Equal(shapes.Length, annotations.Count);
        double? cell = null;
        var scaleStart = 0;
        var previousEnd = double.NegativeInfinity;
        var labelWidth = 7 * shapes.Max(s => s.Rows - 1).ToString(CultureInfo.InvariantCulture).Length;
        for (var i = 0; i < shapes.Length; i++)
        {
            var id = i == 0 ? "" : (i + 1).ToString(CultureInfo.InvariantCulture);
            var (rows, cols) = shapes[i];
            var trace = figure["data"]![i]!;
            var xaxis = layout["xaxis" + id]!;
            var yaxis = layout["yaxis" + id]!;
            Assert.Equal(("x" + id, "y" + id), ((string?)trace["xaxis"], (string?)trace["yaxis"]));
            Assert.Equal(("y" + id, "x" + id), ((string?)xaxis["anchor"], (string?)yaxis["anchor"]));
            var x = Doubles(xaxis["domain"]);
            var y = Doubles(yaxis["domain"]);
            var cellWidth = (x[1] - x[0]) * plotWidth / cols;
            var cellHeight = (y[1] - y[0]) * plotHeight / rows;
            cell ??= cellWidth;
            Assert.Equal(cell.Value, cellWidth, 1e-6);
            Assert.Equal(cell.Value, cellHeight, 1e-6);
            Assert.InRange(x[0], 0, 1);
            Assert.InRange(x[1], x[0], 1);
            Assert.Equal(1.0, y[1]);
            // One cell per index, row 0 on top.
            Assert.Equal([-0.5, cols - 0.5], Doubles(xaxis["range"]));
            Assert.Equal([rows - 0.5, -0.5], Doubles(yaxis["range"]));
            Assert.Equal(("x" + id, 1.0), ((string?)yaxis["scaleanchor"], Number(yaxis["scaleratio"])));
            Assert.Equal(("domain", "left"), ((string?)xaxis["constrain"], (string?)xaxis["constraintoward"]));
            Assert.Equal(("domain", "top"), ((string?)yaxis["constrain"], (string?)yaxis["constraintoward"]));
            foreach (var axis in new[] { xaxis, yaxis })
            {
                // No grid or zero line drawn across the cells.
                Assert.False((bool)axis["showgrid"]!);
                Assert.False((bool)axis["zeroline"]!);
                Assert.True(Number(axis["tickfont"]!["size"]) >= 11);
                Assert.True(Number(axis["title"]!["font"]!["size"]) >= 12);
            }
            Assert.Equal(i == 0 ? ("column j", "row i") : ("", ""), ((string?)xaxis["title"]!["text"], (string?)yaxis["title"]!["text"]));
            CheckTicks(Doubles(xaxis["tickvals"]), cols, cell.Value, 6 + 7 * (cols - 1).ToString(CultureInfo.InvariantCulture).Length);
            CheckTicks(Doubles(yaxis["tickvals"]), rows, cell.Value, 14);

            // The panel's title is centred above it.
            var note = annotations[i]!;
            Assert.Equal(("paper", "center", "paper", "bottom"), ((string?)note["xref"], (string?)note["xanchor"], (string?)note["yref"],
                (string?)note["yanchor"]));
            Assert.Equal((x[0] + x[1]) / 2, Number(note["x"]), 1e-9);
            Assert.Equal(1.0, Number(note["y"]));
            Assert.False((bool)note["showarrow"]!);
            Assert.True(Number(note["font"]!["size"]) >= 13);

            // Panels left to right, with room for this panel's row labels after the one before and its colour bar.
            var start = x[0] * plotWidth;
            Assert.True(start - previousEnd >= 14 + labelWidth, $"panel {i} starts {start - previousEnd:0.#} px after what comes before");
            previousEnd = x[1] * plotWidth;
            Assert.Equal(lastOfScale[i], (bool)trace["showscale"]!);
            Assert.False((bool)trace["showlegend"]!);
            if (lastOfScale[i])
            {
                var bar = trace["colorbar"]!;
                Assert.Equal(("left", "top", "pixels"), ((string?)bar["xanchor"], (string?)bar["yanchor"], (string?)bar["lenmode"]));
                var barStart = Number(bar["x"]) * plotWidth;
                Assert.InRange(barStart - previousEnd, 4, 20);
                Assert.Equal(1.0, Number(bar["y"]));
                // As tall as the tallest panel on its scale (and tall enough to read).
                var tallest = shapes[scaleStart..(i + 1)].Max(s => s.Rows);
                scaleStart = i + 1;
                Assert.Equal(Math.Max(tallest * cell.Value, 100), Number(bar["len"]), 1e-6);
                Assert.Equal("e", (string?)bar["exponentformat"]);
                Assert.True(Number(bar["tickfont"]!["size"]) >= 11);
                // The bar and its labels (−1.5e−7: about 50 px) before the next panel.
                previousEnd = barStart + Number(bar["thickness"]) + 50;
            }
            // White at 0, red above and blue below, on a scale symmetric about 0.
            Assert.False((bool)trace["zauto"]!);
            // zmid would be ignored with zauto off (plotly.js's own validation says so): symmetric limits centre the scale.
            Assert.Null(trace["zmid"]);
            Assert.Equal(-Number(trace["zmax"]), Number(trace["zmin"]));
            Assert.Contains("[%{y}, %{x}] = %{z:", (string?)trace["hovertemplate"], StringComparison.Ordinal);
        }

        // Cells as large as the budget allows: 40 px at most, panels at most 420 px tall, or else the panels and the
        // last colour bar fill the 980 px.
        var lastAxis = "xaxis" + (shapes.Length == 1 ? "" : shapes.Length.ToString(CultureInfo.InvariantCulture));
        var lastEnd = Doubles(layout[lastAxis]!["domain"])[1] * plotWidth;
        var capped = cell!.Value >= 40 - 1e-6 || cell.Value * shapes.Max(s => s.Rows) >= 420 - 1e-6;
        if (!capped)
        {
            Assert.InRange(width, 979, 981);
            Assert.InRange(plotWidth - lastEnd, 60, 80);
        }
        Assert.True(plotWidth - lastEnd >= 60, "room for the last colour bar");
    }

    private static void CheckTicks(double[] ticks, int count, double cell, double minPixels)
    {
        // Every 1, 2, 5, 10, 20, … indices from 0: the smallest such step that keeps labels minPixels apart
        // (cell is measured back from the domains, so it carries their rounding).
        var step = Enumerable.Range(0, 18).Select(n => new[] { 1, 2, 5 }[n % 3] * Math.Pow(10, n / 3))
            .First(s => s * cell >= minPixels - 1e-6);
        Assert.Equal(Enumerable.Range(0, (int)((count - 1) / step) + 1).Select(i => i * step), ticks);
    }

    [Fact]
    public void The_colour_scale_runs_from_dark_blue_through_white_at_0_to_dark_red()
    {
        var scale = Figure(Charts.Matrices([("W", Gaussian.Random<double>(2, 2, seed: 1))]))["data"]![0]!["colorscale"]!.AsArray();

        var stops = scale.Select(s => (Position: (double)s![0]!, Colour: (string)s[1]!)).ToArray();
        Assert.Equal(Enumerable.Range(0, 11).Select(i => i / 10.0), stops.Select(s => s.Position));
        var rgb = stops.Select(s => (R: Convert.ToInt32(s.Colour[1..3], 16), G: Convert.ToInt32(s.Colour[3..5], 16),
            B: Convert.ToInt32(s.Colour[5..7], 16))).ToArray();
        Assert.All(rgb[5..6], c => Assert.True(c.R > 240 && c.G > 240 && c.B > 240, "white at 0"));
        for (var i = 0; i < 5; i++)
        {
            Assert.True(rgb[i].B > rgb[i].R, $"stop {i} is blue");
            Assert.True(rgb[10 - i].R > rgb[10 - i].B, $"stop {10 - i} is red");
            // Darker towards both ends.
            Assert.True(rgb[i].R + rgb[i].G + rgb[i].B < rgb[i + 1].R + rgb[i + 1].G + rgb[i + 1].B, $"stop {i} darker than {i + 1}");
            Assert.True(rgb[10 - i].R + rgb[10 - i].G + rgb[10 - i].B < rgb[9 - i].R + rgb[9 - i].G + rgb[9 - i].B,
                $"stop {10 - i} darker than {9 - i}");
        }
    }
}
