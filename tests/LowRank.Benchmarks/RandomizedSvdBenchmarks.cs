using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Benchmarks;

/// <summary>
/// A randomized rank-16 SVD against MathNet's full SVD on a matrix with a slowly decaying spectrum (target: at least
/// 20× faster at n = 2048). The full SVD takes minutes at 2048 on a loaded machine, hence one iteration each of the
/// monitoring strategy (BenchmarkDotNet still runs each once before, to compile it): the ratio is large enough that run-to-run noise does
/// not change its order.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class RandomizedSvdBenchmarks
{
    private const int Rank = 16;
    private Matrix<double> w = null!;

    /// <summary>Size n of the square W.</summary>
    [Params(512, 1024, 2048)]
    public int N { get; set; }

    /// <summary>
    /// Builds W and checks, once and outside the timings, that the randomized factors are within 1 % of the exact
    /// rank-16 truncation's error, which Eckart–Young gives from the known σ; a benchmark of a wrong answer stops here.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        // MathNet picks OpenBLAS by itself when its native wrapper can be found (OpenBlasSvdBenchmarks); this class
        // measures the managed provider, which every machine has.
        Control.UseManaged();
        w = DecayingSpectrum.Matrix(N);
        var optimum = DecayingSpectrum.Optimum(N, Rank);
        var error = (w - Randomized().Reconstruct()).FrobeniusNorm();
        var excess = error / optimum - 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// n = {N}: randomized rank-{Rank} error {error:G6}, exact truncation {optimum:G6}, excess {excess:P4}"));
        if (excess > 0.01)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The randomized rank-{Rank} error {error:G6} is {excess:P2} above the exact truncation's {optimum:G6}, beyond 1 %."));
        }
    }

    /// <summary>MathNet's full SVD with vectors, what <see cref="Truncation"/> pays for any rank.</summary>
    /// <returns>The SVD, so the work is not optimized away.</returns>
    [Benchmark(Baseline = true)]
    public object FullSvd() => w.Svd();

    /// <summary>The randomized rank-16 factors with the defaults p = 10, q = 2.</summary>
    /// <returns>The factors.</returns>
    [Benchmark]
    public RandomizedFactors<double> Randomized() => RandomizedSvd.Of(w, Rank, new TorchGenerator(0));
}
