using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Benchmarks;

/// <summary>
/// What a sweep over every rank costs beside the one SVD it needs (target: at most 1.3× <c>W.Svd()</c>): the sweep
/// grows W_r and measures ‖W − W_r‖_F in one fused pass per rank (<see cref="RankOneUpdate"/>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RankSweepCostBenchmarks
{
    private Matrix<double> w = null!;

    /// <summary>Size n of the square W.</summary>
    [Params(128, 256, 512)]
    public int N { get; set; }

    /// <summary>A seeded Gaussian W, as in <see cref="RankSweepBenchmarks"/>, under the managed provider.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // MathNet picks OpenBLAS by itself when its native wrapper can be found (OpenBlasSvdBenchmarks); this class
        // measures what every machine has.
        Control.UseManaged();
        w = new TorchGenerator(0).Randn(N, N).Map(v => (double)v);
    }

    /// <summary>One full SVD with vectors, the floor of any sweep.</summary>
    /// <returns>The SVD, so the work is not optimized away.</returns>
    [Benchmark(Baseline = true)]
    public object FullSvd() => w.Svd();

    /// <summary><see cref="RankSweep.Of{T}(Matrix{T})"/>: the SVD, then one fused update-and-measure pass per rank.</summary>
    /// <returns>The sweep points.</returns>
    [Benchmark]
    public IReadOnlyList<RankSweepPoint> RankSweepOf() => RankSweep.Of(w);
}
