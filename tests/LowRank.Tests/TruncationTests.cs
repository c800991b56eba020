using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

public class TruncationTests
{
    [Fact]
    public void Factors_have_shapes_d_by_r_and_r_by_k_in_float() => FactorShapes<float>();

    [Fact]
    public void Factors_have_shapes_d_by_r_and_r_by_k_in_double() => FactorShapes<double>();

    private static void FactorShapes<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Shapes.WithRank.Sample(s =>
        {
            var factors = Truncation.Of(Gaussian.Random<T>(s.Rows, s.Cols, s.Seed), s.Rank);
            Assert.Equal((s.Rows, s.Rank), (factors.B.RowCount, factors.B.ColumnCount));
            Assert.Equal((s.Rank, s.Cols), (factors.A.RowCount, factors.A.ColumnCount));
            Assert.Equal(Math.Min(s.Rows, s.Cols), factors.SingularValues.Count);
        }, iter: Shapes.Iterations);

    [Fact]
    public void Full_rank_truncation_reconstructs_W_in_float() => FullRankReconstructs<float>();

    [Fact]
    public void Full_rank_truncation_reconstructs_W_in_double() => FullRankReconstructs<double>();

    private static void FullRankReconstructs<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Shapes.WithRank.Sample(s =>
        {
            var w = Gaussian.Random<T>(s.Rows, s.Cols, s.Seed);
            var factors = Truncation.Of(w, Math.Min(s.Rows, s.Cols));
            var error = (w - factors.Reconstruct()).FrobeniusNorm();
            Assert.True(error <= Tolerances.Relative<T>() * w.FrobeniusNorm(),
                $"{s}: ‖W − B·A‖_F = {error:e3}, ‖W‖_F = {w.FrobeniusNorm():e3}");
        }, iter: Shapes.Iterations);

    [Fact]
    public void Truncating_a_full_rank_gaussian_matrix_gives_a_matrix_of_exactly_that_rank()
        => Shapes.WithRank.Sample(s =>
            Assert.Equal(s.Rank, MatrixRank.Of(Truncation.Of(Gaussian.Random<double>(s.Rows, s.Cols, s.Seed), s.Rank).Reconstruct())),
            iter: Shapes.Iterations);

    [Fact]
    public void A_has_orthonormal_rows() => Shapes.WithRank.Sample(s =>
    {
        var a = Truncation.Of(Gaussian.Random<double>(s.Rows, s.Cols, s.Seed), s.Rank).A;
        var gram = a * a.Transpose();
        Assert.True((gram - Matrix<double>.Build.DenseIdentity(s.Rank)).InfinityNorm() < 1e-12, $"{s}: A·Aᵀ = {gram}");
    }, iter: Shapes.Iterations);

    [Fact]
    public void Diag_3_2_1_at_rank_2_drops_the_smallest_singular_value()
    {
        var factors = Truncation.Of(Gaussian.Diagonal<double>(3, 2, 1), 2);
        Assert.Equal([3.0, 2.0, 1.0], factors.SingularValues.ToArray());
        var expected = Gaussian.Diagonal<double>(3, 2, 0);
        Assert.True((factors.Reconstruct() - expected).FrobeniusNorm() < 1e-14, factors.Reconstruct().ToString());
        // B = U_r·S_r carries the singular values: its column norms are σ_1, σ_2.
        Assert.Equal(3.0, factors.B.Column(0).L2Norm(), 14);
        Assert.Equal(2.0, factors.B.Column(1).L2Norm(), 14);
    }

    [Fact]
    public void Rank_1_of_a_known_outer_product_is_exact()
    {
        // W = u vᵀ with u = (1, 2), v = (3, 4, 0): σ_1 = ‖u‖·‖v‖ = √5 · 5.
        var w = Gaussian.Of<double>(new double[,] { { 3, 4, 0 }, { 6, 8, 0 } });
        var factors = Truncation.Of(w, 1);
        Assert.Equal(5 * Math.Sqrt(5), factors.SingularValues[0], 1e-14 * 5 * Math.Sqrt(5));
        Assert.True((factors.Reconstruct() - w).FrobeniusNorm() < 1e-13);
    }

