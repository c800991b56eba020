using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// The network's backward pass, its LoRA gradients and its Adam step against definitions taken outside the code under
/// test: central differences of a cross-entropy written here in double, and Adam's update as Kingma and Ba state it.
/// </summary>
public class NetworkGradientTests
{
    private static readonly LabelledImages Batch = DigitsPyTorchRunTests.Split.Train.Select(Enumerable.Range(0, 20).ToArray());

    private static readonly Mlp Network = Mlp.Initial(new TorchGenerator(seed: 1), Digits.Pixels, 32, Digits.Classes);

    private static Matrix<double> D(Matrix<float> m) => m.Map(v => (double)v);

    /// <summary>Mean softmax cross-entropy of relu(W₁X + b₁) through W₂, b₂, all in double.</summary>
    private static double Loss(Matrix<double> w1, Vector<double> b1, Matrix<double> w2, Vector<double> b2)
    {
        var x = D(Batch.Images);
        var h = (w1 * x).MapIndexed((i, j, v) => Math.Max(v + b1[i], 0));
        var z = (w2 * h).MapIndexed((i, j, v) => v + b2[i]);
        return Enumerable.Range(0, Batch.Count).Average(j =>
        {
            var column = z.Column(j);
            var max = column.Maximum();
            return Math.Log(column.Sum(v => Math.Exp(v - max))) - (column[Batch.Labels[j]] - max);
        });
    }

    // The loss is smooth away from ReLU's kink, and no pre-activation of this batch lies within h of it, so the central
    // difference's error is O(h²) ≈ 1e-10 plus rounding 1e-16 / h; what remains is the float gradient's own rounding.
    private const double H = 1e-5;

