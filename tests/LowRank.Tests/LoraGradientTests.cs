using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>The loss and the hand-derived gradients ∂L/∂B = s·G·Aᵀ, ∂L/∂A = s·Bᵀ·G, checked by hand and by finite differences.</summary>
public class LoraGradientTests
{
    // d = 1, k = 2, n = 2, r = 1, α = 2 so s = 2: W₀ = [1 2], B = [2], A = [1 1], X = I, Y = [1 1].
    // Ŷ = W₀ + s·B·A = [5 6], Ŷ − Y = [4 5], L = (16 + 25)/2 = 20.5, G = (2/2)·[4 5] = [4 5],
    // ∂L/∂B = 2·(4 + 5) = 18, ∂L/∂A = 2·2·[4 5] = [16 20]. With η = 1/8: B = 2 − 18/8 = −0.25, A = [1 − 2, 1 − 2.5].
    // Every number is a short binary fraction, so float and double must reproduce them exactly.
    private static (Matrix<T> W0, LoraAdapter<T> Adapter, Matrix<T> X, Matrix<T> Y) HandWorked<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => (Gaussian.Of<T>(new double[,] { { 1, 2 } }),
            new LoraAdapter<T>(Gaussian.Of<T>(new double[,] { { 2 } }), Gaussian.Of<T>(new double[,] { { 1, 1 } }), alpha: 2),
            Gaussian.Diagonal<T>(1, 1),
            Gaussian.Of<T>(new double[,] { { 1, 1 } }));

    [Fact]
    public void Hand_worked_example_in_float() => HandWorkedExample<float>();

    [Fact]
    public void Hand_worked_example_in_double() => HandWorkedExample<double>();

    private static void HandWorkedExample<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var (w0, adapter, x, y) = HandWorked<T>();
        Assert.Equal(2.0, adapter.Scale);
        Assert.Equal(Gaussian.Of<T>(new double[,] { { 5, 6 } }), adapter.Forward(w0, x));
        var gradients = LoraStep.Gradients(w0, adapter, x, y);
        Assert.Equal(20.5, gradients.Loss);
        Assert.Equal(Gaussian.Of<T>(new double[,] { { 18 } }), gradients.GradB);
        Assert.Equal(Gaussian.Of<T>(new double[,] { { 16, 20 } }), gradients.GradA);

