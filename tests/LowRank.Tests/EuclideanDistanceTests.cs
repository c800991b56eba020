namespace LowRank.Tests;

/// <summary>‖l − r‖₂ against values known by hand: Pythagorean triples far beyond the range where squares fit in double.</summary>
public class EuclideanDistanceTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(1e-200)]   // the squares, 9e-400 and 16e-400, are below double's smallest subnormal
    [InlineData(1e200)]    // the squares, 9e400 and 16e400, overflow double
    public void A_3_4_5_triangle_at_any_scale(double scale)
        => Assert.Equal(5 * scale, EuclideanDistance.Of([3 * scale, 0.0], [0.0, -4 * scale]), 5 * scale * 1e-15);

    [Fact]
    public void The_largest_difference_sets_the_scale_whichever_entry_it_is_in()
    {
        // 2² + 3² + 6² = 7², with the largest difference last, first and in the middle.
        Assert.Equal(7.0, EuclideanDistance.Of([2.0, 3.0, 6.0], [0.0, 0.0, 0.0]));
        Assert.Equal(7.0, EuclideanDistance.Of([0.0, 0.0, 0.0], [6.0, -3.0, 2.0]));
        Assert.Equal(7.0, EuclideanDistance.Of([1.0, 7.0, 1.0], [3.0, 1.0, 4.0]));
    }

    [Fact]
    public void Equal_vectors_are_at_distance_0_not_NaN()
    {
        Assert.Equal(0.0, EuclideanDistance.Of([1.5, -2.0], [1.5, -2.0]));
        Assert.Equal(0.0, EuclideanDistance.Of(Array.Empty<double>(), Array.Empty<double>()));
    }

    [Fact]
    public void The_smallest_subnormal_difference_is_kept()
        => Assert.Equal(double.Epsilon, EuclideanDistance.Of([double.Epsilon, 0.0], [0.0, 0.0]));

    [Fact]
    public void Float_differences_are_taken_exactly_in_double()
        // 1 + 2⁻²³ and 1 − 2⁻²⁴ are floats; their difference, 3·2⁻²⁴, is exact in double.
        => Assert.Equal(3 * Math.Pow(2, -24), EuclideanDistance.Of([1 + MathF.Pow(2, -23)], [1 - MathF.Pow(2, -24)]));

    [Fact]
    public void A_distance_beyond_doubles_range_is_infinite()
    {
        // One difference of 3e308, and differences that fit but whose norm, 1.5e308·√2, does not.
        Assert.Equal(double.PositiveInfinity, EuclideanDistance.Of([1.5e308], [-1.5e308]));
        Assert.Equal(double.PositiveInfinity, EuclideanDistance.Of([1.5e308, 1.5e308], [0.0, 0.0]));
        // Just inside: 1.2e308·√2 ≈ 1.697e308 < double.MaxValue.
        Assert.Equal(1.2e308 * Math.Sqrt(2), EuclideanDistance.Of([1.2e308, 0.0], [0.0, 1.2e308]), 1e293);
    }
}
