using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>RandomizedSvd.Of rejects bad input naming the argument, the value and what is allowed, before drawing.</summary>
public class RandomizedSvdValidationTests
{
    private static readonly Matrix<double> W = Gaussian.Random<double>(4, 3, 1);

    private static void Throws<TException>(Func<TorchGenerator, object> call, string paramName, params string[] inMessage)
        where TException : ArgumentException
    {
        var generator = new TorchGenerator(0);
        Rejects.Throws<TException>(() => call(generator), paramName, inMessage);
        // A rejected call has not consumed random numbers: the next draw is still the seed's first.
        Assert.Equal(new TorchGenerator(0).Randn(3), generator.Randn(3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void Rejects_rank_outside_1_to_min_d_k(int rank)
        => Throws<ArgumentOutOfRangeException>(g => RandomizedSvd.Of(W, rank, g), "rank", $"but was {rank}",
            "between 1 and min(rows, cols) = 3", "4x3");

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Rejects_negative_oversampling(int oversampling)
        => Throws<ArgumentOutOfRangeException>(g => RandomizedSvd.Of(W, 2, g, oversampling), "oversampling", "at least 0",
            $"but was {oversampling}");

    [Theory]
    [InlineData(-1)]
    [InlineData(-7)]
    public void Rejects_negative_power_iterations(int powerIterations)
        => Throws<ArgumentOutOfRangeException>(g => RandomizedSvd.Of(W, 2, g, powerIterations: powerIterations), "powerIterations",
            "at least 0", $"but was {powerIterations}");

    [Fact]
    public void Accepts_zero_oversampling_and_zero_power_iterations()
        => Assert.Equal(2, RandomizedSvd.Of(W, 2, new TorchGenerator(0), oversampling: 0, powerIterations: 0).Rank);

    public static TheoryData<double> NonFinite => new() { double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Rejects_non_finite_W(double bad)
    {
        var w = W.Clone();
        w[2, 1] = bad;
        Throws<ArgumentException>(g => RandomizedSvd.Of(w, 1, g), "w", $"w[2, 1] is {bad}", "finite", "4x3");
    }

    [Fact]
    public void Rejects_null_W_and_null_generator()
    {
        Throws<ArgumentNullException>(g => RandomizedSvd.Of<double>(null!, 1, g), "w");
        Assert.Equal("generator", Assert.Throws<ArgumentNullException>(() => RandomizedSvd.Of(W, 1, null!)).ParamName);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(int.MaxValue)]
    public void Rejects_power_iterations_beyond_the_bound_without_drawing(int powerIterations)
        => Throws<ArgumentOutOfRangeException>(g => RandomizedSvd.Of(W, 2, g, powerIterations: powerIterations), "powerIterations",
            "between 0 and 100", $"but was {powerIterations}", "HMT use 1 or 2");

    [Fact]
    public void Accepts_the_bound_itself()
        => Assert.Equal(2, RandomizedSvd.Of(W, 2, new TorchGenerator(0), powerIterations: RandomizedSvd.MaxPowerIterations).Rank);
}

