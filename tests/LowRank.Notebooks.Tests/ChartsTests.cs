using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using static LowRank.Notebooks.Tests.FigureJson;
using LowRank.Tests;

namespace LowRank.Notebooks.Tests;

/// <summary>The workbook's figures carry the traces, labels and axes the notebooks describe.</summary>
public class ChartsTests
{
    private static string[] TraceTypes(JsonNode figure) =>
        figure["data"]!.AsArray().Select(t => (string)t!["type"]!).ToArray();

    private static RankSweep Sweep(params (double Error, double EckartYoung)[] points) =>
        new([.. points.Select((p, i) => new RankSweepPoint(i + 1, p.Error, p.EckartYoung, p.Error / 10, (i + 1.0) / points.Length,
            1 - (i + 1.0) / points.Length, null, ParameterCount.Of(10, 10, i + 1)))]);

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(v => (string)v!).ToArray();

    /// <summary>Every string anywhere in the figure: titles, names, hover text, annotations.</summary>
    private static IEnumerable<string> AllText(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => AllText(p.Value)),
        JsonArray a => a.SelectMany(AllText),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [Fact]
    public void Spectrum_is_one_bar_trace_on_a_log_axis_with_the_tolerance_line_and_numerical_zeros_labelled()
    {
        var sigma = Vector<double>.Build.DenseOfArray([8.0, 3.0, 2e-7, 1e-9]);

        var figure = Figure(Charts.SingularValues(sigma, tolerance: 1e-5));

        Assert.Equal(["bar", "scatter"], TraceTypes(figure));
        var bars = figure["data"]![0]!;
        Assert.Equal([8.0, 3.0, 2e-7, 1e-9], bars["y"]!.AsArray().Select(v => (double)v!));
        Assert.Null(bars["text"]);
        Assert.Equal(["σ₁ = 8", "σ₂ = 3", "σ₃ = 2e-7: numerical zero (≤ tolerance 1e-5)", "σ₄ = 1e-9: numerical zero (≤ tolerance 1e-5)"],
            Strings(bars["hovertext"]));
        Assert.Equal("tolerance 1e-5: σ<sub>i</sub> at or below it (grey bars) count as 0", (string?)figure["data"]![1]!["name"]);
        Assert.Equal(["σ₁", "σ₂", "σ₃", "σ₄"], bars["x"]!.AsArray().Select(v => (string)v!));
        Assert.All(figure["data"]![1]!["y"]!.AsArray(), v => Assert.Equal(1e-5, (double)v!));
        Assert.Equal("log", (string?)figure["layout"]!["yaxis"]!["type"]);
        Assert.Equal("Singular values of W", (string?)figure["layout"]!["title"]!["text"]);
    }

    [Fact]
    public void Error_versus_rank_draws_measured_and_predicted_lines_and_leaves_exact_zeros_off_the_log_axis()
    {
        var figure = Figure(Charts.ErrorVersusRank(Sweep((2.0, 2.0), (1e-6, 1e-8), (1e-6, 0.0))));

        Assert.Equal(["scatter", "scatter"], TraceTypes(figure));
        Assert.Equal([1, 2, 3], figure["data"]![0]!["x"]!.AsArray().Select(v => (int)v!));
        Assert.Equal([1, 2], figure["data"]![1]!["x"]!.AsArray().Select(v => (int)v!));
        Assert.Contains("exact zeros not drawn", (string?)figure["data"]![1]!["name"], StringComparison.Ordinal);
        Assert.Equal("log", (string?)figure["layout"]!["yaxis"]!["type"]);
        Assert.Equal("chosen rank r", (string?)figure["layout"]!["xaxis"]!["title"]!["text"]);
    }

    [Fact]
    public void Error_versus_rank_leaves_out_full_rank_and_says_so_once()
    {
        // 4×3: rank 3 = min(d, k) reproduces W up to rounding, and its 1e-16 would squash the rest of the curve.
        var figure = Figure(Charts.ErrorVersusRank(RankSweep.Of(Gaussian.Random<double>(4, 3, seed: 7))));

        Assert.Equal([1, 2], figure["data"]![0]!["x"]!.AsArray().Select(v => (int)v!));
        Assert.Equal([1, 2], figure["data"]![1]!["x"]!.AsArray().Select(v => (int)v!));
        var note = Assert.Single(figure["layout"]!["annotations"]!.AsArray());
        Assert.Equal("r = min(d, k) = 3 reproduces W up to rounding: not drawn", (string?)note!["text"]);
        Assert.Equal("measured ‖W − B<sub>r</sub>·A<sub>r</sub>‖<sub>F</sub>", (string?)figure["data"]![0]!["name"]);
        Assert.Equal("‖W − B<sub>r</sub>·A<sub>r</sub>‖<sub>F</sub> (log scale)", (string?)figure["layout"]!["yaxis"]!["title"]!["text"]);
    }