    [Fact]
    public void Precomputed_svd_truncates_to_the_same_factors()
    {
        var w = Gaussian.Random<float>(6, 4, 7);
        var svd = w.Svd();
        var fromSvd = Truncation.Of(svd, 2);
        var fromW = Truncation.Of(w, 2);
        // Singular vectors are unique only up to sign, and W's thin SVD (through QR) may pick other signs than MathNet's
        // full one: B·A is what both must agree on.
        Assert.True((fromW.Reconstruct() - fromSvd.Reconstruct()).FrobeniusNorm() < 1e-5,
            $"B·A: {fromW.Reconstruct()} vs {fromSvd.Reconstruct()}");
        Assert.True((fromW.SingularValues - fromSvd.SingularValues).L2Norm() < 1e-5);
    }

    [Fact]
    public void Factors_do_not_share_storage_with_the_svd()
    {
        var svd = Gaussian.Random<double>(4, 4, 3).Svd();
        var factors = Truncation.Of(svd, 2);
        var before = factors.Reconstruct();
        svd.U.Clear();
        svd.S.Clear();
        Assert.Equal(before, factors.Reconstruct());
        Assert.NotEqual(0.0, factors.SingularValues[0]);
    }

    [Theory]
    [InlineData(1e-200)]
    [InlineData(1e200)]
    public void Extreme_scales_in_double_factor_correctly(double scale)
    {
        // MathNet's own SVD gives wrong singular values at 1e-200 and does not converge at 1e200.
        var w = scale * Gaussian.Diagonal<double>(3, 2, 1);
        var factors = Truncation.Of(w, 3);
        Assert.Equal([3.0, 2.0, 1.0], factors.SingularValues.Select(s => s / scale).ToArray());
        Assert.True((w - factors.Reconstruct()).FrobeniusNorm() <= 1e-14 * scale);
    }

    [Theory]
    [InlineData(1e-30f)]
    [InlineData(1e30f)]
    public void Extreme_scales_in_float_factor_correctly(float scale)
    {
        var w = Gaussian.Random<float>(5, 4, 11) * scale;
        var factors = Truncation.Of(w, 4);
        Assert.True((w - factors.Reconstruct()).FrobeniusNorm() <= 1e-5 * w.FrobeniusNorm(), factors.SingularValues.ToString());
    }

    [Fact]
    public void Deconstructs_into_B_and_A()
    {
        var factors = Truncation.Of(Gaussian.Random<double>(5, 3, 9), 2);
        var (b, a) = factors;
        Assert.Equal(factors.B, b);
        Assert.Equal(factors.A, a);
    }

    [Fact]
    public void Factoring_W_itself_works_where_MathNets_own_Svd_does_not_converge()
    {
        // w_ij = (−1)^(i+j)·(i + 1)·(j + 2)·1e36 is u·vᵀ with ‖u‖ = √30·1e36 and ‖v‖ = √29: rank 1, σ₁ = √870·1e36.
        var w = Matrix<float>.Build.Dense(4, 3, (i, j) => (i + 1) * (j + 2) * 1e36f * ((i + j) % 2 == 0 ? 1 : -1));
        Assert.Throws<MathNet.Numerics.NonConvergenceException>(() => w.Svd());

        var factors = Truncation.Of(w, 1);

        Assert.Equal(Math.Sqrt(870) * 1e36, factors.SingularValues[0], Math.Sqrt(870) * 1e36 * 1e-6);
        Assert.True(factors.SingularValues[1] < 1e31, $"σ₂ = {factors.SingularValues[1]}");
        // In double: float's own norm squares the entries and overflows.
        var w64 = w.Map(v => (double)v);
        var error = (factors.Reconstruct().Map(v => (double)v) - w64).FrobeniusNorm() / w64.FrobeniusNorm();
        Assert.True(error < 1e-6, $"relative error {error}");
    }
}
