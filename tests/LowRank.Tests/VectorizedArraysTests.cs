using MathNet.Numerics.Providers.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// The provider's entry-by-entry operations against MathNet's managed ones, bit for bit, at lengths around the vector width.
/// </summary>
public class VectorizedArraysTests
{
    private static readonly ManagedLinearAlgebraProvider Managed = ManagedLinearAlgebraProvider.Instance;
    private static readonly VectorizedLinearAlgebraProvider Vectorized = VectorizedLinearAlgebraProvider.Instance;

    public static TheoryData<int> Lengths => [0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 33, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float_sums_differences_products_and_scalings_are_the_managed_providers(int length)
    {
        var (x, y) = (Draw<float>(length, 1), Draw<float>(length, 2));
        Same<float>(r => Managed.AddArrays(x, y, r), r => Vectorized.AddArrays(x, y, r), length);
        Same<float>(r => Managed.SubtractArrays(x, y, r), r => Vectorized.SubtractArrays(x, y, r), length);
        Same<float>(r => Managed.PointWiseMultiplyArrays(x, y, r), r => Vectorized.PointWiseMultiplyArrays(x, y, r), length);
        foreach (var alpha in new[] { 0f, -0f, 1f, -1f, 0.3f, 2f / 3 })
        {
            Same<float>(r => Managed.ScaleArray(alpha, x, r), r => Vectorized.ScaleArray(alpha, x, r), length);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Double_sums_differences_products_and_scalings_are_the_managed_providers(int length)
    {
        var (x, y) = (Draw<double>(length, 3), Draw<double>(length, 4));
        Same<double>(r => Managed.AddArrays(x, y, r), r => Vectorized.AddArrays(x, y, r), length);
        Same<double>(r => Managed.SubtractArrays(x, y, r), r => Vectorized.SubtractArrays(x, y, r), length);
        Same<double>(r => Managed.PointWiseMultiplyArrays(x, y, r), r => Vectorized.PointWiseMultiplyArrays(x, y, r), length);
        foreach (var alpha in new[] { 0, 1, -1, 0.3, 2.0 / 3 })
        {
            Same<double>(r => Managed.ScaleArray(alpha, x, r), r => Vectorized.ScaleArray(alpha, x, r), length);
        }
    }

    [Fact]
    public void Each_entry_is_the_one_rounded_operation()
    {
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1e30f], y = [0.5f, -2, 1e-8f, 4, 5, 6, 7, 8, 9, 1e30f], r = new float[10];
        Vectorized.AddArrays(x, y, r);
        Assert.Equal([1.5f, 0, 3, 8, 10, 12, 14, 16, 18, 2e30f], r);
        Vectorized.SubtractArrays(x, y, r);
        Assert.Equal([0.5f, 4, 3, 0, 0, 0, 0, 0, 0, 0], r);
        Vectorized.PointWiseMultiplyArrays(x, y, r);
        Assert.Equal([0.5f, -4, 3e-8f, 16, 25, 36, 49, 64, 81, float.PositiveInfinity], r);
        Vectorized.ScaleArray(-2f, x, r);
        Assert.Equal([-2f, -4, -6, -8, -10, -12, -14, -16, -18, -2e30f], r);
        // In place, as MathNet's matrices call it for m.Add(other, m).
        Vectorized.AddArrays(x, x, x);
        Assert.Equal([2f, 4, 6, 8, 10, 12, 14, 16, 18, 2e30f], x);
    }

    [Fact]
    public void Wrong_lengths_are_rejected_as_the_managed_provider_rejects_them()
    {
        double[] three = new double[3], four = new double[4];
        Assert.Throws<ArgumentNullException>("y", () => Vectorized.AddArrays(three, null!, three));
        Assert.Throws<ArgumentNullException>("x", () => Vectorized.SubtractArrays(null!, three, three));
        Assert.Throws<ArgumentNullException>("result", () => Vectorized.PointWiseMultiplyArrays(three, three, null!));
        const string message = "All vectors must have the same dimensionality.";
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Vectorized.AddArrays(three, four, three)).Message);
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Vectorized.AddArrays(three, three, four)).Message);
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Vectorized.ScaleArray(2.0, three, four)).Message);
        Assert.Throws<ArgumentNullException>("x", () => Vectorized.ScaleArray(2.0, null!, four));
        Assert.Throws<ArgumentNullException>("result", () => Vectorized.ScaleArray(2.0, four, null!));
        Vectorized.ScaleArray(2.0, four, three);
    }

    private static T[] Draw<T>(int length, int seed)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Gaussian.RandomVector<T>(length, seed).ToArray();

    private static void Same<T>(Action<T[]> managed, Action<T[]> vectorized, int length)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var (expected, actual) = (new T[length], new T[length]);
        managed(expected);
        vectorized(actual);
        Assert.Equal(expected.Select(v => double.CreateChecked(v)).Select(BitConverter.DoubleToInt64Bits),
            actual.Select(v => double.CreateChecked(v)).Select(BitConverter.DoubleToInt64Bits));
    }
}