    [Fact]
    public void Energy_lost_is_the_tail_over_the_total_on_a_log_axis_with_zeros_named()
    {
        // σ = (3, 2, 1): Σ σ² = 14, tails 5 and 1. σ = (1, 1e-9): 1e-18 lost at rank 1, which 1 − kept would round to 0.
        var figure = Figure(Charts.EnergyLost([("diag(3, 2, 1)", RankSweep.Of(Gaussian.Diagonal<double>(3, 2, 1))), ("tiny tail",
            RankSweep.Of(Gaussian.Diagonal<double>(1, 1e-9)))]));

        Assert.Equal(["scatter", "scatter"], TraceTypes(figure));
        var first = figure["data"]![0]!;
        Assert.Equal([1, 2], first["x"]!.AsArray().Select(v => (int)v!));
        Assert.Equal(5.0 / 14, Doubles(first["y"])[0], 1e-15);
        Assert.Equal(1.0 / 14, Doubles(first["y"])[1], 1e-15);
        Assert.Equal("diag(3, 2, 1) (nothing lost at r = 3: not drawn)", (string?)first["name"]);
        var second = figure["data"]![1]!;
        Assert.Equal(1e-18, Doubles(second["y"])[0], 1e-30);
        Assert.Equal("tiny tail (nothing lost at r = 2: not drawn)", (string?)second["name"]);
        Assert.Equal("log", (string?)figure["layout"]!["yaxis"]!["type"]);
        Assert.Equal("energy lost: Σ σ<sub>i</sub>² over i > r ÷ Σ σ<sub>i</sub>² (log scale)",
            (string?)figure["layout"]!["yaxis"]!["title"]!["text"]);
    }

    [Fact]
    public void Energy_lost_below_a_floor_is_not_drawn_and_the_floor_is_a_dashed_line()
    {
        // σ = (4, 2, 1e-3, 1e-5, 1e-6): ranks 1 and 2 lose 0.2 and 5e-8 of Σ σ², ranks 3 and 4 about 5e-12 and 5e-14,
        // rank 5 nothing. A floor of 1e-8 keeps ranks 1 and 2; the other sweep, diag(3, 2, 1), lies above it.
        var cliff = RankSweep.Of(Gaussian.Diagonal<double>(4, 2, 1e-3, 1e-5, 1e-6));
        var figure = Figure(Charts.EnergyLost([("cliff", cliff), ("diag(3, 2, 1)", RankSweep.Of(Gaussian.Diagonal<double>(3, 2, 1)))],
            floor: 1e-8, floorName: "float32's floor ε²"));

        Assert.Equal(["scatter", "scatter", "scatter"], TraceTypes(figure));
        var first = figure["data"]![0]!;
        const double total = 16 + 4 + 1e-6 + 1e-10 + 1e-12;
        Assert.Equal([1, 2], first["x"]!.AsArray().Select(v => (int)v!));
        Assert.Equal((4 + 1e-6 + 1e-10 + 1e-12) / total, Doubles(first["y"])[0], 1e-15);
        Assert.Equal((1e-6 + 1e-10 + 1e-12) / total, Doubles(first["y"])[1], 1e-20);
        Assert.Equal("cliff (below the floor at r = 3–4, nothing lost at r = 5: not drawn)", (string?)first["name"]);
        Assert.Equal("diag(3, 2, 1) (nothing lost at r = 3: not drawn)", (string?)figure["data"]![1]!["name"]);
        var floor = figure["data"]![2]!;
        Assert.Equal([1, 5], floor["x"]!.AsArray().Select(v => (int)v!));
        Assert.Equal([1e-8, 1e-8], Doubles(floor["y"]));
        Assert.Equal("float32's floor ε² = 1e-8: shares below it are rounding, not drawn", (string?)floor["name"]);
        Assert.Equal("dash", (string?)floor["line"]!["dash"]);
        Assert.Equal(["float32's floor ε² = 1e-8", "float32's floor ε² = 1e-8"], Strings(floor["hovertext"]));
    }

    [Fact]
    public void Energy_lost_at_the_floor_itself_is_drawn()
    {
        // Exactly at the floor is the smallest share the floor admits; only shares strictly below it are left out.
        var sweep = RankSweep.Of(Gaussian.Diagonal<double>(1, 0.5));
        var atFloor = sweep[0].EnergyLost;

        var figure = Figure(Charts.EnergyLost([("a", sweep)], floor: atFloor));

        Assert.Equal([atFloor], Doubles(figure["data"]![0]!["y"]));
        Assert.Equal("a (nothing lost at r = 2: not drawn)", (string?)figure["data"]![0]!["name"]);
        Assert.Equal(2, figure["data"]!.AsArray().Count);
    }

    [Theory]
    [InlineData(-1e-9)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Energy_lost_rejects_a_floor_that_is_not_a_finite_number_at_least_0(double floor) =>
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.EnergyLost([("a", RankSweep.Of(Gaussian.Diagonal<double>(1, 0.5)))],
            floor: floor),
            "floor", "floor must be a finite number >= 0, but was");

    [Fact]
    public void Parameter_share_is_one_bar_per_shape_and_rank_in_percent_on_a_linear_axis()
    {
        ParameterCount[] layers = [ParameterCount.Of(4096, 4096, 8), ParameterCount.Of(768, 768, 8), ParameterCount.Of(4096, 11008, 64)];

        var figure = Figure(Charts.ParameterShare(layers));

        Assert.Equal(["bar", "bar"], TraceTypes(figure));
        var r8 = figure["data"]![0]!;
        Assert.Equal("r = 8", (string?)r8["name"]);
        Assert.Equal(["4096×4096", "768×768"], Strings(r8["x"]));
        Assert.Equal([100.0 * 8 * (4096 + 4096) / (4096.0 * 4096), 100.0 * 8 * (768 + 768) / (768.0 * 768)], Doubles(r8["y"]));
        Assert.Equal("4096×4096, r = 8: 16,777,216 in W, 65,536 in B and A (0.391 %)", Strings(r8["hovertext"])[0]);
        Assert.Equal(["0.391 %", "2.083 %"], Strings(r8["text"]));
        Assert.Equal("outside", (string?)r8["textposition"]);
        Assert.True((double)r8["textfont"]!["size"]! >= 12);
        var r64 = figure["data"]![1]!;
        Assert.Equal([100.0 * 64 * (4096 + 11008) / (4096.0 * 11008)], Doubles(r64["y"]));
        var yAxis = figure["layout"]!["yaxis"]!;
        Assert.Equal("linear", (string?)yAxis["type"]);
        Assert.Equal("B and A: % of W's parameters", (string?)yAxis["title"]!["text"]);
        Assert.True(Doubles(yAxis["range"])[1] > 100.0 * 8 * 1536 / (768.0 * 768), "the tallest bar's value has room above it");
    }

