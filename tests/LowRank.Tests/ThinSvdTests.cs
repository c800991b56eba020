using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// The SVD is thin: cost and memory follow min(d, k), so very wide and very tall matrices factor in about the time it
/// takes to read them. MathNet's own SVD built a 100000×100000 V for a 1×100000 W (and failed).
/// </summary>
public class ThinSvdTests
{
    private const int Long = 100_000;

    private static Matrix<double> Row() => Gaussian.Random<double>(1, Long, seed: 4);

    // MathNet's FrobeniusNorm forms M·Mᵀ, 100000×100000 for a tall M.
    private static double Frobenius(Matrix<double> m) => Math.Sqrt(m.Enumerate().Sum(v => v * v));

    [Fact]
    public void A_1_by_100000_matrix_has_rank_1_and_sigma_1_equal_to_its_norm()
    {
        var w = Row();
        var norm = w.Row(0).L2Norm();

        Assert.Equal(1, MatrixRank.Of(w));
        Assert.Equal(1, MatrixRank.Of(w, 0.0));
        Assert.Equal(norm * Long * MachineEpsilon.Of<double>(), MatrixRank.DefaultTolerance(w), 1e-12 * norm);
        var factors = Truncation.Of(w, 1);
        Assert.Equal(norm, factors.SingularValues[0], 1e-12 * norm);
        Assert.Equal((1, 1), (factors.B.RowCount, factors.B.ColumnCount));
        Assert.Equal((1, Long), (factors.A.RowCount, factors.A.ColumnCount));
        Assert.True(Frobenius(w - factors.Reconstruct()) <= 1e-14 * norm);
    }

    [Fact]
    public void A_100000_by_1_matrix_factors_the_same_way_transposed()
    {
        var w = Row().Transpose();
        var factors = Truncation.Of(w, 1);
        Assert.Equal(w.Column(0).L2Norm(), factors.SingularValues[0], 1e-12 * factors.SingularValues[0]);
        Assert.Equal((Long, 1), (factors.B.RowCount, factors.B.ColumnCount));
        Assert.True(Frobenius(w - factors.Reconstruct()) <= 1e-14 * factors.SingularValues[0]);
        Assert.Equal(1, MatrixRank.Of(w));
    }

    [Fact]
    public void The_sweep_of_a_1_by_100000_matrix_has_one_exact_rank()
    {
        var w = Row();
        var x = Gaussian.RandomVector<double>(Long, seed: 5);
        var point = Assert.Single(RankSweep.Of(w, x, Gaussian.VectorOf<double>(1)));
        Assert.Equal(1, point.Rank);
        Assert.True(point.Error <= 1e-14 * Frobenius(w), $"error {point.Error:e3}");
        Assert.Equal(0, point.EckartYoung);
        Assert.Equal(1, point.EnergyKept);
        Assert.True(point.OutputError <= 1e-12 * Frobenius(w) * x.L2Norm(), $"output error {point.OutputError:e3}");
    }

    [Fact]
    public void Wide_and_tall_matrices_give_the_singular_values_of_their_transpose_and_reconstruct()
        => Gen.Select(Gen.Int[1, 9], Gen.Int[1, 9], Gen.Int[0, 1_000_000]).Sample((rows, extra, seed) =>
        {
            // A tall W goes through QR, a wide one through its transpose; both must agree with the other route.
            var tall = Gaussian.Random<double>(rows + extra, rows, seed);
            var fromTall = Truncation.Of(tall, rows);
            var fromWide = Truncation.Of(tall.Transpose(), rows);
            Assert.True((fromTall.SingularValues - fromWide.SingularValues).InfinityNorm() <= 1e-13 * fromTall.SingularValues[0]);
            Assert.True((tall - fromTall.Reconstruct()).FrobeniusNorm() <= 1e-13 * fromTall.SingularValues[0]);
            Assert.True((tall.Transpose() - fromWide.Reconstruct()).FrobeniusNorm() <= 1e-13 * fromTall.SingularValues[0]);
            // B's columns are orthogonal with lengths σ_i, so U = Q·U_R kept Q's orthonormality.
            var gram = fromTall.B.TransposeThisAndMultiply(fromTall.B);
            var expected = Matrix<double>.Build.DenseOfDiagonalVector(fromTall.SingularValues.PointwisePower(2));
            Assert.True((gram - expected).InfinityNorm() <= 1e-12 * fromTall.SingularValues[0] * fromTall.SingularValues[0]);
        }, iter: Shapes.Iterations);
}
