using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Benchmarks;

/// <summary>
/// Why <see cref="RankSweep"/> does one SVD and rank-1 updates: a sweep that factorizes W again for every rank
/// costs O(n⁴) instead of O(n³). The ratio to the baseline is the number that matters, not the absolute times.
/// </summary>
[MemoryDiagnoser]
public class RankSweepBenchmarks
{
    private Matrix<double> w = null!;

    /// <summary>Size n of the square W.</summary>
    [Params(10, 64, 128)]
    public int N { get; set; }

    /// <summary>A seeded Gaussian W, the same for every run.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var generator = new TorchGenerator(0);
        w = generator.Randn(N, N).Map(v => (double)v);
    }

    /// <summary>The naive sweep: one truncated SVD per rank, then ‖W − B_r·A_r‖_F.</summary>
    /// <returns>The errors, so the work is not optimized away.</returns>
    [Benchmark(Baseline = true)]
    public double[] FactorizePerRank()
    {
        var errors = new double[N];
        for (var r = 1; r <= N; r++)
        {
            errors[r - 1] = (w - Truncation.Of(w, r).Reconstruct()).FrobeniusNorm();
        }
        return errors;
    }

    /// <summary>One SVD, then W_r = W_{r−1} + σ_r·u_r·v_rᵀ.</summary>
    /// <returns>The sweep points.</returns>
    [Benchmark]
    public RankSweep OneSvdWithRankOneUpdates() => RankSweep.Of(w);
}