    public static TheoryData<string> LineAndBarCharts => ["spectrum", "error", "energy", "parameters", "loss", "adapter"];

    private static GenericChart LineOrBarChart(string name)
    {
        var sweep = RankSweep.Of(Gaussian.Random<float>(5, 4, seed: 3));
        return name switch
        {
            "spectrum" => Charts.SingularValues(Vector<double>.Build.DenseOfArray([8.0, 3.0, 2e-7]), tolerance: 1e-5),
            "error" => Charts.ErrorVersusRank(sweep),
            "energy" => Charts.EnergyLost([("a", sweep), ("b", sweep)]),
            "loss" => Charts.TrainingLoss([2.0, 1.0, 0.5]),
            "adapter" => Charts.AdapterError([(1, 6.8, 6.78, 6.7), (2, 0.8, 0.785, 0.78)]),
            _ => Charts.ParameterShare([ParameterCount.Of(768, 768, 4), ParameterCount.Of(768, 768, 8)]),
        };
    }

    [Theory]
    [MemberData(nameof(LineAndBarCharts))]
    public void Legends_lie_in_a_row_below_the_plot_and_labels_are_readable(string name)
    {
        var layout = Figure(LineOrBarChart(name))["layout"]!;

        Assert.Equal("h", (string?)layout["legend"]!["orientation"]);
        Assert.Equal("top", (string?)layout["legend"]!["yanchor"]);
        // Below the x axis's tick labels and title, inside the bottom margin that is kept for it.
        var plotHeight = (double)layout["height"]! - (double)layout["margin"]!["t"]! - (double)layout["margin"]!["b"]!;
        var below = -(double)layout["legend"]!["y"]! * plotHeight;
        Assert.InRange(below, 60, (double)layout["margin"]!["b"]! - 30);
        Assert.True((double)layout["legend"]!["font"]!["size"]! >= 12);
        foreach (var axis in new[] { "xaxis", "yaxis" })
        {
            Assert.True((double)layout[axis]!["tickfont"]!["size"]! >= 12, $"{axis} tick labels");
            Assert.True((double)layout[axis]!["title"]!["font"]!["size"]! >= 12, $"{axis} title");
        }
    }

    public static TheoryData<string> AllCharts => ["spectrum", "error", "energy", "parameters", "loss", "adapter", "matrices",
        "factorization"];

    [Theory]
    [MemberData(nameof(AllCharts))]
    public void No_label_spells_a_subscript_with_an_underscore(string name)
    {
        var (w, b, a) = Factors(5, 4, 2);
        var chart = name switch
        {
            "matrices" => Charts.Matrices([("W", w), ("B", b)]),
            "factorization" => Charts.Factorization(w, b, a),
            _ => LineOrBarChart(name),
        };

        var text = AllText(Figure(chart)).ToArray();

        Assert.NotEmpty(text);
        Assert.DoesNotContain(text, t => t.Contains("_F", StringComparison.Ordinal) || t.Contains("_r", StringComparison.Ordinal)
            || t.Contains("_{", StringComparison.Ordinal));
    }

    [Fact]
    public void Training_loss_is_one_line_over_the_steps_on_a_log_axis_and_leaves_exact_zeros_out()
    {
        var figure = Figure(Charts.TrainingLoss([4.0, 1.0, 0.0, 0.25], "loss"));

        Assert.Equal(["scatter"], TraceTypes(figure));
        var line = figure["data"]![0]!;
        Assert.Equal([0.0, 1.0, 3.0], Doubles(line["x"]));
        Assert.Equal([4.0, 1.0, 0.25], Doubles(line["y"]));
        Assert.Contains("exact zeros not drawn", (string?)line["name"], StringComparison.Ordinal);
        Assert.Equal(["step 0: loss 4", "step 1: loss 1", "step 3: loss 0.25"], Strings(line["hovertext"]));
        Assert.Equal("log", (string?)figure["layout"]!["yaxis"]!["type"]);
        Assert.Equal("step", (string?)figure["layout"]!["xaxis"]!["title"]!["text"]);
        Assert.Equal("loss", (string?)figure["layout"]!["title"]!["text"]);
        Assert.DoesNotContain("not drawn", (string?)Figure(Charts.TrainingLoss([1.0, 0.5]))["data"]![0]!["name"], StringComparison.Ordinal);
    }

