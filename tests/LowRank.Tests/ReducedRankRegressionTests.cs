using MathNet.Numerics.LinearAlgebra;
using static LowRank.Tests.Rejects;

namespace LowRank.Tests;

/// <summary>
/// The minimiser of a LoRA layer's training loss over rank-r updates: Eckart–Young's truncated SVD when X·Xᵀ = n·I, the
/// exact update when it has rank r, and no rank-r neighbour does better. (Against PyTorch's least-squares route:
/// <see cref="LoraPyTorchRunTests"/>.)
/// </summary>
public class ReducedRankRegressionTests
{
    // Sylvester's construction: H·Hᵀ = n·I for n a power of 2, so k of its rows are inputs with X·Xᵀ = n·I.
    private static Matrix<double> Hadamard(int n)
    {
        if (n == 1)
        {
            return Matrix<double>.Build.Dense(1, 1, 1.0);
        }
        var h = Hadamard(n / 2);
        return Matrix<double>.Build.DenseOfMatrixArray(new[,] { { h, h }, { h, -h } });
    }

    private static double Loss(Matrix<double> w0, Matrix<double> delta, Matrix<double> x, Matrix<double> y) =>
        (((w0 + delta) * x) - y).Enumerate().Average(v => v * v);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void With_inputs_whose_XXt_is_n_I_the_optimum_is_Eckart_Youngs(int rank)
    {
        int d = 7, k = 6, n = 16;
        var x = Hadamard(n).SubMatrix(0, k, 0, n);
        var w0 = Gaussian.Random<double>(d, k, seed: 1);
        var target = Gaussian.Random<double>(d, k, seed: 2);
        var fit = ReducedRankRegression.Of(w0, x, (w0 + target) * x, rank);

        // Eckart–Young: the best rank-r distance is √(Σ σ_i² over i > r), from Math.NET's SVD of the target directly.
        var sigma = target.Svd(computeVectors: false).S;
        var eckartYoung = Math.Sqrt(sigma.Skip(rank).Sum(s => s * s));
        Assert.Equal(eckartYoung, (fit.Delta - target).FrobeniusNorm(), 1e-12);
        // The loss is ‖(ΔW − ΔW*)·X‖²/(d·n) = n·‖ΔW − ΔW*‖²/(d·n).
        Assert.Equal(eckartYoung * eckartYoung / d, fit.Loss, 1e-12);
        Assert.Equal(rank, fit.Rank);
        Assert.Equal(rank, MatrixRank.Of(fit.Delta));
    }

