using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using static LowRank.Tests.Rejects;

namespace LowRank.Tests;

/// <summary>
/// <see cref="TorchInit.KaimingUniform"/> against He et al.'s formula and the uniform distribution's moments; the
/// bit-for-bit comparison with PyTorch is in <see cref="TorchRandReferenceTests"/>.
/// </summary>
public class TorchInitTests
{
    public static TheoryData<double> BadSlopes => new() { double.NaN, -0.5, -1e-300, double.PositiveInfinity, double.NegativeInfinity,
        1e155 };

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(11008)]
    public void The_bound_is_gain_times_the_root_of_3_over_fan_in(int fanIn)
    {
        // He et al. (2015) with PyTorch's leaky-ReLU gain √(2/(1 + a²)): a = √5 gives gain √(1/3) and bound 1/√fan_in,
        // the bound nn.Linear and LoRA's A start with; a = 0 gives √(6/fan_in).
        Assert.Equal(1 / Math.Sqrt(fanIn), TorchInit.KaimingBound(fanIn, Math.Sqrt(5)), 1e-15);
        Assert.Equal(Math.Sqrt(6.0 / fanIn), TorchInit.KaimingBound(fanIn, 0), 1e-15);
        Assert.Equal(Math.Sqrt(3.0 / fanIn), TorchInit.KaimingBound(fanIn, 1), 1e-15);
    }

    [Theory]
    [InlineData(CpuCapability.Default)]
    [InlineData(CpuCapability.Avx2)]
    public void Values_spread_over_plus_minus_the_bound_with_the_uniform_distributions_moments(CpuCapability capability)
    {
        // 200 x 300: fan_in 300, so with a = √5 the bound is 1/√300 and the variance bound²/3 = 1/900.
        var w = TorchInit.KaimingUniform(new TorchGenerator(17, capability), 200, 300, Math.Sqrt(5));
        var bound = 1 / Math.Sqrt(300);
        var values = w.Enumerate().Select(v => (double)v).ToArray();
        Assert.Equal(60_000, values.Length);
        Assert.InRange(values.Min(), -bound * (1 + 1e-7), -bound * 0.999);
        Assert.InRange(values.Max(), bound * 0.999, bound * (1 + 1e-7));
        Assert.InRange(values.Average(), -bound * 0.01, bound * 0.01);
        Assert.InRange(values.Average(v => v * v) / (bound * bound / 3), 0.98, 1.02);
    }

    [Fact]
    public void It_advances_the_generator_by_one_draw_per_element_and_keeps_the_cached_normal()
    {
        // 3 x 5 takes 15 words, as rand(15) would; the randn(1) after it returns the normal cached before it.
        var generator = new TorchGenerator(4);
        var first = generator.Randn(1)[0];
        TorchInit.KaimingUniform(generator, 3, 5, Math.Sqrt(5));
        var afterInit = generator.Randn(1)[0];
        var next = generator.Rand(1)[0];

        var reference = new TorchGenerator(4);
        var pair = reference.Randn(2).ToArray();
        Assert.Equal(pair[0], first);
        Assert.Equal(pair[1], afterInit);
        Assert.Equal(reference.Rand(16)[15], next);
    }

    [Fact]
    public void It_is_filled_row_by_row()
    {
        // fan_in 4 and a = √5 give the bound 1/2, so each value is x − 1/2, exactly, for rand's x in rand's row-major order.
        var w = TorchInit.KaimingUniform(new TorchGenerator(0), 2, 4, Math.Sqrt(5));
        var u = new TorchGenerator(0).Rand(8);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(u[i] - 0.5f, w[i / 4, i % 4]);
        }
    }

    [Fact]
    public void A_missing_generator_is_rejected()
        => Throws<ArgumentNullException>(() => TorchInit.KaimingUniform(null!, 2, 3, Math.Sqrt(5)), "generator");

    [Theory]
    [InlineData(0, 3, "rows")]
    [InlineData(-2, 3, "rows")]
    [InlineData(2, 0, "cols")]
    [InlineData(2, -1, "cols")]
    public void Dimensions_must_be_positive(int rows, int cols, string name)
        => Throws<ArgumentOutOfRangeException>(() => TorchInit.KaimingUniform(new TorchGenerator(0), rows, cols, 0), name);

    [Fact]
    public void More_elements_than_an_array_holds_are_rejected()
        => Throws<ArgumentOutOfRangeException>(() => TorchInit.KaimingUniform(new TorchGenerator(0), 100_000, 100_000, 0), "rows",
            "100000 x 100000");

    [Theory]
    [MemberData(nameof(BadSlopes))]
    public void The_slope_must_be_finite_non_negative_and_have_a_finite_square_and_nothing_is_drawn(double a)
    {
        var generator = new TorchGenerator(0);
        Throws<ArgumentOutOfRangeException>(() => TorchInit.KaimingUniform(generator, 2, 3, a), "a",
            $"but was {a.ToString(CultureInfo.InvariantCulture)}", "a must be a finite number >= 0 whose square is finite");
        Assert.Equal(new TorchGenerator(0).Rand(3), generator.Rand(3));
    }

    [Fact]
    public void A_slope_of_negative_zero_is_zero()
        => Assert.Equal(
            TorchInit.KaimingUniform(new TorchGenerator(0), 2, 3, 0),
            TorchInit.KaimingUniform(new TorchGenerator(0), 2, 3, -0.0));
}
