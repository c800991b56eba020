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
        points.Select((p, i) => new RankSweepPoint(i + 1, p.Error, p.EckartYoung, p.Error / 10, (i + 1.0) / points.Length, null, ParameterCount.Of(10, 10, i + 1))).ToArray();

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
        Assert.Equal("sweep", Assert.Throws<ArgumentException>(() => Charts.ErrorVersusRank([])).ParamName);
        var negative = Assert.Throws<ArgumentException>(() => Charts.ErrorVersusRank(Sweep((-1, 0))));
        Assert.Contains("sweep[0].Error must be a finite number >= 0, but was -1", negative.Message, StringComparison.Ordinal);
        Assert.Equal("sweeps", Assert.Throws<ArgumentException>(() => Charts.EnergyKept([])).ParamName);
        Assert.Equal("layers", Assert.Throws<ArgumentException>(() => Charts.ParameterSavings([])).ParamName);
    }
}
