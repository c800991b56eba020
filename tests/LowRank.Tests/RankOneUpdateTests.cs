namespace LowRank.Tests;

/// <summary>The sweep's fused step: W_r = W_{r−1} + c·vᵀ rounded as the separate loop rounds it, and ‖W − W_r‖_F.</summary>
public class RankOneUpdateTests
{
    // Sizes around one and two times Vector<double>.Count (2, 4 or 8 lanes) so the paired vector steps and the scalar
    // tail both run, alone and together.
    public static TheoryData<int, int> Sizes => new() { { 1, 1 }, { 3, 2 }, { 7, 5 }, { 8, 3 }, { 12, 2 }, { 17, 9 }, { 33, 4 }, { 45,
        3 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Double_update_is_bit_identical_to_the_separate_loop_and_measures_the_distance(int d, int k)
        => UpdatesAndMeasures<double>(d, k, 1e-14);

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Float_update_is_bit_identical_to_the_separate_loop_and_measures_the_distance(int d, int k)
        => UpdatesAndMeasures<float>(d, k, 1e-14);

    private static void UpdatesAndMeasures<T>(int d, int k, double relative)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var original = Gaussian.Random<T>(d, k, d * 100 + k).ToColumnMajorArray();
        var approximation = Gaussian.Random<T>(d, k, 7).ToColumnMajorArray();
        var column = Gaussian.RandomVector<T>(d, 8).ToArray();
        var row = Gaussian.RandomVector<T>(k, 9).ToArray();

        // The separate loop RankSweep runs today, and the distance written out in double.
        var expected = (T[])approximation.Clone();
        var squares = 0.0;
        for (var j = 0; j < k; j++)
        {
            for (var i = 0; i < d; i++)
            {
                expected[j * d + i] += column[i] * row[j];
                var difference = double.CreateChecked(original[j * d + i]) - double.CreateChecked(expected[j * d + i]);
                squares += difference * difference;
            }
        }

        var distance = RankOneUpdate.AddAndMeasure<T>(approximation, original, column, row);

        Assert.Equal(expected, approximation);
        Assert.Equal(Math.Sqrt(squares), distance, Math.Sqrt(squares) * relative);
    }

    [Fact]
    public void Vector_body_and_scalar_tail_both_add_to_the_distance()
    {
        // One column of 3·Vector<double>.Count + 1 entries: a pair of vector steps, then the scalar tail. Differences of
        // 1 and 2 in the pair and of 3 and 100 in the tail give √(lanes·(1 + 4 + 9) + 10⁴) only if every part is added
        // (a wrong sign would still leave a positive sum that the fallback would not catch).
        var lanes = System.Numerics.Vector<double>.Count;
        var original = Enumerable.Repeat(1.0, lanes).Concat(Enumerable.Repeat(2.0, lanes)).Concat(Enumerable.Repeat(3.0,
            lanes)).Append(100.0).ToArray();
        var column = new double[original.Length];
        Assert.Equal(Math.Sqrt(lanes * 14.0 + 1e4), RankOneUpdate.AddAndMeasure<double>(new double[original.Length], original, column, [1]),
            12);
    }

    [Fact]
    public void Three_updates_give_the_distance_to_their_sum()
    {
        // W = diag(3, 2, 1) column-major; adding 3·e1e1ᵀ, 2·e2e2ᵀ, 1·e3e3ᵀ leaves √5, 1, 0.
        double[] original = [3, 0, 0, 0, 2, 0, 0, 0, 1];
        var approximation = new double[9];
        double[] e1 = [1, 0, 0], e2 = [0, 1, 0], e3 = [0, 0, 1];
        Assert.Equal(Math.Sqrt(5), RankOneUpdate.AddAndMeasure<double>(approximation, original, [3, 0, 0], e1), 15);
        Assert.Equal(1.0, RankOneUpdate.AddAndMeasure<double>(approximation, original, [0, 2, 0], e2), 15);
        Assert.Equal(0.0, RankOneUpdate.AddAndMeasure<double>(approximation, original, [0, 0, 1], e3));
        Assert.Equal(original, approximation);
    }

    [Theory]
    [InlineData(1e-200)]
    [InlineData(1e-160)]
    [InlineData(1e200)]
    public void Distances_whose_squares_leave_double_are_still_exact(double scale)
    {
        // (3, 4)·scale against 0: squares of 1e-160 are subnormal and of 1e-200 zero, squares of 1e200 overflow.
        double[] original = [3 * scale, 4 * scale];
        var approximation = new double[2];
        Assert.Equal(5.0, RankOneUpdate.AddAndMeasure<double>(approximation, original, [0, 0], [1]) / scale, 14);
    }

    [Fact]
    public void Tiny_float_distances_are_exact()
    {
        // Float differences of 1e-40 (subnormal in float, 1e-80 squared in double) are still summed correctly.
        float[] original = [3e-40f, 4e-40f];
        var approximation = new float[2];
        Assert.Equal(5e-40, RankOneUpdate.AddAndMeasure<float>(approximation, original, [0, 0], [1]), 1e-44);
    }

    [Fact]
    public void Sums_just_above_the_trusted_floor_take_the_fast_path_with_the_same_value()
    {
        // 2^-449 squared is 2^-898, just above the 2^-900 floor; the result must still be the exact distance.
        var entry = Math.ScaleB(1.0, -449);
        double[] original = [entry];
        Assert.Equal(entry, RankOneUpdate.AddAndMeasure<double>(new double[1], original, [0], [1]));
    }

    [Fact]
    public void The_fast_paths_sum_of_squares_is_the_sum_itself_in_float_and_double()
    {
        // W = (3, 4, 12) and W_r = 0 + (1, 1, 1)·1: the differences are 2, 3, 11 and their squares sum to 134.
        float[] approximationF = [0, 0, 0];
        Assert.Equal(134.0, RankOneUpdate.AddAndSumSquares<float>(approximationF, [3, 4, 12], [1, 1, 1], [1]));
        Assert.Equal([1f, 1f, 1f], approximationF);
        double[] approximation = [0, 0, 0];
        Assert.Equal(134.0, RankOneUpdate.AddAndSumSquares<double>(approximation, [3, 4, 12], [1, 1, 1], [1]));
        Assert.Equal([1.0, 1.0, 1.0], approximation);
    }

    [Fact]
    public void The_float_sum_of_squares_keeps_the_digits_float_would_lose()
    {
        // Differences of 1 + 2⁻²³ (a float) squared in double: 1 + 2⁻²² + 2⁻⁴⁶, which float would round to 1 + 2⁻²².
        var entry = 1 + MathF.Pow(2, -23);
        Assert.Equal(1 + Math.Pow(2, -22) + Math.Pow(2, -46), RankOneUpdate.AddAndSumSquares<float>(new float[1], [entry], [0], [1]));
    }
}

