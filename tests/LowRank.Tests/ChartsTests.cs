using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;

namespace LowRank.Tests;

/// <summary>The workbook's figures carry the traces, labels and axes the notebooks describe.</summary>
public class ChartsTests
{
    private static JsonNode Figure(GenericChart chart) => JsonNode.Parse(GenericChart.toJson(chart))!;

    private static string[] TraceTypes(JsonNode figure) =>
        figure["data"]!.AsArray().Select(t => (string)t!["type"]!).ToArray();

    private static IReadOnlyList<RankSweepPoint> Sweep(params (double Error, double EckartYoung)[] points) =>
        points.Select((p, i) => new RankSweepPoint(i + 1, p.Error, p.EckartYoung, p.Error / 10, (i + 1.0) / points.Length, 1 - (i + 1.0) / points.Length, null, ParameterCount.Of(10, 10, i + 1))).ToArray();

    [Fact]
    public void Spectrum_is_one_bar_trace_on_a_log_axis_with_the_tolerance_line_and_numerical_zeros_labelled()
    {
        var sigma = Vector<double>.Build.DenseOfArray([8.0, 3.0, 2e-7, 1e-9]);

        var figure = Figure(Charts.SingularValues(sigma, tolerance: 1e-5));

        Assert.Equal(["bar", "scatter"], TraceTypes(figure));
        var bars = figure["data"]![0]!;
        Assert.Equal([8.0, 3.0, 2e-7, 1e-9], bars["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal(["", "", "numerical zero", "numerical zero"], bars["text"]!.AsArray().Select(v => (string)v!));
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
    public void Energy_kept_draws_one_line_per_sweep_in_percent()
    {
        var figure = Figure(Charts.EnergyKept([("a", Sweep((1, 1), (0, 0))), ("b", Sweep((1, 1), (0.5, 0.5), (0, 0)))]));

        Assert.Equal(["scatter", "scatter"], TraceTypes(figure));
        Assert.Equal([50.0, 100.0], figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("b", (string?)figure["data"]![1]!["name"]);
    }

    [Fact]
    public void Parameter_savings_compares_full_and_factored_counts_per_layer()
    {
        var figure = Figure(Charts.ParameterSavings([ParameterCount.Of(4096, 4096, 8)]));

        Assert.Equal(["bar", "bar"], TraceTypes(figure));
        Assert.Equal(16_777_216L, (long)figure["data"]![0]!["y"]![0]!);
        Assert.Equal(65_536L, (long)figure["data"]![1]!["y"]![0]!);
        Assert.Equal("4096×4096, r = 8", (string?)figure["data"]![1]!["x"]![0]);
    }

    [Fact]
    public void Charts_reject_bad_input_with_the_argument_and_value()
    {
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Charts.SingularValues(Vector<double>.Build.Dense(2, 1), -1)).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => Charts.SingularValues(Vector<double>.Build.DenseOfArray([1, double.NaN]), 0));
        Assert.Contains("NaN", nan.Message, StringComparison.Ordinal);
        var empty = Assert.Throws<ArgumentException>(() => Charts.ErrorVersusRank([]));
        Assert.Equal("sweep", empty.ParamName);
        Assert.Contains("sweep must contain at least one rank, but was empty", empty.Message, StringComparison.Ordinal);
        var noSweeps = Assert.Throws<ArgumentException>(() => Charts.EnergyKept([]));
        Assert.Equal("sweeps", noSweeps.ParamName);
        Assert.Contains("sweeps must contain at least one sweep, but was empty", noSweeps.Message, StringComparison.Ordinal);
        var noLayers = Assert.Throws<ArgumentException>(() => Charts.ParameterSavings([]));
        Assert.Equal("layers", noLayers.ParamName);
        Assert.Contains("layers must contain at least one layer shape, but was empty", noLayers.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_elements_are_rejected_by_position_instead_of_a_null_reference()
    {
        var layer = Assert.Throws<ArgumentException>(() => Charts.ParameterSavings([ParameterCount.Of(10, 10, 2), null!]));
        Assert.Equal("layers", layer.ParamName);
        Assert.Contains("layers[1] is null, but every element must be a ParameterCount", layer.Message, StringComparison.Ordinal);

        var point = Assert.Throws<ArgumentException>(() => Charts.ErrorVersusRank([.. Sweep((1, 1)), null!]));
        Assert.Equal("sweep", point.ParamName);
        Assert.Contains("sweep[1] is null", point.Message, StringComparison.Ordinal);

        var inner = Assert.Throws<ArgumentException>(() => Charts.EnergyKept([("a", Sweep((1, 1))), ("b", [null!])]));
        Assert.Equal("sweeps", inner.ParamName);
        Assert.Contains("sweeps[\"b\"][0] is null", inner.Message, StringComparison.Ordinal);
        var unnamed = Assert.Throws<ArgumentException>(() => Charts.EnergyKept([(null!, Sweep((1, 1)))]));
        Assert.Contains("sweeps[0].Name is null", unnamed.Message, StringComparison.Ordinal);
        Assert.Equal("sweeps", Assert.Throws<ArgumentNullException>(() => Charts.EnergyKept([("a", null!)])).ParamName);
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
        Assert.Equal(["", ""], bars["text"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("singular values σᵢ (σ₃ = 0, not drawn on a log axis)", (string?)bars["name"]);
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
        Assert.Equal("singular values σᵢ (σ₁, σ₂, σ₃ = 0, not drawn on a log axis)", (string?)bars["name"]);
        Assert.Equal([1e-6, 1e-6, 1e-6], figure["data"]![1]!["y"]!.AsArray().Select(v => (double)v!));
    }

    [Fact]
    public void Sweep_points_cannot_be_built_outside_the_library()
    {
        // Only RankSweep and OutputComparison.Of build these, so no caller can hand a chart or table a NaN result.
        Assert.Empty(typeof(RankSweepPoint).GetConstructors());
        Assert.Empty(typeof(OutputComparison<double>).GetConstructors());
        Assert.All(typeof(RankSweepPoint).GetProperties(), p => Assert.Null(p.SetMethod));
        Assert.All(typeof(OutputComparison<float>).GetProperties(), p => Assert.Null(p.SetMethod));
    }
}
