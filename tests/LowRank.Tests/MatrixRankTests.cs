using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

public class MatrixRankTests
{
    [Fact]
    public void Product_of_gaussian_factors_has_the_inner_dimension_as_rank_in_float()
        => ProductRankIsInnerDimension<float>();

    [Fact]
    public void Product_of_gaussian_factors_has_the_inner_dimension_as_rank_in_double()
        => ProductRankIsInnerDimension<double>();

    private static void ProductRankIsInnerDimension<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Shapes.WithRank.Sample(s =>
            Assert.Equal(s.Rank, MatrixRank.Of(Gaussian.Product<T>(s.Rows, s.Cols, s.Rank, s.Seed))),
            iter: Shapes.Iterations);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 2)]
    public void Zero_matrix_has_rank_0(int rows, int cols)
    {
        Assert.Equal(0, MatrixRank.Of(Matrix<float>.Build.Dense(rows, cols)));
        Assert.Equal(0, MatrixRank.Of(Matrix<double>.Build.Dense(rows, cols)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(10)]
    public void Identity_has_full_rank(int n)
    {
        Assert.Equal(n, MatrixRank.Of(Matrix<float>.Build.DenseIdentity(n)));
        Assert.Equal(n, MatrixRank.Of(Matrix<double>.Build.DenseIdentity(n)));
    }

    [Fact]
    public void Default_tolerance_is_largest_singular_value_times_larger_dimension_times_machine_epsilon()
    {
        // diag(3, 2, 1) padded to 3x5: σ_max = 3, max(m, n) = 5.
        var w = Matrix<double>.Build.Dense(3, 5);
        w[0, 0] = 3; w[1, 1] = 2; w[2, 2] = 1;
        Assert.Equal(3 * 5 * Math.Pow(2, -52), MatrixRank.DefaultTolerance(w), 1e-28);
        Assert.Equal(3 * 5 * Math.Pow(2, -23), MatrixRank.DefaultTolerance(w.Map(v => (float)v)), 1e-12);
    }

    [Fact]
    public void Machine_epsilon_is_the_rounding_unit_not_the_smallest_subnormal()
    {
        Assert.Equal(Math.Pow(2, -23), MachineEpsilon.Of<float>());
        Assert.Equal(Math.Pow(2, -52), MachineEpsilon.Of<double>());
    }

    [Fact]
    public void Ones_plus_1e_8_identity_is_full_rank_in_double_but_rank_1_in_float()
    {
        // Eigenvalues 3 + 1e-8, 1e-8, 1e-8: double resolves the perturbation (tolerance ≈ 2e-15);
        // float cannot even store 1 + 1e-8 (ε ≈ 1.2e-7), so what is left is the rank-1 ones matrix.
        var w = Matrix<double>.Build.Dense(3, 3, 1.0) + 1e-8 * Matrix<double>.Build.DenseIdentity(3);
        Assert.Equal(3, MatrixRank.Of(w));
        Assert.Equal(1, MatrixRank.Of(w.Map(v => (float)v)));
    }

    [Fact]
    public void A_1e_8_singular_value_stored_exactly_counts_in_double_but_is_below_float_tolerance()
    {
        // float stores 1e-8 exactly enough, but NumPy's float tolerance 1 · 2 · 2^-23 ≈ 2.4e-7 calls it noise.
        Assert.Equal(2, MatrixRank.Of(Gaussian.Diagonal<double>(1, 1e-8)));
        Assert.Equal(1, MatrixRank.Of(Gaussian.Diagonal<float>(1, 1e-8)));
    }

    [Fact]
    public void Explicit_tolerance_counts_singular_values_strictly_above_it()
    {
        var w = Gaussian.Diagonal<double>(3, 2, 1);
        Assert.Equal(3, MatrixRank.Of(w, 0.0));
        Assert.Equal(2, MatrixRank.Of(w, 1.0));
        Assert.Equal(1, MatrixRank.Of(w, 2.5));
        Assert.Equal(1, MatrixRank.Of(Matrix<double>.Build.Dense(3, 3, 1.0) + 1e-8 * Matrix<double>.Build.DenseIdentity(3), 1e-6));
    }

    [Theory]
    [InlineData(1e-200)]
    [InlineData(1e200)]
    public void Rank_does_not_depend_on_scale(double scale)
    {
        Assert.Equal(3, MatrixRank.Of(scale * Matrix<double>.Build.DenseIdentity(3)));
        Assert.Equal(2, MatrixRank.Of(scale * Gaussian.Product<double>(5, 6, 2, 42)));
    }
}
