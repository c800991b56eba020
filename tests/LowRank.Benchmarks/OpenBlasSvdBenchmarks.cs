using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Benchmarks;

/// <summary>
/// MathNet's full SVD and the randomized rank-16 SVD under the managed provider and under OpenBLAS (Debian's
/// libopenblas behind MathNet's native wrapper, built on the machine as the README says). Needs that wrapper: set
/// <c>MathNetNumericsOpenBLASProviderPath</c> to its folder; without it the OpenBLAS cases fail in setup and say so.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class OpenBlasSvdBenchmarks
{
    private Matrix<double> w = null!;

    /// <summary>The linear algebra provider: <c>Managed</c> (MathNet's default) or <c>OpenBLAS</c>.</summary>
    [Params("Managed", "OpenBLAS")]
    public string Provider { get; set; } = "Managed";

    /// <summary>Size n of the square W.</summary>
    [Params(512, 1024, 2048)]
    public int N { get; set; }

    /// <summary>Selects the provider (process-wide) and builds W with a slowly decaying spectrum.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Provider == "OpenBLAS")
        {
            if (!Control.TryUseNativeOpenBLAS())
            {
                throw new InvalidOperationException(
                    "OpenBLAS provider did not load: build libMathNetNumericsOpenBLAS.so (README, Benchmarks) and set " +
                        "MathNetNumericsOpenBLASProviderPath to its folder.");
            }
        }
        else
        {
            Control.UseManaged();
        }
        Console.WriteLine($"// provider: {MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider}");
        w = DecayingSpectrum.Matrix(N);
    }

    /// <summary>The full SVD with vectors.</summary>
    /// <returns>The SVD, so the work is not optimized away.</returns>
    [Benchmark(Baseline = true)]
    public object FullSvd() => w.Svd();

    /// <summary>The randomized rank-16 SVD, whose products with W are the provider's matrix multiplications.</summary>
    /// <returns>The factors.</returns>
    [Benchmark]
    public RandomizedFactors<double> Randomized() => RandomizedSvd.Of(w, 16, new TorchGenerator(0));
}
