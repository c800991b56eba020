using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Benchmarks;

/// <summary>
/// A 1×100000 W, the shape of one output row over a wide input: with a thin SVD, rank, truncation and sweep cost about
/// as much as W's own 100,000 entries. MathNet's full SVD built a 100000×100000 V for it and failed.
/// </summary>
[MemoryDiagnoser]
public class WideMatrixBenchmarks
{
    private Matrix<double> w = null!;

    /// <summary>A seeded Gaussian row, the same for every run.</summary>
    [GlobalSetup]
    public void Setup() => w = new TorchGenerator(0).Randn(1, 100_000).Map(v => (double)v);

    /// <summary>The numerical rank, from the singular values alone.</summary>
    /// <returns>The rank, 1.</returns>
    [Benchmark]
    public int Rank() => MatrixRank.Of(w);

    /// <summary>The rank-1 factors B (1×1) and A (1×100000).</summary>
    /// <returns>The factors.</returns>
    [Benchmark]
    public LowRankFactors<double> Truncation() => LowRank.Truncation.Of(w, 1);

    /// <summary>The sweep over its one rank.</summary>
    /// <returns>The sweep.</returns>
    [Benchmark]
    public RankSweep Sweep() => RankSweep.Of(w);
}