    private static Matrix<double> CentralDifferences(Matrix<double> m, Func<double> loss) =>
        Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (i, j) =>
        {
            var v = m[i, j];
            m[i, j] = v + H;
            var up = loss();
            m[i, j] = v - H;
            var down = loss();
            m[i, j] = v;
            return (up - down) / (2 * H);
        });

    // Measured: the float gradients within 1.6e-7 of the largest entry (dL/dW1, dL/dB1); a wrong sign, factor or transpose
    // is off by the size of the entry.
    private static void Agree(Matrix<float> formula, Matrix<double> numeric, string what)
    {
        var largest = numeric.Enumerate().Max(Math.Abs);
        Assert.True(largest > 1e-3, $"{what}: the numeric gradient is {largest}, too small to test anything");
        var error = (D(formula) - numeric).Enumerate().Max(Math.Abs) / largest;
        Assert.True(error < 1e-5, $"{what}: largest difference {error:E2} of the largest entry {largest:E2}");
    }

    [Fact]
    public void A_hidden_unit_at_exactly_0_passes_no_gradient_back_and_large_logits_stay_finite()
    {
        // Hidden unit 0 has zero weights and bias, so its pre-activation is exactly 0: relu's derivative there is 0, as
        // PyTorch's threshold_backward takes it, so its weights get no gradient. Output biases of 60 and 0 make softmax
        // e^60 / (e^60 + 1) in float: shifted by the largest logit it is finite, unshifted e^60·e^60 would overflow.
        var w1 = Matrix<float>.Build.Dense(3, Digits.Pixels, (i, j) => i == 0 ? 0 : 0.01f * (i + (j % 5)));
        var b2 = Vector<float>.Build.Dense(Digits.Classes);
        b2[0] = 60;
        var network = new Mlp(new DenseLayer(w1, Vector<float>.Build.Dense([0f, 0.1f, -0.1f])),
            new DenseLayer(Matrix<float>.Build.Dense(Digits.Classes, 3, 0.5f), b2));
        var gradients = MlpTraining.Gradients(network, Batch);
        Assert.All(gradients.W1.Row(0).Enumerate(), g => Assert.Equal(0f, g));
        Assert.Equal(0f, gradients.B1[0]);
        Assert.Contains(gradients.W1.Row(1).Enumerate(), g => g != 0);
        // ∂L/∂b₂ = the batch's mean of softmax − onehot: p₀ ≈ 1 and the others ≈ 0 whatever the hidden values.
        for (var c = 0; c < Digits.Classes; c++)
        {
            var share = Batch.Labels.Count(l => l == c) / (double)Batch.Count;
            Assert.Equal((c == 0 ? 1 : 0) - share, gradients.B2[c], 1e-6);
        }
        Assert.True(double.IsFinite(gradients.Loss));
    }

    [Fact]
    public void Backward_pass_matches_central_differences()
    {
        var (w1, b1, w2, b2) = (D(Network.Hidden.Weight), Network.Hidden.Bias.Map(v => (double)v), D(Network.Output.Weight),
            Network.Output.Bias.Map(v => (double)v));
        var gradients = MlpTraining.Gradients(Network, Batch);
        Assert.Equal(Loss(w1, b1, w2, b2), gradients.Loss, 1e-6);
        Agree(gradients.W1, CentralDifferences(w1, () => Loss(w1, b1, w2, b2)), "dL/dW1");
        Agree(gradients.W2, CentralDifferences(w2, () => Loss(w1, b1, w2, b2)), "dL/dW2");
        var b1Matrix = b1.ToColumnMatrix();
        Agree(gradients.B1.ToColumnMatrix(), CentralDifferences(b1Matrix, () => Loss(w1, b1Matrix.Column(0), w2, b2)), "dL/db1");
        var b2Matrix = b2.ToColumnMatrix();
        Agree(gradients.B2.ToColumnMatrix(), CentralDifferences(b2Matrix, () => Loss(w1, b1, w2, b2Matrix.Column(0))), "dL/db2");
    }

    [Fact]
    public void LoRA_gradients_match_central_differences_through_the_adapted_weights()
    {
        // A nonzero B, so that dL/dA is not 0 as it is at the start.
        var generator = new TorchGenerator(seed: 5);
        var hidden = new LoraAdapter<float>(
            generator.Randn(32, 3) * 0.1f, TorchInit.KaimingUniform(generator, 3, 64, Math.Sqrt(5)), alpha: 6);
        var output = new LoraAdapter<float>(
            generator.Randn(10, 3) * 0.1f, TorchInit.KaimingUniform(generator, 3, 32, Math.Sqrt(5)), alpha: 6);
        var gradients = MlpTraining.AdapterGradients(Network, new MlpAdapters(hidden, output), Batch);

        var (w1, b1, w2, b2) = (D(Network.Hidden.Weight), Network.Hidden.Bias.Map(v => (double)v), D(Network.Output.Weight),
            Network.Output.Bias.Map(v => (double)v));
        var (B1, A1, B2, A2) = (D(hidden.B), D(hidden.A), D(output.B), D(output.A));
        double Adapted() => Loss(w1 + (2.0 * (B1 * A1)), b1, w2 + (2.0 * (B2 * A2)), b2);
        Assert.Equal(Adapted(), gradients.Loss, 1e-6);
        Agree(gradients.B1, CentralDifferences(B1, Adapted), "dL/dB1");
        Agree(gradients.A1, CentralDifferences(A1, Adapted), "dL/dA1");
        Agree(gradients.B2, CentralDifferences(B2, Adapted), "dL/dB2");
        Agree(gradients.A2, CentralDifferences(A2, Adapted), "dL/dA2");
    }

    [Fact]
    public void Adam_moves_by_the_papers_update()
    {
        // Kingma and Ba (2015), Algorithm 1: m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ), θ ← θ − η·m̂ / (√v̂ + ε), here in double.
        double[] start = [0.5, -1.25, 2, 0], first = [0.3, -2e-3, 40, 1e-6], second = [-0.1, 5e-3, 38, 0];
        var adam = new Adam(0.01, start.Length);
        var p = start.Select(v => (float)v).ToArray();
        adam.Step(new[] { p }, new[] { first.Select(v => (float)v).ToArray() });
        // After one step m̂ = g and v̂ = g²: every parameter moves by η·g/(|g| + ε), η in size whatever the gradient's scale.
        for (var i = 0; i < p.Length; i++)
        {
            var expected = start[i] - (0.01 * first[i] / (Math.Abs(first[i]) + 1e-8));
            Assert.Equal(expected, p[i], 1e-6);
        }
        adam.Step(new[] { p }, new[] { second.Select(v => (float)v).ToArray() });
        for (var i = 0; i < p.Length; i++)
        {
            var m = (0.9 * 0.1 * first[i]) + (0.1 * second[i]);
            var v = (0.999 * 0.001 * first[i] * first[i]) + (0.001 * second[i] * second[i]);
            var afterFirst = start[i] - (0.01 * first[i] / (Math.Abs(first[i]) + 1e-8));
            var expected = afterFirst - (0.01 * (m / (1 - (0.9 * 0.9))) / (Math.Sqrt(v / (1 - (0.999 * 0.999))) + 1e-8));
            Assert.Equal(expected, p[i], 1e-6);
        }
        Assert.Equal(2, adam.Steps);
    }
}