    [Fact]
    public void An_update_of_rank_r_is_recovered_exactly_whatever_the_inputs()
    {
        int d = 8, k = 5, n = 12;
        var x = Gaussian.Random<double>(k, n, seed: 3);
        var w0 = Gaussian.Random<double>(d, k, seed: 4);
        var target = Gaussian.Product<double>(d, k, 2, seed: 5);
        var fit = ReducedRankRegression.Of(w0, x, (w0 + target) * x, rank: 2);

        Assert.True((fit.Delta - target).FrobeniusNorm() < 1e-12 * target.FrobeniusNorm(),
            $"‖ΔW − ΔW*‖ = {(fit.Delta - target).FrobeniusNorm():e2}");
        Assert.True(fit.Loss < 1e-26, $"loss {fit.Loss:e2}");
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 11)]
    [InlineData(3, 12)]
    public void No_nearby_update_of_the_same_rank_has_a_lower_loss(int rank, int seed)
    {
        // Inputs of unequal scales, so the optimum differs from Eckart–Young's.
        int d = 6, k = 5, n = 9;
        var x = Matrix<double>.Build.DenseOfDiagonalArray([3.0, 2.0, 1.0, 0.5, 0.25]) * Gaussian.Random<double>(k, n, seed: seed);
        var w0 = Gaussian.Random<double>(d, k, seed: seed + 1);
        var y = Gaussian.Random<double>(d, n, seed: seed + 2);
        var fit = ReducedRankRegression.Of(w0, x, y, rank);
        Assert.Equal(Loss(w0, fit.Delta, x, y), fit.Loss, 1e-13);

        // Every rank-r matrix near ΔW is B'·A' for B', A' near ΔW's own factors.
        var factors = Truncation.Of(fit.Delta, rank);
        for (var trial = 0; trial < 50; trial++)
        {
            var b = factors.B + (1e-3 * Gaussian.Random<double>(d, rank, seed: 100 + trial));
            var a = factors.A + (1e-3 * Gaussian.Random<double>(rank, k, seed: 200 + trial));
            Assert.True(Loss(w0, b * a, x, y) >= fit.Loss, $"trial {trial}: {Loss(w0, b * a, x, y):R} < {fit.Loss:R}");
        }
        // And Eckart–Young's truncation of the least-squares solution, a natural guess, is worse here.
        var leastSquares = (y - (w0 * x)).TransposeAndMultiply(x) * (x.TransposeAndMultiply(x)).Inverse();
        Assert.True(Loss(w0, Truncation.Of(leastSquares, rank).Reconstruct(), x, y) > fit.Loss);
    }

    [Fact]
    public void Float_inputs_are_solved_in_double()
    {
        var x = Hadamard(8).SubMatrix(0, 4, 0, 8).Map(v => (float)v);
        var w0 = Gaussian.Random<float>(3, 4, seed: 6);
        var target = Gaussian.Product<float>(3, 4, 1, seed: 7);
        var fit = ReducedRankRegression.Of(w0, x, (w0 + target) * x, rank: 1);
        Assert.True((fit.Delta - target.Map(v => (double)v)).FrobeniusNorm() < 1e-6, "float's rounding of Y is all that is left");
    }

    [Fact]
    public void Bad_arguments_are_rejected_by_name()
    {
        var w0 = Gaussian.Random<double>(3, 2, seed: 1);
        var x = Gaussian.Random<double>(2, 4, seed: 2);
        var y = Gaussian.Random<double>(3, 4, seed: 3);
        Throws<ArgumentNullException>(() => ReducedRankRegression.Of(null!, x, y, 1), "w0");
        Throws<ArgumentNullException>(() => ReducedRankRegression.Of(w0, null!, y, 1), "x");
        Throws<ArgumentNullException>(() => ReducedRankRegression.Of(w0, x, null!, 1), "y");
        Throws<ArgumentException>(() => ReducedRankRegression.Of(w0, Gaussian.Random<double>(3, 4, seed: 2), y, 1), "x",
            "x must have 2 rows (the columns of the 3x2 w0), but is 3x4");
        Throws<ArgumentException>(() => ReducedRankRegression.Of(w0, x, Gaussian.Random<double>(3, 5, seed: 3), 1), "y", "y must be 3x4",
            "but is 3x5");
        Throws<ArgumentOutOfRangeException>(() => ReducedRankRegression.Of(w0, x, y, 0), "rank", "between 1 and min(rows, cols) = 2",
            "but was 0");
        Throws<ArgumentOutOfRangeException>(() => ReducedRankRegression.Of(w0, x, y, 3), "rank", "but was 3");
        var nan = x.Clone();
        nan[1, 2] = double.NaN;
        Throws<ArgumentException>(() => ReducedRankRegression.Of(w0, nan, y, 1), "x", "x[1, 2] is NaN");
        var infinite = y.Clone();
        infinite[0, 0] = double.PositiveInfinity;
        Throws<ArgumentException>(() => ReducedRankRegression.Of(w0, x, infinite, 1), "y", "y[0, 0] is");
        Throws<ArgumentException>(() => ReducedRankRegression.Of(Matrix<double>.Build.Dense(3, 0), Matrix<double>.Build.Dense(0, 4), y, 1),
            "w0", "at least one row and one column");
    }

    [Fact]
    public void Inputs_without_full_row_rank_are_rejected_since_the_optimum_is_not_unique()
    {
        var w0 = Gaussian.Random<double>(3, 2, seed: 1);
        var y = Gaussian.Random<double>(3, 4, seed: 3);
        var repeated = Matrix<double>.Build.DenseOfRowArrays([1.0, 2, 3, 4], [2.0, 4, 6, 8]);
        Throws<ArgumentException>(() => ReducedRankRegression.Of(w0, repeated, y, 1), "x",
            "x (2x4) has rank 1, but must have full row rank 2");
        // Fewer examples than inputs: n = 1 < k = 2.
        Throws<ArgumentException>(() => ReducedRankRegression.Of(w0, Gaussian.Random<double>(2, 1, seed: 2), y.SubMatrix(0, 3, 0, 1), 1),
            "x", "has rank 1");
        Throws<ArgumentException>(() => ReducedRankRegression.Of(w0, x: Matrix<double>.Build.Dense(2, 4), y, 1), "x", "has rank 0");
    }

    [Fact]
    public void Targets_that_overflow_double_after_subtracting_W0_X_are_rejected()
    {
        var w0 = Matrix<double>.Build.DenseOfRowArrays([1e300, 0], [0, 1]);
        var x = Matrix<double>.Build.DenseOfRowArrays([1e10, 0], [0, 1]);
        Throws<ArgumentException>(() => ReducedRankRegression.Of(w0, x, Matrix<double>.Build.DenseIdentity(2), 1), "y", "overflows double");
    }
}