    [Fact]
    public void Adapter_error_draws_trained_and_the_loss_minimiser_as_multiples_of_eckart_young()
    {
        var figure = Figure(Charts.AdapterError([(1, 6.8, 6.8, 6.4), (2, 0.8, 0.79, 0.78), (4, 0.84, 0.75, 0.7)]));

        Assert.Equal(["scatter", "scatter", "scatter"], TraceTypes(figure));
        var (trained, optimum, best) = (figure["data"]![0]!, figure["data"]![1]!, figure["data"]![2]!);
        Assert.Equal([1.0, 2.0, 4.0], Doubles(trained["x"]));
        Assert.Equal([1.0, 2.0, 4.0], Doubles(best["x"]));
        // The ratios, not the distances.
        Assert.Equal([6.8 / 6.4, 0.8 / 0.78, 0.84 / 0.7], Doubles(trained["y"]));
        Assert.Equal([6.8 / 6.4, 0.79 / 0.78, 0.75 / 0.7], Doubles(optimum["y"]));
        Assert.Equal([1.0, 1.0, 1.0], Doubles(best["y"]));
        Assert.StartsWith("trained", (string?)trained["name"], StringComparison.Ordinal);
        Assert.StartsWith("minimiser of the training loss", (string?)optimum["name"], StringComparison.Ordinal);
        Assert.StartsWith("best rank r (Eckart–Young)", (string?)best["name"], StringComparison.Ordinal);
        Assert.Equal("r = 2: trained 0.8, 1.0256 × Eckart–Young", Strings(trained["hovertext"])[1]);
        Assert.Equal("r = 4: minimiser of the loss 0.75, 1.0714 × Eckart–Young", Strings(optimum["hovertext"])[2]);
        Assert.Equal("r = 1: Eckart–Young 6.4", Strings(best["hovertext"])[0]);
        Assert.Equal("linear", (string?)figure["layout"]!["yaxis"]!["type"]);
        Assert.Equal("distance to ΔW* ÷ Eckart–Young's", (string?)figure["layout"]!["yaxis"]!["title"]!["text"]);
    }

    [Fact]
    public void Lines_draw_each_named_series_with_its_own_x_and_y()
    {
        var figure = Figure(Charts.Lines([("exact", [128.0, 256.0], [0.1, 0.8]), ("fast", [128.0, 256.0], [0.05, 0.1])], "t", "n",
            "seconds", logY: true));

        Assert.Equal(["scatter", "scatter"], TraceTypes(figure));
        Assert.Equal(["exact", "fast"], figure["data"]!.AsArray().Select(t => (string)t!["name"]!));
        Assert.Equal([128.0, 256.0], Doubles(figure["data"]![1]!["x"]));
        Assert.Equal([0.05, 0.1], Doubles(figure["data"]![1]!["y"]));
        Assert.Equal("log", (string?)figure["layout"]!["yaxis"]!["type"]);
        Assert.Equal("n", (string?)figure["layout"]!["xaxis"]!["title"]!["text"]);
        Assert.Equal("seconds", (string?)figure["layout"]!["yaxis"]!["title"]!["text"]);
        Assert.Equal("linear", (string?)Figure(Charts.Lines([("a", [1.0], [0.0])], "t", "x", "y"))["layout"]!["yaxis"]!["type"]);
    }

