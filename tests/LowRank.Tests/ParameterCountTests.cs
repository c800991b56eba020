namespace LowRank.Tests;

public class ParameterCountTests
{
    [Theory]
    [InlineData(10, 10, 2, 100L, 40L)]                 // the original notebook
    [InlineData(4096, 4096, 8, 16_777_216L, 65_536L)]  // a 7B-class attention projection at LoRA's common r = 8
    [InlineData(768, 768, 4, 589_824L, 6_144L)]        // a BERT-base projection
    [InlineData(4096, 11008, 16, 45_088_768L, 241_664L)] // a LLaMA-7B MLP projection, rectangular
    [InlineData(1, 1, 1, 1L, 2L)]
    public void Counts_full_and_factored_parameters(int rows, int cols, int rank, long full, long lowRank)
    {
        var count = ParameterCount.Of(rows, cols, rank);
        Assert.Equal(full, count.Full);
        Assert.Equal(lowRank, count.LowRank);
    }

    [Fact]
    public void Ten_by_ten_at_rank_2_needs_40_percent()
    {
        var count = ParameterCount.Of(10, 10, 2);
        Assert.Equal(60, count.Saved);
        Assert.Equal(0.4, count.LowRankFraction, 15);
    }

    [Fact]
    public void Factors_can_cost_more_than_W_and_saved_goes_negative()
    {
        var count = ParameterCount.Of(10, 10, 9);
        Assert.Equal(180, count.LowRank);
        Assert.Equal(-80, count.Saved);
        Assert.Equal(1.8, count.LowRankFraction, 15);
    }

    [Fact]
    public void Counts_beyond_int_range_do_not_overflow()
    {
        // 50,000² = 2.5e9 > int.MaxValue; r·(d + k) = 50,000 · 100,000 = 5e9.
        var count = ParameterCount.Of(50_000, 50_000, 50_000);
        Assert.Equal(2_500_000_000L, count.Full);
        Assert.Equal(5_000_000_000L, count.LowRank);
    }

    [Fact]
    public void Counts_factors_from_a_truncation()
    {
        // 6x9 at rank 3: W has 6·9 = 54 parameters, B (6x3) and A (3x9) have 18 + 27 = 45.
        var count = ParameterCount.Of(Truncation.Of(Gaussian.Random<float>(6, 9, 1), 3));
        Assert.Equal((6, 9, 3), (count.Rows, count.Columns, count.Rank));
        Assert.Equal(54, count.Full);
        Assert.Equal(45, count.LowRank);
    }
}
