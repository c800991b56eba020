using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

public class OutputComparisonTests
{
    [Fact]
    public void Difference_vanishes_when_the_rank_kept_reaches_the_true_rank_in_float() => ExactAtTrueRank<float>();

    [Fact]
    public void Difference_vanishes_when_the_rank_kept_reaches_the_true_rank_in_double() => ExactAtTrueRank<double>();

    private static void ExactAtTrueRank<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var gen =
            from s in Shapes.WithRank
            from kept in Gen.Int[s.Rank, Math.Min(s.Rows, s.Cols)]
            select (s.Rows, s.Cols, TrueRank: s.Rank, Kept: kept, s.Seed);
        gen.Sample(s =>
        {
            var w = Gaussian.Product<T>(s.Rows, s.Cols, s.TrueRank, s.Seed);
            var x = Gaussian.RandomVector<T>(s.Cols, s.Seed + 2);
            var bias = Gaussian.RandomVector<T>(s.Rows, s.Seed + 3);
            var outputs = OutputComparison.Of(w, Truncation.Of(w, s.Kept), x, bias);
            var scale = w.FrobeniusNorm() * x.L2Norm() + bias.L2Norm();
            Assert.True(outputs.Difference <= Tolerances.Relative<T>() * scale,
                $"{s}: difference {outputs.Difference:e3}, scale {scale:e3}");
        }, iter: Shapes.Iterations);
    }

    [Fact]
    public void Dropping_sigma_3_of_diag_3_2_1_loses_exactly_the_third_output()
    {
        var w = Gaussian.Diagonal<double>(3, 2, 1);
        var outputs = OutputComparison.Of(w, Truncation.Of(w, 2), Gaussian.VectorOf<double>(1, 1, 1), Gaussian.VectorOf<double>(1, 2, 3));
        Assert.Equal([4.0, 4.0, 4.0], outputs.Full.ToArray());
        Assert.Equal(4.0, outputs.LowRank[0], 14);
        Assert.Equal(4.0, outputs.LowRank[1], 14);
        Assert.Equal(3.0, outputs.LowRank[2], 14);
        Assert.Equal(1.0, outputs.Difference, 14);
    }

    [Fact]
    public void Explicit_factors_of_a_rank_1_matrix_give_the_same_output()
    {
        // B = (1, 2)ᵀ, A = (3, 4): W = B·A = [[3, 4], [6, 8]]; x = (1, 1), b = (0.5, 0.5) → y = (7.5, 14.5).
        var b = Gaussian.Of<float>(new double[,] { { 1 }, { 2 } });
        var a = Gaussian.Of<float>(new double[,] { { 3, 4 } });
        var w = Gaussian.Of<float>(new double[,] { { 3, 4 }, { 6, 8 } });
        var outputs = OutputComparison.Of(w, b, a, Gaussian.VectorOf<float>(1, 1), Gaussian.VectorOf<float>(0.5, 0.5));
        Assert.Equal([7.5f, 14.5f], outputs.Full.ToArray());
        Assert.Equal([7.5f, 14.5f], outputs.LowRank.ToArray());
        Assert.Equal(0.0, outputs.Difference);
    }

    [Fact]
    public void Rectangular_layer_maps_k_inputs_to_d_outputs()
    {
        // 2x3 W of rank 1: W = (1, 1)ᵀ·(1, 2, 3); x = (1, 0, 1) → W·x = (4, 4).
        var w = Gaussian.Of<double>(new double[,] { { 1, 2, 3 }, { 1, 2, 3 } });
        var outputs = OutputComparison.Of(w, Truncation.Of(w, 1), Gaussian.VectorOf<double>(1, 0, 1), Vector<double>.Build.Dense(2));
        Assert.Equal([4.0, 4.0], outputs.Full.ToArray());
        Assert.Equal(4.0, outputs.LowRank[0], 13);
        Assert.Equal(4.0, outputs.LowRank[1], 13);
        Assert.True(outputs.Difference < 1e-13);
    }
}