        var next = LoraStep.Sgd(adapter, gradients, learningRate: 0.125);
        Assert.Equal(Gaussian.Of<T>(new double[,] { { -0.25 } }), next.B);
        Assert.Equal(Gaussian.Of<T>(new double[,] { { -1, -1.5 } }), next.A);
        Assert.Equal(2.0, next.Alpha);
        // The step returns a new adapter: the one the gradients were taken at is still there to compare against.
        Assert.Equal(Gaussian.Of<T>(new double[,] { { 2 } }), adapter.B);
    }

    [Fact]
    public void Loss_is_the_mean_squared_error_of_the_merged_layer()
        => Shapes.Lora.Sample(s =>
        {
            var (w0, adapter, x, y) = RandomLayer<double>(s);
            // Written independently of the library: Ŷ through the merged weight, squared and averaged entry by entry.
            var residual = (w0 + (adapter.B * adapter.A * adapter.Scale)) * x - y;
            var expected = residual.Enumerate().Select(v => v * v).Average();
            var loss = LoraStep.Gradients(w0, adapter, x, y).Loss;
            Assert.True(Math.Abs(loss - expected) <= 1e-12 * expected, $"{s}: loss {loss:R}, expected {expected:R}");
        }, iter: Shapes.Iterations);

    [Fact]
    public void Gradients_match_central_differences_in_double()
        => Shapes.Lora.Sample(s =>
        {
            var (gradB, gradA, numericB, numericA) = AnalyticAndNumeric<double>(s, step: 1e-3);
            AssertClose(numericB, gradB, 1e-6, $"{s} ∂L/∂B");
            AssertClose(numericA, gradA, 1e-6, $"{s} ∂L/∂A");
        }, iter: Shapes.Iterations);

    [Fact]
    public void Gradients_match_central_differences_in_float()
        => Shapes.Lora.Sample(s =>
        {
            // B is random, not 0, so ∂L/∂A is not trivially zero and its check means something.
            const double step = 1e-2;
            var (gradB, gradA, numericB, numericA) = AnalyticAndNumeric<float>(s, step);
            // A central difference of a float loss is off by about ε·L/h per entry whatever the gradient's size, so a
            // gradient that is itself that small (d = 1 with one tiny entry of B) is held to that floor, not to 1 %.
            var (w0, adapter, x, y) = RandomLayer<float>(s);
            var floor = 8 * Math.ScaleB(1, -23) * LoraStep.Gradients(w0, adapter, x, y).Loss / step;
            AssertClose(numericB, gradB, 1e-2, $"{s} ∂L/∂B", floor * Math.Sqrt(numericB.RowCount * numericB.ColumnCount));
            AssertClose(numericA, gradA, 1e-2, $"{s} ∂L/∂A", floor * Math.Sqrt(numericA.RowCount * numericA.ColumnCount));
        }, iter: Shapes.Iterations);

    [Fact]
    public void At_the_start_A_gets_no_gradient_and_the_layer_is_the_frozen_one()
    {
        foreach (var seed in new ulong[] { 0, 1, 42 })
        {
            var generator = new TorchGenerator(seed);
            var problem = LoraProblem.Synthetic(generator, d: 16, k: 12, n: 20, updateRank: 3, noise: 0.5f);
            var adapter = LoraAdapter.Initial(generator, d: 16, k: 12, rank: 4, alpha: 8);

            Assert.Equal((problem.W0 * problem.X).ToColumnMajorArray(), adapter.Forward(problem.W0, problem.X).ToColumnMajorArray());
            Assert.Equal(problem.W0.ToColumnMajorArray(), adapter.Merge(problem.W0).ToColumnMajorArray());
            Assert.All(adapter.Delta().ToColumnMajorArray(), v => Assert.Equal(0f, v));

            var gradients = LoraStep.Gradients(problem.W0, adapter, problem.X, problem.Y);
            Assert.All(gradients.GradA.ToColumnMajorArray(), v => Assert.Equal(0f, v));
            // B does move: the residual is −ΔW*·X ≠ 0 and A passes it on.
            Assert.True(gradients.GradB.FrobeniusNorm() > 1e-2, $"seed {seed}: ‖∂L/∂B‖ = {gradients.GradB.FrobeniusNorm():e3}");
            var frozenLoss = (problem.W0 * problem.X - problem.Y).Enumerate().Select(v => (double)v * v).Average();
            Assert.Equal(frozenLoss, gradients.Loss, 1e-12 * frozenLoss);
        }
    }

    [Fact]
    public void Gradients_are_the_same_in_float_and_double_to_float_precision()
    {
        // The generic code runs the same formulas in both types; a type-specific slip (say a constant rounded to 0 in
        // float) shows up as a difference far beyond float's rounding.
        var single = RandomLayer<float>((D: 7, K: 5, N: 6, Rank: 3, Seed: 17));
        var dbl = RandomLayer<double>((D: 7, K: 5, N: 6, Rank: 3, Seed: 17));
        var f = LoraStep.Gradients(single.W0, single.Adapter, single.X, single.Y);
        var d = LoraStep.Gradients(dbl.W0, dbl.Adapter, dbl.X, dbl.Y);
        Assert.Equal(d.Loss, f.Loss, 1e-5 * d.Loss);
        AssertClose(d.GradB, Widen(f.GradB), 1e-5, "∂L/∂B");
        AssertClose(d.GradA, Widen(f.GradA), 1e-5, "∂L/∂A");
    }

    /// <summary>A random layer with a nonzero B: every matrix standard normal from its own seed, α = 2·r.</summary>
    private static (Matrix<T> W0, LoraAdapter<T> Adapter, Matrix<T> X, Matrix<T> Y) RandomLayer<T>((int D, int K, int N, int Rank,
        int Seed) s)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => (Gaussian.Random<T>(s.D, s.K, s.Seed),
            new LoraAdapter<T>(Gaussian.Random<T>(s.D, s.Rank, s.Seed + 1), Gaussian.Random<T>(s.Rank, s.K, s.Seed + 2), alpha: 2 * s.Rank),
            Gaussian.Random<T>(s.K, s.N, s.Seed + 3),
            Gaussian.Random<T>(s.D, s.N, s.Seed + 4));

    private static (Matrix<double> GradB, Matrix<double> GradA, Matrix<double> NumericB, Matrix<double> NumericA) AnalyticAndNumeric<T>(
        (int D, int K, int N, int Rank, int Seed) s, double step)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var (w0, adapter, x, y) = RandomLayer<T>(s);
        var gradients = LoraStep.Gradients(w0, adapter, x, y);
        double Loss(Matrix<T> b, Matrix<T> a) => LoraStep.Gradients(w0, new LoraAdapter<T>(b, a, adapter.Alpha), x, y).Loss;
        // L is quadratic in each single entry, so central differences have no truncation error: only rounding remains.
        var numericB = Central(adapter.B, b => Loss(b, adapter.A), step);
        var numericA = Central(adapter.A, a => Loss(adapter.B, a), step);
        return (Widen(gradients.GradB), Widen(gradients.GradA), numericB, numericA);
    }

    private static Matrix<double> Central<T>(Matrix<T> at, Func<Matrix<T>, double> loss, double step)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var numeric = Matrix<double>.Build.Dense(at.RowCount, at.ColumnCount);
        for (var i = 0; i < at.RowCount; i++)
        {
            for (var j = 0; j < at.ColumnCount; j++)
            {
                var plus = at.Clone();
                var minus = at.Clone();
                plus[i, j] += T.CreateChecked(step);
                minus[i, j] -= T.CreateChecked(step);
                // Divide by the step actually taken: in float, entry ± h rounds, and that rounding is not small next to h.
                var taken = double.CreateChecked(plus[i, j]) - double.CreateChecked(minus[i, j]);
                numeric[i, j] = (loss(plus) - loss(minus)) / taken;
            }
        }
        return numeric;
    }

    private static Matrix<double> Widen<T>(Matrix<T> m)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (i, j) => double.CreateChecked(m[i, j]));

    private static void AssertClose(Matrix<double> expected, Matrix<double> actual, double relative, string what, double absolute = 0)
    {
        var error = (expected - actual).FrobeniusNorm();
        var size = expected.FrobeniusNorm();
        Assert.True(error <= relative * size + absolute,
            $"{what}: ‖numeric − analytic‖ = {error:e3}, ‖numeric‖ = {size:e3}\nnumeric {expected}\nanalytic {actual}");
    }
}
