using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>Every LoRA entry point rejects bad input with the argument's name, the value received and what is allowed.</summary>
public class LoraValidationTests
{
    // A 4x3 layer with a rank-2 adapter and a batch of 5.
    private static readonly Matrix<double> W0 = Gaussian.Random<double>(4, 3, 1);
    private static readonly Matrix<double> X = Gaussian.Random<double>(3, 5, 2);
    private static readonly Matrix<double> Y = Gaussian.Random<double>(4, 5, 3);
    private static readonly LoraAdapter<double> Adapter = new(Gaussian.Random<double>(4, 2, 4), Gaussian.Random<double>(2, 3, 5), alpha: 2);

    public static TheoryData<double> NonFinite => new() { double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    public static TheoryData<double> NotPositive => new() { 0, -0.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    private static void Throws<TException>(Action call, string paramName, params string[] inMessage)
        where TException : ArgumentException
    {
        var exception = Assert.Throws<TException>(call);
        Assert.Equal(paramName, exception.ParamName);
        foreach (var text in inMessage)
        {
            Assert.Contains(text, exception.Message, StringComparison.Ordinal);
        }
    }

    private static Matrix<double> WithEntry(Matrix<double> m, double value)
    {
        var copy = m.Clone();
        copy[1, 2] = value;
        return copy;
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Initial_rejects_a_missing_generator()
        => Throws<ArgumentNullException>(() => LoraAdapter.Initial(null!, 4, 3, 2, 2), "generator");

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Initial_rejects_non_positive_dimensions(int size)
    {
        Throws<ArgumentOutOfRangeException>(() => LoraAdapter.Initial(new TorchGenerator(0), size, 3, 1, 2), "d");
        Throws<ArgumentOutOfRangeException>(() => LoraAdapter.Initial<double>(new TorchGenerator(0), 4, size, 1, 2), "k");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Initial_rejects_rank_outside_1_to_min_d_k(int rank)
        => Throws<ArgumentOutOfRangeException>(() => LoraAdapter.Initial(new TorchGenerator(0), 4, 3, rank, 2), "rank", $"but was {rank}", "between 1 and min(rows, cols) = 3");

    [Theory]
    [MemberData(nameof(NotPositive))]
    public void Alpha_must_be_finite_and_positive(double alpha)
    {
        Throws<ArgumentOutOfRangeException>(() => LoraAdapter.Initial(new TorchGenerator(0), 4, 3, 2, alpha), "alpha", $"but was {Invariant(alpha)}", "finite number > 0");
        Throws<ArgumentOutOfRangeException>(() => new LoraAdapter<double>(Adapter.B, Adapter.A, alpha), "alpha", $"but was {Invariant(alpha)}");
    }

    [Fact]
    public void Adapter_rejects_factors_that_do_not_chain()
        => Throws<ArgumentException>(() => new LoraAdapter<double>(Adapter.B, Gaussian.Random<double>(3, 3, 1), 2), "a", "b (4x2) and a (3x3) do not chain");

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Adapter_rejects_non_finite_factors(double bad)
    {
        Throws<ArgumentException>(() => new LoraAdapter<double>(WithEntry(Gaussian.Random<double>(4, 3, 1), bad), Gaussian.Random<double>(3, 3, 2), 2), "b", $"b[1, 2] is {bad}");
        Throws<ArgumentException>(() => new LoraAdapter<double>(Adapter.B, WithEntry(Adapter.A, bad), 2), "a", $"a[1, 2] is {bad}");
        Throws<ArgumentNullException>(() => new LoraAdapter<double>(null!, Adapter.A, 2), "b");
    }

    [Fact]
    public void Cast_to_float_rejects_entries_beyond_floats_range()
        => Throws<ArgumentException>(() => new LoraAdapter<double>(WithEntry(Gaussian.Random<double>(4, 3, 1), 1e300), Gaussian.Random<double>(3, 3, 2), 2).Cast<float>(),
            "b", "b[1, 2] is", "only finite numbers");

    [Fact]
    public void Merge_and_forward_reject_a_W0_of_the_wrong_shape()
    {
        Throws<ArgumentException>(() => Adapter.Merge(Gaussian.Random<double>(3, 4, 1)), "w0", "w0 must be 4x3", "but is 3x4");
        Throws<ArgumentException>(() => Adapter.Forward(Gaussian.Random<double>(4, 2, 1), X), "w0", "w0 must be 4x3", "but is 4x2");
        Throws<ArgumentException>(() => Adapter.Forward(W0, Gaussian.Random<double>(2, 5, 1)), "x", "x must have 3 rows", "but is 2x5");
        Throws<ArgumentException>(() => Adapter.Merge(WithEntry(W0, double.NaN)), "w0", "w0[1, 2] is NaN");
        Throws<ArgumentNullException>(() => Adapter.Forward(W0, null!), "x");
    }

    [Fact]
    public void Gradients_reject_shapes_that_do_not_fit_together()
    {
        Throws<ArgumentException>(() => LoraStep.Gradients(Gaussian.Random<double>(5, 3, 1), Adapter, X, Y), "adapter", "must fit the 5x3 w0", "B 4x2 and A 2x3");
        Throws<ArgumentException>(() => LoraStep.Gradients(W0, Adapter, Gaussian.Random<double>(4, 5, 1), Y), "x", "x must have 3 rows", "but is 4x5");
        Throws<ArgumentException>(() => LoraStep.Gradients(W0, Adapter, X, Gaussian.Random<double>(4, 6, 1)), "y", "y must be 4x5", "but is 4x6");
        Throws<ArgumentNullException>(() => LoraStep.Gradients(W0, null!, X, Y), "adapter");
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Gradients_and_training_reject_non_finite_data(double bad)
    {
        Throws<ArgumentException>(() => LoraStep.Gradients(WithEntry(W0, bad), Adapter, X, Y), "w0", $"w0[1, 2] is {bad}");
        Throws<ArgumentException>(() => LoraStep.Gradients(W0, Adapter, WithEntry(X, bad), Y), "x", $"x[1, 2] is {bad}");
        Throws<ArgumentException>(() => LoraStep.Train(W0, Adapter, X, WithEntry(Y, bad), 0.1, 1), "y", $"y[1, 2] is {bad}");
    }

    [Fact]
    public void Float_overflow_names_the_input_that_caused_it()
    {
        var w0 = Matrix<float>.Build.Dense(2, 2, 1e30f);
        var x = Matrix<float>.Build.Dense(2, 1, 1e30f);
        var adapter = new LoraAdapter<float>(Matrix<float>.Build.Dense(2, 1, 1), Matrix<float>.Build.Dense(1, 2, 1e30f), 1);
        var y = Matrix<float>.Build.Dense(2, 1);
        Throws<ArgumentException>(() => LoraStep.Gradients(w0, adapter, x, y), "x", "w0·x overflows Single");
        var small = Matrix<float>.Build.Dense(2, 1, 1);
        Throws<ArgumentException>(() => LoraStep.Gradients(w0, adapter, small, Matrix<float>.Build.Dense(2, 1)), "adapter", "overflow Single");
        Throws<ArgumentException>(() => LoraStep.Train(w0, adapter, small, Matrix<float>.Build.Dense(2, 1), 0.1, 3), "start", "overflow Single");
    }

    [Theory]
    [MemberData(nameof(NotPositive))]
    public void Learning_rate_must_be_finite_and_positive(double learningRate)
    {
        var gradients = LoraStep.Gradients(W0, Adapter, X, Y);
        Throws<ArgumentOutOfRangeException>(() => LoraStep.Sgd(Adapter, gradients, learningRate), "learningRate", $"but was {Invariant(learningRate)}", "finite number > 0");
        Throws<ArgumentOutOfRangeException>(() => LoraStep.Train(W0, Adapter, X, Y, learningRate, 10), "learningRate", $"but was {Invariant(learningRate)}");
    }

    [Fact]
    public void Sgd_rejects_gradients_of_another_adapter()
    {
        var other = new LoraAdapter<double>(Gaussian.Random<double>(4, 1, 1), Gaussian.Random<double>(1, 3, 2), 1);
        var gradients = LoraStep.Gradients(W0, other, X, Y);
        Throws<ArgumentException>(() => LoraStep.Sgd(Adapter, gradients, 0.1), "gradients", "gradients.GradB must be 4x2", "but is 4x1");
        Throws<ArgumentNullException>(() => LoraStep.Sgd(Adapter, null!, 0.1), "gradients");
    }

    [Fact]
    public void Sgd_rejects_a_learning_rate_that_overflows_the_factors()
    {
        var gradients = LoraStep.Gradients(W0, Adapter, X, Y);
        Throws<ArgumentOutOfRangeException>(() => LoraStep.Sgd(Adapter, gradients, 1e308), "learningRate", "learningRate = 1E+308 is too large", "overflow Double");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Train_needs_at_least_one_step(int steps)
        => Throws<ArgumentOutOfRangeException>(() => LoraStep.Train(W0, Adapter, X, Y, 0.1, steps), "steps");

    [Fact]
    public void Train_rejects_a_start_adapter_of_the_wrong_shape()
        => Throws<ArgumentException>(() => LoraStep.Train(Gaussian.Random<double>(4, 4, 1), Adapter, Gaussian.Random<double>(4, 5, 1), Y, 0.1, 1),
            "start", "start must fit the 4x4 w0");

    [Fact]
    public void Synthetic_problem_rejects_bad_sizes_ranks_and_noise()
    {
        var generator = new TorchGenerator(0);
        Throws<ArgumentNullException>(() => LoraProblem.Synthetic(null!, 4, 3, 5, 1, 0), "generator");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 4, 3, 0, 1, 0), "n");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 4, 3, 5, 4, 0), "updateRank", "but was 4", "min(rows, cols) = 3");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 4, 3, 5, 1, -0.1f), "noise", "but was -0.1", "finite number >= 0");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 4, 3, 5, 1, float.NaN), "noise", "but was NaN");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 100_000, 100_000, 5, 1, 0), "d", "100000 x 100000");
    }
}
