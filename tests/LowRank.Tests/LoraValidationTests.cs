using MathNet.Numerics.LinearAlgebra;
using static LowRank.Tests.Rejects;

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

    [Fact]
    public void Initial_rejects_a_layer_too_large_for_one_array()
        // B and A would fit, but the d×k W₀ they adapt, and the Delta and Merge they produce, could not exist.
        => Throws<ArgumentOutOfRangeException>(() => LoraAdapter.Initial(new TorchGenerator(0), 100_000, 100_000, 1, 2), "d",
            "100000 x 100000");

    [Fact]
    public void Initial_with_a_bad_alpha_draws_nothing_so_a_retry_gets_the_seeds_A()
    {
        // A notebook that fixes α and reruns the cell must get the same A as a fresh generator with that seed.
        var generator = new TorchGenerator(0);
        Throws<ArgumentOutOfRangeException>(() => LoraAdapter.Initial(generator, 4, 3, 2, alpha: 0), "alpha");
        Assert.Equal(LoraAdapter.Initial(new TorchGenerator(0), 4, 3, 2, 2).A, LoraAdapter.Initial(generator, 4, 3, 2, 2).A);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Initial_rejects_rank_outside_1_to_min_d_k(int rank)
        => Throws<ArgumentOutOfRangeException>(() => LoraAdapter.Initial(new TorchGenerator(0), 4, 3, rank, 2), "rank", $"but was {rank}",
            "between 1 and min(rows, cols) = 3");

    [Theory]
    [MemberData(nameof(NotPositive))]
    public void Alpha_must_be_finite_and_positive(double alpha)
    {
        Throws<ArgumentOutOfRangeException>(() => LoraAdapter.Initial(new TorchGenerator(0), 4, 3, 2, alpha), "alpha",
            $"but was {Invariant(alpha)}", "finite number > 0");
        Throws<ArgumentOutOfRangeException>(() => new LoraAdapter<double>(Adapter.B, Adapter.A, alpha), "alpha",
            $"but was {Invariant(alpha)}");
    }

    [Fact]
    public void Adapter_rejects_factors_that_do_not_chain()
        => Throws<ArgumentException>(() => new LoraAdapter<double>(Adapter.B, Gaussian.Random<double>(3, 3, 1), 2), "a",
            "b (4x2) and a (3x3) do not chain");

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Adapter_rejects_non_finite_factors(double bad)
    {
        Throws<ArgumentException>(() => new LoraAdapter<double>(WithEntry(Gaussian.Random<double>(4, 3, 1), bad), Gaussian.Random<double>(3,
            3, 2), 2), "b", $"b[1, 2] is {bad}");
        Throws<ArgumentException>(() => new LoraAdapter<double>(Adapter.B, WithEntry(Adapter.A, bad), 2), "a", $"a[1, 2] is {bad}");
        Throws<ArgumentNullException>(() => new LoraAdapter<double>(null!, Adapter.A, 2), "b");
    }

    [Fact]
    public void Cast_to_float_rejects_entries_beyond_floats_range()
        => Throws<ArgumentException>(() => new LoraAdapter<double>(WithEntry(Gaussian.Random<double>(4, 3, 1), 1e300),
            Gaussian.Random<double>(3, 3, 2), 2).Cast<float>(),
            "b", "b[1, 2] is", "only finite numbers");

    [Fact]
    public void Merge_and_forward_reject_a_W0_of_the_wrong_shape()
    {
        Throws<ArgumentException>(() => Adapter.Merge(Gaussian.Random<double>(3, 4, 1)), "w0", "w0 must be 4x3", "but is 3x4",
            "B is 4x2 and A is 2x3");
        Throws<ArgumentException>(() => Adapter.Forward(Gaussian.Random<double>(4, 2, 1), X), "w0", "w0 must be 4x3", "but is 4x2");
        Throws<ArgumentException>(() => Adapter.Forward(W0, Gaussian.Random<double>(2, 5, 1)), "x", "x must have 3 rows", "but is 2x5");
        Throws<ArgumentException>(() => Adapter.Merge(WithEntry(W0, double.NaN)), "w0", "w0[1, 2] is NaN");
        Throws<ArgumentNullException>(() => Adapter.Forward(W0, null!), "x");
    }

    [Fact]
    public void Gradients_reject_shapes_that_do_not_fit_together()
    {
        Throws<ArgumentException>(() => LoraStep.Gradients(Gaussian.Random<double>(5, 3, 1), Adapter, X, Y), "adapter",
            "must fit the 5x3 w0", "B 4x2 and A 2x3");
        Throws<ArgumentException>(() => LoraStep.Gradients(W0, Adapter, Gaussian.Random<double>(4, 5, 1), Y), "x", "x must have 3 rows",
            "but is 4x5");
        Throws<ArgumentException>(() => LoraStep.Gradients(W0, Adapter, X, Gaussian.Random<double>(4, 6, 1)), "y", "y must be 4x5",
            "but is 4x6", "the columns of the 3x5 x");
        Throws<ArgumentNullException>(() => LoraStep.Gradients(W0, null!, X, Y), "adapter");
    }

    [Fact]
    public void Float_overflow_of_W0_x_in_a_single_entry_names_x()
    {
        // One output row of W₀ meets inputs of 1e20: W₀·X = [2e40 (∞ in float); 2e20], so one entry alone overflows.
        var w0 = Gaussian.Of<float>(new double[,] { { 1e20, 1e20 }, { 1, 1 } });
        var x = Matrix<float>.Build.Dense(2, 1, 1e20f);
        var adapter = new LoraAdapter<float>(Matrix<float>.Build.Dense(2, 1), Matrix<float>.Build.Dense(1, 2, 1), 1);
        Throws<ArgumentException>(() => LoraStep.Gradients(w0, adapter, x, Matrix<float>.Build.Dense(2, 1)), "x", "w0·x overflows Single");
        Throws<ArgumentException>(() => LoraStep.Train(w0, adapter, x, Matrix<float>.Build.Dense(2, 1), 0.1, 1), "x",
            "w0·x overflows Single");
    }

    [Fact]
    public void Float_overflow_of_one_entry_of_GradB_alone_is_rejected()
    {
        // d = 2, k = n = r = 1, s = 1, B = 0: W₀ = [1; 0], X = [1e19], Y = 0, A = [4]. The residual [1e19; 0] is finite in
        // float and the loss (1e38 + 0)/2 in double, G = [1e38; 0] still fits float, but ∂L/∂B = s·G·Aᵀ = [4e38; 0] does not,
        // while ∂L/∂A = s·Bᵀ·G = 0.
        var w0 = Gaussian.Of<float>(new double[,] { { 1 }, { 0 } });
        var adapter = new LoraAdapter<float>(Matrix<float>.Build.Dense(2, 1), Gaussian.Of<float>(new double[,] { { 4 } }), 1);
        var x = Gaussian.Of<float>(new double[,] { { 1e19 } });
        Throws<ArgumentException>(() => LoraStep.Gradients(w0, adapter, x, Matrix<float>.Build.Dense(2, 1)), "adapter",
            "the loss or a gradient overflows Single");
    }

    [Fact]
    public void Float_overflow_of_one_entry_of_GradA_alone_is_rejected()
    {
        // d = n = r = 1, k = 2, s = 1: W₀ = 0, X = [1; 0], Y = [−10], B = [1e38], A = [0 1]. A·X = 0, so the layer outputs 0
        // and the loss is 100; G = 2·(0 − Y)·Xᵀ = [20 0], ∂L/∂B = s·G·Aᵀ = 0, but ∂L/∂A = s·Bᵀ·G = [2e39 0] overflows in one entry.
        var adapter = new LoraAdapter<float>(Gaussian.Of<float>(new double[,] { { 1e38 } }), Gaussian.Of<float>(new double[,] { { 0, 1 } }),
            1);
        var x = Gaussian.Of<float>(new double[,] { { 1 }, { 0 } });
        Throws<ArgumentException>(() => LoraStep.Gradients(Matrix<float>.Build.Dense(1, 2), adapter, x,
            Gaussian.Of<float>(new double[,] { { -10 } })),
            "adapter", "the loss or a gradient overflows Single");
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
        Throws<ArgumentException>(() => LoraStep.Gradients(w0, adapter, small, Matrix<float>.Build.Dense(2, 1)), "adapter",
            "the loss or a gradient overflows Single");
        Throws<ArgumentException>(() => LoraStep.Train(w0, adapter, small, Matrix<float>.Build.Dense(2, 1), 0.1, 3), "start",
            "the loss or a gradient overflows Single");
    }

    [Theory]
    [MemberData(nameof(NotPositive))]
    public void Learning_rate_must_be_finite_and_positive(double learningRate)
    {
        var gradients = LoraStep.Gradients(W0, Adapter, X, Y);
        Throws<ArgumentOutOfRangeException>(() => LoraStep.Sgd(Adapter, gradients, learningRate), "learningRate",
            $"but was {Invariant(learningRate)}", "finite number > 0");
        Throws<ArgumentOutOfRangeException>(() => LoraStep.Train(W0, Adapter, X, Y, learningRate, 10), "learningRate",
            $"but was {Invariant(learningRate)}");
    }

    [Fact]
    public void Sgd_rejects_gradients_of_another_adapter()
    {
        var other = new LoraAdapter<double>(Gaussian.Random<double>(4, 1, 1), Gaussian.Random<double>(1, 3, 2), 1);
        var gradients = LoraStep.Gradients(W0, other, X, Y);
        Throws<ArgumentException>(() => LoraStep.Sgd(Adapter, gradients, 0.1), "gradients", "gradients.GradB must be 4x2", "but is 4x1",
            "the B of the adapter is 4x2");
        Throws<ArgumentNullException>(() => LoraStep.Sgd(Adapter, null!, 0.1), "gradients");
        Throws<ArgumentNullException>(() => LoraStep.Sgd(null!, LoraStep.Gradients(W0, Adapter, X, Y), 0.1), "adapter");
    }

    [Fact]
    public void Sgd_rejects_gradients_whose_GradA_alone_has_the_wrong_shape()
    {
        // Same d and r, so ∂L/∂B is 4x2 like the adapter's B, but taken for a 4x4 layer: ∂L/∂A is 2x4, not 2x3.
        var wider = new LoraAdapter<double>(Adapter.B, Gaussian.Random<double>(2, 4, 6), 2);
        var gradients = LoraStep.Gradients(Gaussian.Random<double>(4, 4, 1), wider, Gaussian.Random<double>(4, 5, 2), Y);
        Throws<ArgumentException>(() => LoraStep.Sgd(Adapter, gradients, 0.1), "gradients", "gradients.GradA must be 2x3", "but is 2x4",
            "the A of the adapter is 2x3");
    }

    [Fact]
    public void Sgd_rejects_a_learning_rate_that_overflows_the_factors()
    {
        var gradients = LoraStep.Gradients(W0, Adapter, X, Y);
        Throws<ArgumentOutOfRangeException>(() => LoraStep.Sgd(Adapter, gradients, 1e308), "learningRate",
            "learningRate = 1E+308 is too large", "overflow Double");
    }

    [Fact]
    public void Sgd_rejects_a_step_that_overflows_one_entry_of_B_alone()
    {
        // d = 2, k = n = r = 1, s = 1, B = 0: W₀ = [1; 0], X = [1], Y = [−1; 0], A = [1]. The residual is [2; 0], so
        // ∂L/∂B = [2; 0] and ∂L/∂A = 0: with η = 1e308, B becomes [−2e308 (−∞); 0] while A stays [1].
        var adapter = new LoraAdapter<double>(Matrix<double>.Build.Dense(2, 1), Gaussian.Of<double>(new double[,] { { 1 } }), 1);
        var gradients = LoraStep.Gradients(Gaussian.Of<double>(new double[,] { { 1 }, { 0 } }), adapter,
            Gaussian.Of<double>(new double[,] { { 1 } }),
            Gaussian.Of<double>(new double[,] { { -1 }, { 0 } }));
        Throws<ArgumentOutOfRangeException>(() => LoraStep.Sgd(adapter, gradients, 1e308), "learningRate",
            "learningRate = 1E+308 is too large");
    }

    [Fact]
    public void Sgd_rejects_a_step_that_overflows_one_entry_of_A_alone()
    {
        // d = n = r = 1, k = 2, s = 1: W₀ = 0, X = [1; 0], Y = [−1], B = [1], A = [0 1]. A·X = 0, the residual is [1],
        // ∂L/∂B = s·G·Aᵀ = 0 and ∂L/∂A = s·Bᵀ·G = [2 0]: with η = 1e308, A becomes [−2e308 (−∞) 1] while B stays [1].
        var adapter = new LoraAdapter<double>(Gaussian.Of<double>(new double[,] { { 1 } }), Gaussian.Of<double>(new double[,] { { 0, 1 } }),
            1);
        var gradients = LoraStep.Gradients(Matrix<double>.Build.Dense(1, 2), adapter, Gaussian.Of<double>(new double[,] { { 1 }, { 0 } }),
            Gaussian.Of<double>(new double[,] { { -1 } }));
        Assert.Equal(Gaussian.Of<double>(new double[,] { { 0 } }), gradients.GradB);
        Throws<ArgumentOutOfRangeException>(() => LoraStep.Sgd(adapter, gradients, 1e308), "learningRate",
            "learningRate = 1E+308 is too large");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(1_000_001)]
    [InlineData(int.MaxValue)]
    public void Train_takes_1_to_a_million_steps(int steps)
        => Throws<ArgumentOutOfRangeException>(() => LoraStep.Train(W0, Adapter, X, Y, 0.1, steps), "steps",
            $"steps must be between 1 and 1,000,000 (LoraStep.MaxSteps), but was {steps}.");

    [Fact]
    public void Train_rejects_a_start_adapter_of_the_wrong_shape()
        => Throws<ArgumentException>(() => LoraStep.Train(Gaussian.Random<double>(4, 4, 1), Adapter, Gaussian.Random<double>(4, 5, 1), Y,
            0.1, 1),
            "start", "start must fit the 4x4 w0");

    [Fact]
    public void Synthetic_problem_rejects_bad_sizes_ranks_and_noise()
    {
        var generator = new TorchGenerator(0);
        Throws<ArgumentNullException>(() => LoraProblem.Synthetic(null!, 4, 3, 5, 1, 0), "generator");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 4, 3, 0, 1, 0), "n");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 4, 3, 5, 4, 0), "updateRank", "but was 4",
            "min(rows, cols) = 3");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 4, 3, 5, 1, -0.1f), "noise", "but was -0.1",
            "finite number >= 0");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 4, 3, 5, 1, float.NaN), "noise", "but was NaN");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 100_000, 100_000, 5, 1, 0), "d", "100000 x 100000");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 0, 3, 5, 1, 0), "d");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 4, -3, 5, 1, 0), "k");
        // W₀ fits in each case, but X (k×n) or Y (d×n) would not: refused before anything is drawn.
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 1, 50_000, 50_000, 1, 0), "k", "50000 x 50000");
        Throws<ArgumentOutOfRangeException>(() => LoraProblem.Synthetic(generator, 50_000, 1, 50_000, 1, 0), "d", "50000 x 50000");
    }

    [Fact]
    public void An_adapter_of_rank_0_or_of_an_empty_layer_is_refused()
    {
        Throws<ArgumentException>(() => new LoraAdapter<float>(Matrix<float>.Build.Dense(4, 0), Matrix<float>.Build.Dense(0, 3), 8), "b",
            "b must be d x r with d >= 1 and rank r >= 1, but is 4x0", "α/0");
        Throws<ArgumentException>(() => new LoraAdapter<double>(Matrix<double>.Build.Dense(0, 2), Gaussian.Random<double>(2, 3, 1), 8),
            "b", "but is 0x2");
        Throws<ArgumentException>(() => new LoraAdapter<double>(Gaussian.Random<double>(4, 2, 1), Matrix<double>.Build.Dense(2, 0), 8),
            "a", "a must be r x k with k >= 1 columns", "but is 2x0");
    }

    [Fact]
    public void An_alpha_whose_scale_overflows_the_element_type_is_refused_before_drawing()
    {
        var generator = new TorchGenerator(0);
        Throws<ArgumentOutOfRangeException>(() => LoraAdapter.Initial(generator, 4, 3, 2, 1e300), "alpha",
            "alpha / r = 1E+300 / 2 must be finite in Single", "3.4028235E+38", "but alpha was 1E+300");
        Assert.Equal(LoraAdapter.Initial(new TorchGenerator(0), 4, 3, 2, 8).A, LoraAdapter.Initial(generator, 4, 3, 2, 8).A);
        Throws<ArgumentOutOfRangeException>(() => new LoraAdapter<float>(Matrix<float>.Build.Dense(4, 1), Matrix<float>.Build.Dense(1, 3),
            1e39), "alpha", "alpha / r = 1E+39 / 1");
        // The same α is a finite scale in double, where B = 0 keeps the update exactly 0.
        var wide = LoraAdapter.Initial<double>(new TorchGenerator(0), 4, 3, 2, 1e300);
        Assert.Equal(5e299, wide.Scale);
        Assert.All(wide.Delta().Enumerate(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void A_delta_beyond_the_element_type_throws_instead_of_returning_infinity()
    {
        var b = Matrix<float>.Build.Dense(2, 1, 1e20f);
        var a = Matrix<float>.Build.Dense(1, 2, 1e20f);
        var adapter = new LoraAdapter<float>(b, a, 1);

        var error = Assert.Throws<OverflowException>(() => adapter.Delta());

        Assert.Contains("s·B·A overflows Single for this adapter (s = α/r = 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("some entry exceeds Single.MaxValue = 3.4028235E+38. ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cast<double>()", error.Message, StringComparison.Ordinal);
        Assert.Equal(1e40, adapter.Cast<double>().Delta()[1, 1], 1e40 * 1e-6);
    }

    [Fact]
    public void A_forward_pass_beyond_floats_range_names_x()
    {
        var adapter = new LoraAdapter<float>(Matrix<float>.Build.Dense(2, 1, 1), Matrix<float>.Build.Dense(1, 2, 1), 1);
        var w0 = Matrix<float>.Build.Dense(2, 2, 1);
        var x = Matrix<float>.Build.Dense(2, 1, 3e38f);

        Throws<ArgumentException>(() => adapter.Forward(w0, x), "x", "w0·x + s·B·(A·x) overflows Single for this x",
            "Scale x down or compute in double.");
        Assert.Equal(1.2e39, adapter.Cast<double>().Forward(w0.Map(v => (double)v), x.Map(v => (double)v))[0, 0], 1e33);
    }

    [Fact]
    public void A_merge_beyond_floats_range_names_w0()
    {
        var adapter = new LoraAdapter<float>(Matrix<float>.Build.Dense(2, 1, 1), Matrix<float>.Build.Dense(1, 2, 3e38f), 1);
        Throws<ArgumentException>(
            () => adapter.Merge(Matrix<float>.Build.Dense(2, 2, 3e38f)), "w0", "w0 + s·B·A overflows Single for this w0",
            "Merge in double");
    }

    [Fact]
    public void An_overflow_in_double_is_not_told_to_compute_in_double()
    {
        // W₀·X = 2e200·1e200 in one entry: beyond double's range, from finite double inputs.
        var w0 = Gaussian.Of<double>(new double[,] { { 1e200, 1e200 }, { 1, 1 } });
        var x = Matrix<double>.Build.Dense(2, 1, 1e200);
        var adapter = new LoraAdapter<double>(Matrix<double>.Build.Dense(2, 1), Matrix<double>.Build.Dense(1, 2, 1), 1);
        var frozen = Assert.Throws<ArgumentException>(() => LoraStep.Train(w0, adapter, x, Matrix<double>.Build.Dense(2, 1), 0.1, 1));
        Assert.Equal("x", frozen.ParamName);
        Assert.Contains("w0·x overflows Double for this x: some value exceeds Double.MaxValue = 1.7976931348623157E+308. Scale x down.",
            frozen.Message, StringComparison.Ordinal);
        // Targets of 1e200: the loss (1e200)² leaves double's range at the first step.
        var loss = Assert.Throws<ArgumentException>(() => LoraStep.Train(W0, Adapter, X, Matrix<double>.Build.Dense(4, 5, 1e200), 0.1, 1));
        Assert.Equal("start", loss.ParamName);
        Assert.Contains("the loss or a gradient overflows Double for this start", loss.Message, StringComparison.Ordinal);
        Assert.Contains("Scale the data or the adapter down.", loss.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("in double", loss.Message, StringComparison.Ordinal);
        // In float the same remedies add double.
        var floatW0 = Gaussian.Of<float>(new double[,] { { 1e20, 1e20 }, { 1, 1 } });
        var floatFrozen = Assert.Throws<ArgumentException>(() => LoraStep.Train(floatW0, adapter.Cast<float>(),
            Matrix<float>.Build.Dense(2, 1, 1e20f), Matrix<float>.Build.Dense(2, 1), 0.1, 1));
        Assert.Contains("Scale x down or train in double.", floatFrozen.Message, StringComparison.Ordinal);
        var floatLoss = Assert.Throws<ArgumentException>(() => LoraStep.Train(W0.Map(v => (float)v), Adapter.Cast<float>(),
            X.Map(v => (float)v), Matrix<float>.Build.Dense(4, 5, 3e38f), 0.1, 1));
        Assert.Contains("Scale the data or the adapter down, or compute in double.", floatLoss.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_batch_is_named_as_empty_not_as_an_overflow()
    {
        Throws<ArgumentException>(() => LoraStep.Train(W0, Adapter, Matrix<double>.Build.Dense(3, 0), Matrix<double>.Build.Dense(4, 0), 0.1,
            1), "x", "x must have at least one column (one example), but is 3x0", "0/0");
        Throws<ArgumentException>(() => LoraStep.Gradients(W0, Adapter, Matrix<double>.Build.Dense(3, 0), Matrix<double>.Build.Dense(4, 0)),
            "x", "at least one column");
    }

    [Fact]
    public void A_noise_that_overflows_the_problem_names_noise()
    {
        Throws<ArgumentException>(() => LoraProblem.Synthetic(new TorchGenerator(0), 4, 3, 5, 1, 3e38f), "noise",
            "ΔW* or Y overflows Single for this noise", "noise = 3E+38 is too large: use a noise of the order of 1");
        // A large but representable noise still works, so the check is on the result, not a guessed limit.
        Assert.All(LoraProblem.Synthetic(new TorchGenerator(0), 4, 3, 5, 1, 1e30f).Y.Enumerate(), v => Assert.True(float.IsFinite(v)));
    }
}
