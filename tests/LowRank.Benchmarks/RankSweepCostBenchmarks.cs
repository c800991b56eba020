using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Benchmarks;

/// <summary>
/// What a sweep over every rank costs beside the one SVD it needs (target: at most 1.3× <c>W.Svd()</c>): the sweep as
/// it is, and its measured errors computed with the fused <see cref="RankOneUpdate"/> step instead of an update loop
/// followed by <see cref="EuclideanDistance"/>.
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

    /// <summary><see cref="RankSweep.Of{T}(Matrix{T})"/> as it is.</summary>
    /// <returns>The sweep points.</returns>
    [Benchmark]
    public IReadOnlyList<RankSweepPoint> RankSweepOf() => RankSweep.Of(w);

    /// <summary>
    /// The sweep's SVD and its measured error at every rank with the fused step: the cost RankSweep would have with
    /// its update loop and distance replaced by <see cref="RankOneUpdate.AddAndMeasure{T}"/> (the other fields of a
    /// point are O(1) each).
    /// </summary>
    /// <returns>‖W − W_r‖_F for r = 1..n, in units of 2^Exponent.</returns>
    [Benchmark]
    public double[] FusedSweepErrors()
    {
        int d = w.RowCount, k = w.ColumnCount, n = Math.Min(d, k);
        var svd = SingularValueDecomposition<double>.Of(w, computeVectors: true);
        var u = svd.U.ToColumnMajorArray();
        var vt = svd.VT.ToColumnMajorArray();
        var original = w.Map(v => Math.ScaleB(v, -svd.Exponent)).ToColumnMajorArray();
        var approximation = new double[d * k];
        var column = new double[d];
        var row = new double[k];
        var errors = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = svd.ScaledS[i];
            for (var r = 0; r < d; r++)
            {
                column[r] = u[i * d + r] * s;
            }
            for (var c = 0; c < k; c++)
            {
                row[c] = vt[c * k + i];
            }
            errors[i] = RankOneUpdate.AddAndMeasure<double>(approximation, original, column, row);
        }
        return errors;
    }
}
