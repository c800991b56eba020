using BenchmarkDotNet.Attributes;
using LowRank.Notebooks;
using Plotly.NET;

namespace LowRank.Benchmarks;

/// <summary>
/// A figure's JSON as the notebooks write it (<c>ChartHtml.FigureJson</c>) against Plotly.NET's own
/// <c>GenericChart.toJson</c>, which writes the same bytes: notebook 8's picture slider (11 ranks of a 128×128 picture)
/// and notebook 7's first figure (12 small heatmaps).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class ChartJsonBenchmarks
{
    private GenericChart chart = null!;

    /// <summary>Which figure: <c>PictureSlider</c> or <c>TwelveHeatmaps</c>.</summary>
    [Params("PictureSlider", "TwelveHeatmaps")]
    public string Figure { get; set; } = "PictureSlider";

    /// <summary>Draws the figure once; the benchmarks only serialise it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var generator = new TorchGenerator(seed: 0);
        chart = Figure == "PictureSlider"
            ? Charts.PictureSlider(Pictures.Camera(), [1, 2, 4, 8, 12, 16, 28, 32, 55, 64, 128])
            : Charts.Matrices([.. Enumerable.Range(0, 12).Select(i => ($"{i}", generator.Randn(8, 8)))]);
    }

    /// <summary>Plotly.NET's serialiser, whose loop check hashes the figure's whole tree for every object it writes.</summary>
    [Benchmark(Baseline = true)]
    public string PlotlyNetToJson() => GenericChart.toJson(chart);

    /// <summary>The notebooks' serialiser: Plotly.NET's settings with references compared by identity.</summary>
    [Benchmark]
    public string NotebookFigureJson() => ChartHtml.FigureJson(chart);
}
