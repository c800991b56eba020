using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Benchmarks;

/// <summary>
/// The price of PyTorch-compatible draws: <see cref="TorchGenerator.Randn(int)"/> (Mersenne Twister, float Box–Muller
/// in blocks of 16, with either CPU capability's kernel) against MathNet's own normal sampler filling the same number of values, and the
/// allocations per call.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RandnBenchmarks
{
    private const int Count = 1_000_000;
    private const int Side = 1_000;
    private readonly TorchGenerator torch = new(0);
    private readonly TorchGenerator torchAvx2 = new(0, CpuCapability.Avx2);
    // Fully qualified: LowRank has an internal MersenneTwister of its own (the engine behind TorchGenerator).
    private readonly MathNet.Numerics.Random.MersenneTwister source = new(0);

    /// <summary>MathNet's Normal sampler (Box–Muller on its Mersenne Twister) into a fresh double array.</summary>
    /// <returns>The samples.</returns>
    [Benchmark(Baseline = true)]
    public double[] MathNetNormalSamples()
    {
        var values = new double[Count];
        Normal.Samples(source, values, 0, 1);
        return values;
    }

    /// <summary>MathNet's random float matrix, 1000×1000 standard normal (its default distribution).</summary>
    /// <returns>The matrix.</returns>
    [Benchmark]
    public Matrix<float> MathNetRandomMatrix() => Matrix<float>.Build.Random(Side, Side, new Normal(0, 1, source));

    /// <summary><c>torch.randn(1000000)</c>.</summary>
    /// <returns>The vector.</returns>
    [Benchmark]
    public Vector<float> TorchRandnVector() => torch.Randn(Count);

    /// <summary><c>torch.randn(1000000)</c> as PyTorch's AVX2 kernel computes it (polynomial log and sincos, fused
    /// multiply-adds).</summary>
    /// <returns>The vector.</returns>
    [Benchmark]
    public Vector<float> TorchRandnVectorAvx2() => torchAvx2.Randn(Count);

    /// <summary><c>torch.randn(1000, 1000)</c>: the same draws, copied from PyTorch's row order into MathNet's column order.</summary>
    /// <returns>The matrix.</returns>
    [Benchmark]
    public Matrix<float> TorchRandnMatrix() => torch.Randn(Side, Side);
}
