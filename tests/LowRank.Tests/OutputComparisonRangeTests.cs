using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// OutputComparison at the edges of float: which path overflowing is refused, and how the difference is measured when
/// it does not fit in float or when float and double would round it differently.
/// </summary>
public class OutputComparisonRangeTests
{
    private static Matrix<float> M(params double[][] rows) =>
        Matrix<float>.Build.DenseOfRowArrays(rows.Select(r => r.Select(v => (float)v).ToArray()));

    private static Vector<float> V(params double[] values) => Vector<float>.Build.Dense(values.Select(v => (float)v).ToArray());

    [Fact]
    public void Only_one_entry_of_the_full_output_overflowing_is_refused()
    {
        // y = W·x: 3e38 + 3e38 overflows in the first entry only; B·(A·x) is small everywhere.
        var w = M([3e38, 3e38], [1, 1]);
        var ex = Assert.Throws<ArgumentException>(() => OutputComparison.Of(w, M([1], [1]), M([1, 1]), V(1, 1), V(0, 0)));
        Assert.Equal("x", ex.ParamName);
        Assert.StartsWith("W·x + bias or B·(A·x) + bias overflows Single for this x: some value exceeds Single.MaxValue = 3.4028235E+38. " +
            "Scale x down or compare in double.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_entry_of_the_low_rank_output_overflowing_is_refused()
    {
        // W·x is small; B·(A·x) = (3e38·2, 1·2) overflows in its first entry only.
        var ex = Assert.Throws<ArgumentException>(
            () => OutputComparison.Of(M([1, 1], [1, 1]), M([3e38], [1]), M([1, 1]), V(1, 1), V(0, 0)));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("overflows Single", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_of_opposite_sign_near_floats_range_differ_by_their_exact_distance()
    {
        // y = 3e38 and y′ = −3e38 both fit in float; y − y′ = 6e38 does not, so it is measured in double.
        var outputs = OutputComparison.Of(M([3e38]), M([-3e38]), M([1]), V(1), V(0));
        Assert.Equal(2.0 * (double)3e38f, outputs.Difference);
    }

    [Fact]
    public void The_difference_is_taken_in_the_layers_own_precision_as_torch_norm_takes_it()
    {
        // y = 1 + 2⁻²³ and y′ = 1e-10: in float y − y′ rounds back to 1 + 2⁻²³ (1e-10 is below half an ulp of 1), as
        // torch.norm(output_W - output_BA) computes it in float32; in double it would be 1.00000011910929.
        var outputs = OutputComparison.Of(M([1 + Math.Pow(2, -23)]), M([1e-10]), M([1]), V(1), V(0));
        Assert.Equal(1 + Math.Pow(2, -23), outputs.Difference);
    }
}
