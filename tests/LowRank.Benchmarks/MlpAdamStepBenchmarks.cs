using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Benchmarks;

/// <summary>
/// One Adam step of notebook 7's network (64 → 32 → 10, a batch of 50 digits): forward, backward and update, for the whole
/// network and for rank-4 LoRA on both layers, each as the notebook's cells write it out and as <see cref="MlpTraining"/>
/// takes it, with the allocations per step. tests/reference/pytorch_mlp_step_timing.py times the same steps in PyTorch on
/// one thread.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class MlpAdamStepBenchmarks
{
    private const int Batch = 50, Rank = 4;
    private const double Alpha = 8;
    private Func<int, double> full = null!;
    private Func<int, double> lora = null!;
    private LabelledImages train = null!;
    private Matrix<float>[] theta = null!, mean = null!, square = null!;
    private Matrix<float>[] frozen = null!, factors = null!, factorMean = null!, factorSquare = null!;
    private int step, writtenFull, writtenLora;

    /// <summary>Notebook 7's split and initial network; the steppers run over its 1,000 training digits.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // One thread, as notebook 7 and the PyTorch script run: these products are too small to share.
        Control.UseSingleThread();
        var split = Digits.Split(Digits.Load(), new TorchGenerator(seed: 0), 1000, 400);
        train = split.Train;
        var network = Mlp.Initial(new TorchGenerator(seed: 1), Digits.Pixels, 32, Digits.Classes);
        // Enough epochs that the benchmark never runs out of steps; a step's batch is its number modulo 20.
        var schedule = new TrainingSchedule(batchSize: Batch, epochs: 1, learningRate: 0.01);
        full = MlpTraining.FullSteps(network, split.Train, schedule).Step;
        var adapters = MlpAdapters.Initial(new TorchGenerator(seed: 2), network, Rank, Alpha);
        lora = MlpTraining.AdapterStep(network, adapters, split.Train, schedule);
        // The notebook's cells 9, 11 and 17: the parameters as matrices, the moments starting at 0.
        theta = [network.Hidden.Weight.Clone(), network.Hidden.Bias.ToColumnMatrix(), network.Output.Weight.Clone(),
            network.Output.Bias.ToColumnMatrix()];
        (mean, square) = (theta.Select(w => w * 0f).ToArray(), theta.Select(w => w * 0f).ToArray());
        frozen = theta.Select(w => w.Clone()).ToArray();
        factors = [adapters.Hidden.B.Clone(), adapters.Hidden.A.Clone(), adapters.Output.B.Clone(), adapters.Output.A.Clone()];
        (factorMean, factorSquare) = (factors.Select(f => f * 0f).ToArray(), factors.Select(f => f * 0f).ToArray());
    }

    /// <summary>Notebook 7's pretraining loop, one pass of its body: <c>LossAndGradients</c>, then its written-out Adam.</summary>
    /// <returns>The batch's loss.</returns>
    [Benchmark(Baseline = true)]
    public double WrittenOutFullStep()
    {
        var t = ++writtenFull;
        var first = (t - 1) % 20 * Batch;
        var (loss, g) = LossAndGradients(theta, train.Images.SubMatrix(0, 64, first, Batch), train.Labels.Skip(first).Take(Batch).ToList());
        Adam(theta, g, mean, square, t, eta: 0.01);
        return loss;
    }

    /// <summary>Notebook 7's LoRA loop at r = 4, one pass of its body: the adapted weights, the factors' gradients, Adam.</summary>
    /// <returns>The batch's loss.</returns>
    [Benchmark]
    public double WrittenOutLoraStep()
    {
        var t = ++writtenLora;
        var first = (t - 1) % 20 * Batch;
        var s = (float)(Alpha / Rank);
        Matrix<float>[] adapted =
            [frozen[0] + s * (factors[0] * factors[1]), frozen[1], frozen[2] + s * (factors[2] * factors[3]), frozen[3]];
        var (loss, g) = LossAndGradients(adapted, train.Images.SubMatrix(0, 64, first, Batch),
            train.Labels.Skip(first).Take(Batch).ToList());
        var (sG1, sG2) = (s * g[0], s * g[2]);
        Adam(factors,
            [sG1 * factors[1].Transpose(), factors[0].Transpose() * sG1, sG2 * factors[3].Transpose(), factors[2].Transpose() * sG2],
            factorMean, factorSquare, t, eta: 0.01);
        return loss;
    }

    /// <summary>One step of the library's full training: every weight and bias.</summary>
    /// <returns>The batch's loss.</returns>
    [Benchmark]
    public double LibraryFullStep() => full(step++);

    /// <summary>One step of the library's rank-4 LoRA on both layers: the adapted weights, the factors' gradients, Adam on them.</summary>
    /// <returns>The batch's loss.</returns>
    [Benchmark]
    public double LibraryLoraStep() => lora(step++);

    // Notebook 7's cell 9, as written there (lines wrapped).
    private static Matrix<float> AddBias(Matrix<float> m, Matrix<float> b) =>
        m + b * Matrix<float>.Build.Dense(1, m.ColumnCount, 1f);

    private static (double Loss, Matrix<float>[] Gradients) LossAndGradients(Matrix<float>[] w, Matrix<float> X, IReadOnlyList<int> y)
    {
        var (m, P) = (X.ColumnCount, AddBias(w[0] * X, w[1]));
        var H = P.PointwiseMaximum(0f);
        var Z = AddBias(w[2] * H, w[3]);
        var S = Matrix<float>.Build.DenseOfColumnVectors(
            Z.EnumerateColumns().Select(z => (z - z.Maximum()).PointwiseExp()).Select(e => e / e.Sum()));
        var loss = -Enumerable.Range(0, m).Average(j => Math.Log(S[y[j], j]));
        var dZ = (S - Matrix<float>.Build.Dense(10, m, (i, j) => i == y[j] ? 1f : 0f)) / m;
        var dP = w[2].TransposeThisAndMultiply(dZ).PointwiseMultiply(P.Map(v => v > 0 ? 1f : 0f));
        return (loss,
            [dP.TransposeAndMultiply(X), dP.RowSums().ToColumnMatrix(), dZ.TransposeAndMultiply(H), dZ.RowSums().ToColumnMatrix()]);
    }

    // Notebook 7's cell 11, as written there.
    private static void Adam(Matrix<float>[] p, Matrix<float>[] g, Matrix<float>[] m, Matrix<float>[] v, int t, double eta)
    {
        for (var k = 0; k < p.Length; k++)
        {
            m[k] = 0.9f * m[k] + (float)(1 - 0.9) * g[k];
            v[k] = 0.999f * v[k] + ((float)(1 - 0.999) * g[k]).PointwiseMultiply(g[k]);
            var denominator = v[k].PointwiseSqrt() / (float)Math.Sqrt(1 - Math.Pow(0.999, t)) + 1e-8f;
            p[k] = p[k] - (float)(eta / (1 - Math.Pow(0.9, t))) * m[k].PointwiseDivide(denominator);
        }
    }
}
