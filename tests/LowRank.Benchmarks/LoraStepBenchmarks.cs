using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace LowRank.Benchmarks;

/// <summary>
/// One training step of notebook 5 (64×64 layer, 256 examples, float, one thread): the notebook's written-out loop body
/// and <see cref="LoraStep.Train{T}"/>, under MathNet's managed provider and under the library's vectorised one, which
/// computes the same bits. <c>tests/reference/pytorch_lora_step_timing.py</c> times the same steps in PyTorch.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class LoraStepBenchmarks
{
    private const int D = 64, K = 64, N = 256, Steps = 100;
    private LoraProblem problem = null!;
    private Matrix<float> w0x = null!;
    private LoraAdapter<float> start = null!;
    private Matrix<float> b = null!, a = null!;

    /// <summary>The provider: <c>Managed</c> (MathNet's) or <c>Vectorised</c> (the library's, set when it loads).</summary>
    [Params("Managed", "Vectorised")]
    public string Provider { get; set; } = "Vectorised";

    /// <summary>The adapter's rank r: 2 as in the written-out loop, 8 the largest of the notebook's sweep.</summary>
    [Params(2, 8)]
    public int Rank { get; set; }

    /// <summary>Picks the provider on one thread and draws notebook 5's problem; B is trained 100 steps first, so it is not 0.</summary>
    [GlobalSetup]
    public void Setup()
    {
        problem = LoraProblem.Synthetic(new TorchGenerator(seed: 0), D, K, N, updateRank: 2, noise: 0.1f);
        Control.UseSingleThread();
        LinearAlgebraControl.Provider = Provider == "Managed"
            ? ManagedLinearAlgebraProvider.Instance
            : VectorizedLinearAlgebraProvider.Instance;
        Console.WriteLine($"// provider: {LinearAlgebraControl.Provider}");
        w0x = problem.W0 * problem.X;
        start = LoraAdapter.Initial(new TorchGenerator(seed: 1), D, K, Rank, alpha: Rank);
        var trained = LoraStep.Train(problem.W0, start, problem.X, problem.Y, learningRate: 0.5, steps: Steps).Adapter;
        (b, a) = (trained.B, trained.A);
    }

    /// <summary>Notebook 5's training cell, one pass of its loop: residual, loss, G, both gradients, the update.</summary>
    /// <returns>The loss, so the work is not optimized away.</returns>
    [Benchmark(Baseline = true)]
    public double WrittenOutStep()
    {
        const float scale = 1, eta = 0.5f;
        var (X, Y, B, A) = (problem.X, problem.Y, b, a);
        var residual = w0x + scale * (B * (A * X)) - Y;
        var loss = residual.Enumerate().Average(v => (double)v * v);
        var grad = 2f / (D * N) * (residual * X.Transpose());
        var (dB, dA) = (scale * (grad * A.Transpose()), scale * (B.Transpose() * grad));
        (B, A) = (B - eta * dB, A - eta * dA);
        return loss + B[0, 0] + A[0, 0];
    }

    /// <summary><see cref="LoraStep.Train{T}"/> for 100 steps, per step: the library's tested version of the same loop.</summary>
    /// <returns>The final loss.</returns>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double LibraryStep() => LoraStep.Train(problem.W0, start, problem.X, problem.Y, learningRate: 0.5, steps: Steps).FinalLoss;
}
