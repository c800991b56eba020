namespace LowRank.Tests;

public class LowRankMatrixTests
{
    [Fact]
    public void Draws_the_left_factor_then_the_right_factor_like_the_torch_expression()
    {
        // torch.randn(d, r) @ torch.randn(r, k): the same generator calls made by hand give the same matrix.
        var byHand = new TorchGenerator(5);
        var expected = byHand.Randn(7, 3) * byHand.Randn(3, 4);
        var generator = new TorchGenerator(5);
        Assert.Equal(expected, LowRankMatrix.Random(generator, 7, 4, 3));
        Assert.Equal(byHand.Randn(5), generator.Randn(5));
    }

    [Fact]
    public void Double_variant_uses_the_same_draws_and_differs_from_float_only_by_rounding()
    {
        var single = LowRankMatrix.Random(new TorchGenerator(3), 6, 8, 2);
        var dbl = LowRankMatrix.Random<double>(new TorchGenerator(3), 6, 8, 2);
        Assert.Equal((6, 8), (dbl.RowCount, dbl.ColumnCount));
        var diff = (dbl - single.Map(v => (double)v)).InfinityNorm();
        Assert.True(diff > 0 || single.Enumerate().All(v => v == 0), "double product should not be rounded to float");
        Assert.True(diff < 1e-6 * dbl.InfinityNorm(), $"difference {diff:e3}");
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(10, 10, 2)]
    [InlineData(12, 5, 5)]
    [InlineData(3, 20, 2)]
    public void Has_the_requested_shape_and_rank(int rows, int cols, int rank)
    {
        var w = LowRankMatrix.Random(new TorchGenerator(1), rows, cols, rank);
        Assert.Equal((rows, cols), (w.RowCount, w.ColumnCount));
        Assert.Equal(rank, MatrixRank.Of(w));
        Assert.Equal(rank, MatrixRank.Of(LowRankMatrix.Random<double>(new TorchGenerator(1), rows, cols, rank)));
    }
}
