using System.Text.Json.Nodes;
using LowRank.Tests;
using MathNet.Numerics.LinearAlgebra;
using static LowRank.Notebooks.Tests.FigureJson;

namespace LowRank.Notebooks.Tests;

/// <summary>
/// The slider charts: each step carries what the library computes for its rank (W_r from Truncation, the error from
/// RankSweep, the counts from ParameterCount), the first step is what the figure shows before anyone drags, and the
/// arguments a slider cannot draw are refused by name.
/// </summary>
public class SliderChartTests
{
    private static double[][] Rows(JsonNode? z) => z!.AsArray().Select(Doubles).ToArray();

    private static double[][] Rows(Matrix<double> m) => m.ToRowArrays();

    [Fact]
    public void Every_rank_is_a_step_carrying_W_r_and_W_minus_W_r_and_a_readout_of_its_error_and_parameters()
    {
        var w = Gaussian.Random<double>(4, 5, seed: 2);
        var sweep = RankSweep.Of(w);
        var figure = Figure(Charts.RankSlider(w));
        var slider = figure["layout"]!["sliders"]![0]!;
        var steps = slider["steps"]!.AsArray();

        Assert.Equal(["1", "2", "3", "4"], steps.Select(s => (string?)s!["label"]));
        for (var r = 1; r <= 4; r++)
        {
            var step = steps[r - 1]!;
            Assert.Equal("update", (string?)step["method"]);
            var args = step["args"]!.AsArray();
            var (b, a) = Truncation.Of(w, r);
            var z = args[0]!["z"]!.AsArray();
            Assert.Equal(Rows(b * a), Rows(z[0]));
            Assert.Equal(Rows(w - b * a), Rows(z[1]));
            Assert.Equal([1, 2], args[2]!.AsArray().Select(t => (int)t!));
            var readout = (string)args[1]!["annotations[3].text"]!;
            Assert.Contains($"r = {r}:", readout, StringComparison.Ordinal);
            var error = $"‖W − W<sub>r</sub>‖<sub>F</sub> = {Numbers.Short(sweep[r - 1].Error)} "
                + $"of ‖W‖<sub>F</sub> = {Numbers.Short(w.FrobeniusNorm())}";
            Assert.Contains(error, readout, StringComparison.Ordinal);
            Assert.Contains($"r·(d + k) = {9 * r} parameters of d·k = 20", readout, StringComparison.Ordinal);
        }
        // Before any drag: step 1 drawn, its readout shown, and every step on the colour scale of W.
        Assert.Equal(0, (int)slider["active"]!);
        Assert.Equal(Rows(steps[0]!["args"]![0]!["z"]![0]), Rows(figure["data"]![1]!["z"]));
        Assert.Equal((string?)steps[0]!["args"]![1]!["annotations[3].text"], (string?)figure["layout"]!["annotations"]![3]!["text"]);
        var limit = (double)figure["data"]![0]!["zmax"]!;
        Assert.All(figure["data"]!.AsArray(), t => Assert.Equal(-limit, (double)t!["zmin"]!));
        var drawn = steps.SelectMany(s => s!["args"]![0]!["z"]!.AsArray()).SelectMany(Rows).SelectMany(row => row);
        Assert.True(drawn.All(v => Math.Abs(v) <= limit));
    }