    [Fact]
    public void Lines_reject_series_that_cannot_be_drawn()
    {
        Rejects.Throws<ArgumentException>(() => Charts.Lines([], "t", "x", "y"), "series", "at least one series");
        Rejects.Throws<ArgumentException>(() => Charts.Lines([("a", [1.0, 2.0], [1.0])], "t", "x", "y"), "series", "series[0]",
            "has name \"a\", 2 x and 1 y");
        Rejects.Throws<ArgumentException>(() => Charts.Lines([("a", [1.0], [1.0]), (null!, [1.0], [1.0])], "t", "x", "y"), "series",
            "series[1]", "has name null, 1 x and 1 y");
        Rejects.Throws<ArgumentException>(() => Charts.Lines([("a", null!, [1.0])], "t", "x", "y"), "series", "null x and 1 y");
        Rejects.Throws<ArgumentException>(() => Charts.Lines([("a", [1.0], null!)], "t", "x", "y"), "series", "1 x and null y");
        Rejects.Throws<ArgumentException>(() => Charts.Lines([("a", [], [])], "t", "x", "y"), "series", "0 x and 0 y");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.Lines([("a", [1.0], [double.NaN])], "t", "x", "y"), "series",
            "series[0] (\"a\") must hold finite values.");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.Lines([("a", [1.0, 2.0], [1.0, 0.0])], "t", "x", "y", logY: true),
            "series", "must hold finite values, and y > 0 on a log axis.");
        Assert.Equal(2, TraceCount(Charts.Lines([("a", [1.0, 2.0], [1.0, 0.0]), ("b", [1.0], [-1.0])], "t", "x", "y")));
        Rejects.Throws<ArgumentNullException>(() => Charts.Lines([("a", [1.0], [1.0])], null!, "x", "y"), "title");
        Rejects.Throws<ArgumentNullException>(() => Charts.Lines([("a", [1.0], [1.0])], "t", null!, "y"), "xTitle");
        Rejects.Throws<ArgumentNullException>(() => Charts.Lines([("a", [1.0], [1.0])], "t", "x", null!), "yTitle");
    }

    private static int TraceCount(GenericChart chart) => Figure(chart)["data"]!.AsArray().Count;

    [Fact]
    public void Forgetting_is_three_bar_series_in_percent_leaving_out_a_missing_frozen_base()
    {
        var figure = Figure(Charts.Forgetting([("full", 0.919, 0.804, null), ("LoRA r = 4", 0.909, 0.582, 0.95)]));

        Assert.Equal(["bar", "bar", "bar"], TraceTypes(figure));
        var bars = figure["data"]!.AsArray();
        Assert.Equal([91.9, 90.9], Doubles(bars[0]!["y"]), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(["full", "LoRA r = 4"], Strings(bars[1]!["x"]));
        Assert.Equal([80.4, 58.2], Doubles(bars[1]!["y"]), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(["LoRA r = 4"], Strings(bars[2]!["x"]));
        Assert.Equal(["95.0"], Strings(bars[2]!["text"]));
        Assert.Equal("LoRA r = 4, original task, frozen base (adapter off): 95.0 %", Strings(bars[2]!["hovertext"])[0]);
        Assert.Equal("linear", (string?)figure["layout"]!["yaxis"]!["type"]);
    }

    [Fact]
    public void Training_charts_reject_bad_input_with_the_argument()
    {
        Rejects.Throws<ArgumentException>(() => Charts.Forgetting([]), "methods", "at least one method");
        Rejects.Throws<ArgumentException>(() => Charts.Forgetting([(" ", 0.5, 0.5, null)]), "methods", "methods[0].Method");
        Rejects.Throws<ArgumentOutOfRangeException>(
            () => Charts.Forgetting([("a", 0.5, 0.5, 1.5)]), "methods", "from 0 to 1", "OriginalBase = 1.5");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.Forgetting([("a", double.NaN, 0.5, null)]), "methods", "NewTask = NaN");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.Forgetting([("a", 0.5, -0.1, null)]), "methods", "OriginalTuned = -0.1");
        Rejects.Throws<ArgumentException>(() => Charts.Forgetting([("a", 0.5, 0.5, null), ("b", 0.5, 0.5, null), ("a", 0.1, 0.2, 0.3)]),
            "methods", "methods[2].Method must differ from every other method's name, but repeats methods[0]'s 'a'.");
        Rejects.Throws<ArgumentException>(() => Charts.TrainingLoss([1.0], lossName: " "), "lossName");
        Assert.Equal("cross-entropy", (string?)Figure(Charts.TrainingLoss([1.0], lossName: "cross-entropy"))["data"]![0]!["name"]);
        Rejects.Throws<ArgumentNullException>(() => Charts.TrainingLoss(null!), "losses");
        Rejects.Throws<ArgumentException>(() => Charts.TrainingLoss([]), "losses", "at least one loss");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.TrainingLoss([1.0, double.NaN]), "losses",
            "losses[1] must be a finite number >= 0, but was NaN");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.TrainingLoss([1.0, -0.5]), "losses", "but was -0.5");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.TrainingLoss([double.PositiveInfinity]), "losses", "losses[0]");
        Rejects.Throws<ArgumentException>(() => Charts.AdapterError([]), "points", "at least one rank");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.AdapterError([(0, 1.0, 1.0, 1.0)]), "points",
            "points[0].Rank must be at least 1", "but was 0");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.AdapterError([(2, 1.0, 1.0, 1.0), (2, 1.0, 1.0, 1.0)]), "points",
            "points[1].Rank", "larger than the rank before it, but was 2");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.AdapterError([(1, -1.0, 1.0, 1.0)]), "points",
            "points[0] must have finite distances >= 0, but has Trained = -1 and LossOptimum = 1");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.AdapterError([(1, double.PositiveInfinity, 1.0, 1.0)]), "points",
            "Trained = Infinity");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.AdapterError([(1, 1.0, double.NaN, 1.0)]), "points", "LossOptimum = NaN");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.AdapterError([(1, 1.0, -1.0, 1.0)]), "points", "LossOptimum = -1");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.AdapterError([(1, 1.0, 1.0, 1.0), (2, 1.0, 1.0, 0.0)]), "points",
            "points[1].EckartYoung must be a finite number > 0", "but was 0");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.AdapterError([(1, 1.0, 1.0, double.NaN)]), "points", "EckartYoung",
            "but was NaN");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.AdapterError([(1, 1.0, 1.0, double.PositiveInfinity)]), "points",
            "EckartYoung", "but was Infinity");
        // A trained distance of exactly 0 is a perfect fit, not bad input.
        Assert.Equal(3, TraceCount(Charts.AdapterError([(1, 0.0, 0.0, 1.0)])));
    }

    private static double MaxAbs(params Matrix<double>[] matrices) => matrices.Max(m => m.Enumerate().Max(Math.Abs));

    [Fact]
    public void Matrices_are_drawn_to_their_shapes_with_square_cells_row_0_on_top_and_one_shared_scale()
    {
        var tall = Gaussian.Random<double>(10, 2, seed: 1);
        var wide = Gaussian.Random<double>(2, 10, seed: 2);
        var square = 5 * Gaussian.Random<double>(3, 3, seed: 3);

        var figure = Figure(Charts.Matrices([("tall", tall), ("wide", wide), ("square", square)]));

        Assert.Equal(["heatmap", "heatmap", "heatmap"], TraceTypes(figure));
        var layout = figure["layout"]!;
        var plotWidth = (double)layout["width"]! - (double)layout["margin"]!["l"]! - (double)layout["margin"]!["r"]!;
        var plotHeight = (double)layout["height"]! - (double)layout["margin"]!["t"]! - (double)layout["margin"]!["b"]!;
        var shapes = new[] { (Rows: 10, Cols: 2), (Rows: 2, Cols: 10), (Rows: 3, Cols: 3) };
        var cellWidths = new List<double>();
        var cellHeights = new List<double>();
        var right = 0.0;
        for (var i = 0; i < 3; i++)
        {
            var id = i == 0 ? "" : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var trace = figure["data"]![i]!;
            Assert.Equal("x" + id, (string?)trace["xaxis"]);
            Assert.Equal("y" + id, (string?)trace["yaxis"]);
            var x = Doubles(layout["xaxis" + id]!["domain"]);
            var y = Doubles(layout["yaxis" + id]!["domain"]);
            Assert.True(x[0] > right || i == 0, "panels side by side, left to right");
            right = x[1];
            Assert.Equal(1.0, y[1]);
            cellWidths.Add((x[1] - x[0]) * plotWidth / shapes[i].Cols);
            cellHeights.Add((y[1] - y[0]) * plotHeight / shapes[i].Rows);
            var range = Doubles(layout["yaxis" + id]!["range"]);
            Assert.True(range[0] > range[1], "row 0 at the top: the y axis runs downwards");
            Assert.Equal("x" + id, (string?)layout["yaxis" + id]!["scaleanchor"]);
            Assert.True((double)layout["xaxis" + id]!["tickfont"]!["size"]! >= 11);
            var name = shapes[i].Rows == 10 ? "tall" : shapes[i].Rows == 2 ? "wide" : "square";
            Assert.StartsWith(name + "[%{y}, %{x}] = ", (string?)trace["hovertemplate"], StringComparison.Ordinal);
        }
        Assert.All(cellWidths, c => Assert.Equal(cellWidths[0], c, 1e-9));
        Assert.All(cellHeights, c => Assert.Equal(cellWidths[0], c, 1e-9));
        Assert.True(cellWidths[0] >= 10, $"cells of {cellWidths[0]} px");
        Assert.Equal(["tall", "wide", "square"], figure["layout"]!["annotations"]!.AsArray().Select(a => (string)a!["text"]!));

        var limit = MaxAbs(tall, wide, square);
        Assert.All(figure["data"]!.AsArray(), t =>
        {
            Assert.Equal(limit, (double)t!["zmax"]!);
            Assert.Equal(-limit, (double)t["zmin"]!);
        });
        Assert.Equal([false, false, true], figure["data"]!.AsArray().Select(t => (bool)t!["showscale"]!));
        Assert.Equal(tall[9, 1], Doubles(figure["data"]![0]!["z"]![9])[1]);
    }

    [Fact]
    public void Factorization_shares_one_scale_for_W_B_A_and_B_A_and_gives_the_rest_its_own()
    {
        var (w, b, a) = Factors(6, 5, 2);
        var product = b * a;
        var rest = w - product;

        var figure = Figure(Charts.Factorization(w, b, a));

        Assert.Equal(["W", "B", "A", "B·A", "W − B·A (own scale)"],
            figure["layout"]!["annotations"]!.AsArray().Select(n => (string)n!["text"]!));
        var traces = figure["data"]!.AsArray();
        var shared = MaxAbs(w, b, a, product);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(shared, (double)traces[i]!["zmax"]!);
            Assert.Equal(-shared, (double)traces[i]!["zmin"]!);
        }
        var own = MaxAbs(rest);
        Assert.InRange(own, 1e-300, 1e-12);
        Assert.Equal(own, (double)traces[4]!["zmax"]!);
        Assert.Equal(-own, (double)traces[4]!["zmin"]!);
        // One colour bar after B·A for the shared scale, one after W − B·A for its own.
        Assert.Equal([false, false, false, true, true], traces.Select(t => (bool)t!["showscale"]!));
        Assert.True((double)traces[3]!["colorbar"]!["x"]! < Doubles(figure["layout"]!["xaxis5"]!["domain"])[0]);
        Assert.Equal(rest[5, 4], Doubles(traces[4]!["z"]![5])[4]);
        Assert.StartsWith("(W − B·A)[%{y}, %{x}] = ", (string?)traces[4]!["hovertemplate"], StringComparison.Ordinal);
        // B is 6×2 and A is 2×5: a tall thin panel and a short wide one.
        var bx = Doubles(figure["layout"]!["xaxis2"]!["domain"]);
        var ax = Doubles(figure["layout"]!["xaxis3"]!["domain"]);
        Assert.Equal(2.0 / 5, (bx[1] - bx[0]) / (ax[1] - ax[0]), 1e-9);
    }

    [Fact]
    public void Heatmaps_reject_bad_input_with_the_argument_and_value()
    {
        var (w, b, a) = Factors(4, 3, 2);

        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Charts.Factorization(w, b.SubMatrix(0, 3, 0, 2), a)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Charts.Factorization(w, b, a.SubMatrix(0, 2, 0, 2))).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Charts.Factorization(w, b, a.SubMatrix(0, 1, 0, 3))).ParamName);
        var bad = w.Clone();
        bad[1, 2] = double.PositiveInfinity;
        var infinite = Assert.Throws<ArgumentException>(() => Charts.Factorization(bad, b, a));
        Assert.Equal("w", infinite.ParamName);
        Assert.Contains("w[1, 2] is ∞", infinite.Message.Replace("Infinity", "∞", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => Charts.Factorization(w, null!, a)).ParamName);
        var huge = Matrix<float>.Build.Dense(1, 1, 3e38f);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Charts.Factorization(huge, huge, huge)).ParamName);

        var empty = Assert.Throws<ArgumentException>(() => Charts.Matrices<double>([]));
        Assert.Equal("matrices", empty.ParamName);
        Assert.Contains("matrices must contain at least one matrix, but was empty", empty.Message, StringComparison.Ordinal);
        var unnamed = Assert.Throws<ArgumentException>(() => Charts.Matrices<double>([(null!, w)]));
        Assert.Equal("matrices", unnamed.ParamName);
        Assert.Contains("matrices[0].Name is null", unnamed.Message, StringComparison.Ordinal);
        var nan = Assert.Throws<ArgumentException>(() => Charts.Matrices([("W", w), ("X", Matrix<double>.Build.Dense(2, 2, double.NaN))]));
        Assert.Equal("matrices", nan.ParamName);
        Assert.Contains("matrices[\"X\"][0, 0] is NaN", nan.Message, StringComparison.Ordinal);
        Assert.Equal("matrices", Assert.Throws<ArgumentNullException>(() => Charts.Matrices<double>([("W", null!)])).ParamName);
    }

    [Fact]
    public void Charts_reject_bad_input_with_the_argument_and_value()
    {
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Charts.SingularValues(Vector<double>.Build.Dense(2, 1),
            -1)).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => Charts.SingularValues(Vector<double>.Build.DenseOfArray([1, double.NaN]), 0));
        Assert.Equal("singularValues", nan.ParamName);
        Assert.Equal("sweep", Assert.Throws<ArgumentNullException>(() => Charts.ErrorVersusRank(null!)).ParamName);
        var noSweeps = Assert.Throws<ArgumentException>(() => Charts.EnergyLost([]));
        Assert.Equal("sweeps", noSweeps.ParamName);
        Assert.Contains("sweeps must contain at least one sweep, but was empty", noSweeps.Message, StringComparison.Ordinal);
        var noLayers = Assert.Throws<ArgumentException>(() => Charts.ParameterShare([]));
        Assert.Equal("layers", noLayers.ParamName);
        Assert.Contains("layers must contain at least one layer shape, but was empty", noLayers.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_spectrum_rejects_an_infinite_tolerance_and_negative_singular_values()
    {
        // ∞ used to reach the figure as "Infinity"; a negative σ is no singular value and has no place on a log axis.
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Charts.SingularValues(Vector<double>.Build.Dense(2, 1),
            double.PositiveInfinity)).ParamName);
        Assert.Equal("singularValues",
            Assert.Throws<ArgumentOutOfRangeException>(() => Charts.SingularValues(Vector<double>.Build.DenseOfArray([2, -0.5]),
            1e-3)).ParamName);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    public void An_empty_matrix_is_refused_by_name_and_shape_instead_of_dividing_by_zero(int rows, int cols)
    {
        var w = Matrix<double>.Build.DenseIdentity(2);
        var empty = Matrix<double>.Build.Dense(rows, cols);

        Rejects.Throws<ArgumentException>(() => Charts.Matrices([("W", w), ("E", empty)]), "matrices",
            $"matrices[\"E\"] must have at least one row and one column to be drawn, but is {rows}x{cols}.");
        Rejects.Throws<ArgumentException>(() => Charts.Factorization(empty, Matrix<double>.Build.Dense(rows, 1),
            Matrix<double>.Build.Dense(1, cols)),
            "w", $"w must have at least one row and one column to be drawn, but is {rows}x{cols}.");
    }

    [Fact]
    public void Factors_with_no_inner_dimension_are_refused_by_name()
    {
        var w = Matrix<double>.Build.Dense(4, 3);

        Rejects.Throws<ArgumentException>(() => Charts.Factorization(w, Matrix<double>.Build.Dense(4, 0), Matrix<double>.Build.Dense(0, 3)),
            "b", "b must have at least one row and one column to be drawn, but is 4x0.");
    }

    public static TheoryData<string> Titled =>
        ["spectrum", "error", "energy", "parameters", "matrices", "factorization", "loss", "adapter", "lines"];

    [Theory]
    [MemberData(nameof(Titled))]
    public void A_null_title_is_refused_by_name_instead_of_a_null_reference(string chart)
    {
        var w = Matrix<double>.Build.DenseIdentity(2);
        var sweep = RankSweep.Of(w);
        Action call = chart switch
        {
            "spectrum" => () => Charts.SingularValues(Vector<double>.Build.Dense(2, 1), 0, title: null!),
            "error" => () => Charts.ErrorVersusRank(sweep, title: null!),
            "energy" => () => Charts.EnergyLost([("a", sweep)], title: null!),
            "parameters" => () => Charts.ParameterShare([ParameterCount.Of(10, 10, 2)], title: null!),
            "matrices" => () => Charts.Matrices([("W", w)], title: null!),
            "factorization" => () => Charts.Factorization(w, w, w, title: null!),
            "loss" => () => Charts.TrainingLoss([1.0], title: null!),
            "adapter" => () => Charts.AdapterError([(1, 1.0, 1.0, 1.0)], title: null!),
            _ => () => Charts.Lines([("a", [1.0], [1.0])], null!, "x", "y"),
        };

        Rejects.Throws<ArgumentNullException>(call, "title");
    }

    [Fact]
    public void A_null_list_is_refused_by_name()
    {
        Rejects.Throws<ArgumentNullException>(() => Charts.Matrices<double>(null!), "matrices");
        Rejects.Throws<ArgumentNullException>(() => Charts.EnergyLost(null!), "sweeps");
        Rejects.Throws<ArgumentNullException>(() => Charts.ParameterShare(null!), "layers");
        Rejects.Throws<ArgumentNullException>(() => Charts.AdapterError(null!), "points");
        Rejects.Throws<ArgumentNullException>(() => Charts.Lines(null!, "t", "x", "y"), "series");
        Rejects.Throws<ArgumentNullException>(() => Charts.SingularValues<double>(null!, 0), "singularValues");
        Rejects.Throws<ArgumentNullException>(() => ChartHtml.Page("t", null!), "charts");
    }

    [Fact]
    public void A_null_matrix_or_chart_in_a_list_is_named_by_its_place()
    {
        Rejects.Throws<ArgumentNullException>(() => Charts.Matrices<double>([("W", null!)]), "matrices", "matrices[\"W\"].Matrix is null");
        var chart = Charts.TrainingLoss([1.0]);
        Rejects.Throws<ArgumentException>(() => ChartHtml.Page("t", [chart, null!]), "charts", "charts[1] is null");
    }

    [Fact]
    public void An_empty_spectrum_is_refused_instead_of_drawing_an_empty_figure()
    {
        Rejects.Throws<ArgumentException>(() => Charts.SingularValues(Vector<double>.Build.Dense(0), 0), "singularValues",
            "singularValues must contain at least one singular value, but was empty.");
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(0.0, 1e300)]
    public void An_eckart_young_error_so_small_that_a_quotient_is_infinite_is_refused(double trained, double optimum)
    {
        // 1e300 over the subnormal 1e-310 is 1e610, beyond double: the hover text would read "∞ × Eckart–Young".
        var tiny = trained > 0 ? double.Epsilon : 1e-310;

        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.AdapterError([(1, 1.0, 1.0, 1.0), (2, trained, optimum, tiny)]), "points",
            "points[1] has Trained", "a quotient beyond double's range");
    }

    [Fact]
    public void A_zero_distance_over_a_positive_eckart_young_error_draws_as_zero()
    {
        var figure = FigureJson.Figure(Charts.AdapterError([(1, 0.0, 0.0, 2.0)]));

        Assert.Equal(0.0, (double)figure["data"]![0]!["y"]![0]!);
        Assert.Equal("r = 1: trained 0, 0 × Eckart–Young", (string?)figure["data"]![0]!["hovertext"]![0]);
    }

    [Fact]
    public void Null_elements_are_rejected_by_position_instead_of_a_null_reference()
    {
        var layer = Assert.Throws<ArgumentException>(() => Charts.ParameterShare([ParameterCount.Of(10, 10, 2), null!]));
        Assert.Equal("layers", layer.ParamName);
        Assert.Contains("layers[1] is null, but every element must be a ParameterCount", layer.Message, StringComparison.Ordinal);

        var unnamed = Assert.Throws<ArgumentException>(() => Charts.EnergyLost([(null!, Sweep((1, 1)))]));
        Assert.Contains("sweeps[0].Name is null", unnamed.Message, StringComparison.Ordinal);
        Assert.Equal("sweeps", Assert.Throws<ArgumentNullException>(() => Charts.EnergyLost([("a", null!)])).ParamName);
    }

    [Fact]
    public void Exact_zero_singular_values_are_left_off_the_log_axis_and_named_in_the_legend()
    {
        // diag(3, 2, 0) in double has σ₃ exactly 0, and tolerance 0 counts every nonzero σ: neither has a place on a log axis.
        var sigma = Truncation.Of(Gaussian.Diagonal<double>(3, 2, 0), 1).SingularValues;

        var figure = Figure(Charts.SingularValues(sigma, tolerance: 0));

        var bars = figure["data"]![0]!;
        Assert.Equal([3.0, 2.0], bars["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal(["σ₁", "σ₂"], bars["x"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["σ₁ = 3", "σ₂ = 2"], Strings(bars["hovertext"]));
        Assert.Equal("singular values σ<sub>i</sub> (σ₃ = 0, not drawn on a log axis)", (string?)bars["name"]);
        var line = figure["data"]![1]!;
        Assert.Empty(line["y"]!.AsArray());
        Assert.Equal("tolerance 0 (every σ > 0 counts; not drawn on a log axis)", (string?)line["name"]);
    }

    [Fact]
    public void The_zero_matrix_draws_no_bars_and_says_why()
    {
        var sigma = Vector<float>.Build.Dense(3);

        var figure = Figure(Charts.SingularValues(sigma, tolerance: 1e-6));

        var bars = figure["data"]![0]!;
        Assert.Empty(bars["y"]!.AsArray());
        Assert.Equal("singular values σ<sub>i</sub> (σ₁, σ₂, σ₃ = 0, not drawn on a log axis)", (string?)bars["name"]);
        Assert.Equal([1e-6, 1e-6, 1e-6], figure["data"]![1]!["y"]!.AsArray().Select(v => (double)v!));
    }

    [Fact]
    public void Sweeps_and_their_points_cannot_be_built_outside_the_library()
    {
        // Only RankSweep.Of and OutputComparison.Of build these, so no caller can hand a chart or table a NaN result,
        // an empty sweep or one that mixes points with and without an output error.
        Assert.Empty(typeof(RankSweep).GetConstructors());
        Assert.Empty(typeof(RankSweepPoint).GetConstructors());
        Assert.Empty(typeof(OutputComparison<double>).GetConstructors());
        Assert.All(typeof(RankSweepPoint).GetProperties(), p => Assert.Null(p.SetMethod));
        Assert.All(typeof(OutputComparison<float>).GetProperties(), p => Assert.Null(p.SetMethod));
    }
}