    [Fact]
    public void A_diagonal_W_gives_the_exact_error_of_each_rank()
    {
        // diag(3, −2, 1): W − W_1 keeps −2 and 1, so its norm is √5; W − W_2 keeps 1; W_3 is W.
        var figure = Figure(Charts.RankSlider(Gaussian.Diagonal<double>(3, -2, 1)));
        var steps = figure["layout"]!["sliders"]![0]!["steps"]!.AsArray();
        var readouts = steps.Select(s => (string)s!["args"]![1]!["annotations[3].text"]!).ToArray();

        Assert.Contains($"= {Numbers.Short(Math.Sqrt(5))} of", readouts[0], StringComparison.Ordinal);
        Assert.Contains("= 1 of", readouts[1], StringComparison.Ordinal);
        Assert.Contains("= 0 of", readouts[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_picture_step_carries_its_rank_r_image_in_whole_grey_levels_and_its_storage_and_relative_error()
    {
        // Grey levels 0–255, as the slider takes them: a Gaussian around 120, clipped where it strays below 0.
        var picture = Gaussian.Random<double>(6, 7, seed: 5).Map(v => Math.Clamp(120 + 50 * v, 0, 255));
        var sweep = RankSweep.Of(picture);
        var figure = Figure(Charts.PictureSlider(picture, [1, 2, 6]));
        var steps = figure["layout"]!["sliders"]![0]!["steps"]!.AsArray();

        Assert.Equal(["1", "2", "6"], steps.Select(s => (string?)s!["label"]));
        foreach (var (step, r) in steps.Zip(new[] { 1, 2, 6 }))
        {
            var args = step!["args"]!.AsArray();
            var (b, a) = Truncation.Of(picture, r);
            Assert.Equal(Rows((b * a).Map(v => Math.Round(v, MidpointRounding.AwayFromZero))), Rows(args[0]!["z"]![0]));
            Assert.Equal([1], args[2]!.AsArray().Select(t => (int)t!));
            var readout = (string)args[1]!["annotations[2].text"]!;
            var storage = $"storage r·(d + k + 1) = {14 * r} of d·k = 42 numbers ({Numbers.Percent(14.0 * r / 42, 1)})";
            Assert.Contains(storage, readout, StringComparison.Ordinal);
            Assert.Contains($"= {Numbers.Percent(sweep[r - 1].RelativeError, 1)}", readout, StringComparison.Ordinal);
        }
        // The picture itself in whole grey levels, and a grey scale from its darkest to its brightest entry.
        Assert.Equal(Rows(picture.Map(v => Math.Round(v, MidpointRounding.AwayFromZero))), Rows(figure["data"]![0]!["z"]));
        Assert.Equal(picture.Enumerate().Min(), (double)figure["data"]![1]!["zmin"]!);
        Assert.Equal(picture.Enumerate().Max(), (double)figure["data"]![1]!["zmax"]!);
        Assert.Equal("#000000", (string?)figure["data"]![0]!["colorscale"]![0]![1]);
    }

    [Fact]
    public void The_camera_slider_of_notebook_8_stays_under_a_megabyte_and_is_plotly_nets_json()
    {
        int[] ranks = [1, 2, 4, 8, 12, 16, 28, 32, 55, 64, 128];
        var chart = Charts.PictureSlider(Pictures.Camera(), ranks);

        var json = ChartHtml.FigureJson(chart);

        Assert.InRange(json.Length, 500_000, 1_000_000);
        // Plotly.NET's own GenericChart.toJson takes seconds on this figure; the notebooks' serializer must write its bytes.
        Assert.Equal(Plotly.NET.GenericChart.toJson(chart), json);
    }

    [Fact]
    public void What_a_slider_cannot_draw_is_refused_by_name()
    {
        var picture = Gaussian.Random<double>(6, 6, seed: 1);
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.RankSlider(Gaussian.Random<double>(30, 30, seed: 1)), "w",
            "w is 30×30: its 30 steps would send 54000 numbers, more than the 50000 a slider carries");
        Rejects.Throws<ArgumentException>(() => Charts.RankSlider(Gaussian.Diagonal<double>(1, double.NaN)), "w", "NaN");
        Rejects.Throws<ArgumentException>(() => Charts.RankSlider(Gaussian.Diagonal<double>(1, 2), " "), "name");
        Rejects.Throws<ArgumentNullException>(() => Charts.PictureSlider(picture, null!), "ranks");
        Rejects.Throws<ArgumentException>(() => Charts.PictureSlider(picture, []), "ranks", "at least one rank");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.PictureSlider(picture, [0]), "ranks[0]");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.PictureSlider(picture, [1, 7]), "ranks[1]");
        Rejects.Throws<ArgumentException>(() => Charts.PictureSlider(picture, [2, 2]), "ranks",
            "ranks must increase, but ranks[1] = 2 follows 2.");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.PictureSlider(Pictures.Camera(), [.. Enumerable.Range(1, 15)]), "ranks",
            "15 ranks of a 128×128 picture would send 262144 numbers, more than the 250000 a slider carries");
        Rejects.Throws<ArgumentException>(() => Charts.PictureSlider(Matrix<double>.Build.Dense(3, 3, 7), [1]), "picture",
            "picture has every entry 7");
        Rejects.Throws<ArgumentException>(() => Charts.PictureSlider(Gaussian.Diagonal<double>(1, double.PositiveInfinity), [1]),
            "picture");
        Rejects.Throws<ArgumentNullException>(() => Charts.PictureSlider(Gaussian.Diagonal<double>(1, 2), [1], null!), "title");
    }

    [Fact]
    public void A_picture_the_slider_would_round_wrongly_is_refused_by_name()
    {
        // The slider sends whole levels: 4e12 would leave int's range, a negative level is no grey level.
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.PictureSlider(Gaussian.Diagonal<double>(4e12, 1), [1]), "picture",
            "picture must hold grey levels from 0 to 65535, but picture[0, 0] is 4000000000000.");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.PictureSlider(Gaussian.Diagonal<double>(65535.5, 1), [1]), "picture",
            "picture[0, 0] is 65535.5");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Charts.PictureSlider(Gaussian.Diagonal<double>(5, -0.5), [1]), "picture",
            "picture[1, 1] is -0.5");
        // A picture scaled to 0–1 would be drawn in levels 0 and 1 only.
        Rejects.Throws<ArgumentException>(() => Charts.PictureSlider(Gaussian.Diagonal<double>(1, 0.25), [1]), "picture",
            "picture spans 1 grey levels with picture[1, 1] = 0.25", "picture.Map(v => 255 * v)");
        Rejects.Throws<ArgumentException>(() => Charts.PictureSlider(Gaussian.Diagonal<double>(1.9, 0.5), [1]), "picture",
            "spans 1.9 grey levels with picture[0, 0] = 1.9");
        // The edges are pictures: 0 and 65535; levels 0 and 1 of a black-and-white picture; 0.5 apart from 2 levels away.
        Assert.NotNull(Charts.PictureSlider(Gaussian.Diagonal<double>(65535, 0), [1]));
        Assert.NotNull(Charts.PictureSlider(Gaussian.Diagonal<double>(1, 0), [1, 2]));
        Assert.NotNull(Charts.PictureSlider(Gaussian.Diagonal<double>(2, 0.5), [1]));
    }
}
