using MathNet.Numerics.LinearAlgebra;
using static LowRank.Tests.PyTorchReference;

namespace LowRank.Tests;

/// <summary>
/// The PyTorch original end to end (tests/reference/pytorch-svd-notebook.py) through the library calls the notebooks make:
/// seed 0, a 10x10 W of rank 2 and the text PyTorch printed for it, bias and x, its SVD factors, outputs through W and B·A,
/// parameter counts. W's values at full precision are checked once, bit for bit, in <see cref="PyTorchRunTests"/>.
/// </summary>
public class OriginalNotebookTests
{
    private const int D = 10, K = 10, WRank = 2;

    [Fact]
    public void W_prints_exactly_the_rows_the_original_shows()
    {
        // _ = torch.manual_seed(0); W = torch.randn(d, W_rank) @ torch.randn(W_rank, k); print(W)
        var w = LowRankMatrix.Random(new TorchGenerator(0), D, K, WRank);
        var text = w.ToTorchString();
        Assert.StartsWith(PrintedW, text, StringComparison.Ordinal);
        Assert.EndsWith("]])", text, StringComparison.Ordinal);
        Assert.Equal("torch.Size([10, 10])", w.TorchShape());
    }

    [Fact]
    public void First_draw_of_bias_and_x_prints_the_fresh_run_output_in_scientific_notation()
    {
        // A fresh top-to-bottom run draws bias and x once; PyTorch's own run (tests/reference/pytorch-original.json) gives these output
        // values.
        var generator = new TorchGenerator(0);
        var w = LowRankMatrix.Random(generator, D, K, WRank);
        var (bias, x) = Draw(generator, 1);
        var output = (w * x) + bias;
        AssertPrinted(FirstDraw, output);

        // 11.1461 / 0.0082 > 1000, so PyTorch prints this vector in scientific notation, not as the list above:
        // the widest element (-1.1146e+01) is 11 characters, which leaves room for 5 per line: two lines.
        var text = output.ToTorchString();
        Assert.StartsWith("tensor([ 7.2684e+00,  2.3162e+00,  7.7151e+00, ", text, StringComparison.Ordinal);
        Assert.Contains("e-03", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));
    }

    [Fact]
    public void Second_draw_of_bias_and_x_prints_exactly_the_original_output()
    {
        var generator = new TorchGenerator(0);
        var w = LowRankMatrix.Random(generator, D, K, WRank);
        var (bias, x) = Draw(generator, 2);
        Assert.Equal(PrintedSecondOutput, ((w * x) + bias).ToTorchString());
    }

    [Fact]
    public void Reseeding_replays_the_whole_notebook()
    {
        var generator = new TorchGenerator(0);
        var w = LowRankMatrix.Random(generator, D, K, WRank);
        var first = Draw(generator, 1);
        generator.ManualSeed(0);
        Assert.Equal(w, LowRankMatrix.Random(generator, D, K, WRank));
        Assert.Equal(first, Draw(generator, 1));
    }

    [Fact]
    public void Rank_of_W_is_2_in_float_and_double()
    {
        // W_rank = np.linalg.matrix_rank(W)
        Assert.Equal(2, MatrixRank.Of(LowRankMatrix.Random(new TorchGenerator(0), D, K, WRank)));
        Assert.Equal(2, MatrixRank.Of(LowRankMatrix.Random<double>(new TorchGenerator(0), D, K, WRank)));
    }

    [Fact]
    public void Float_W_is_rank_2_only_up_to_rounding()
    {
        // Rounding the float product leaves σ_3 tiny but not zero: rank 2 is a statement about a tolerance.
        var floatS = Truncation.Of(LowRankMatrix.Random(new TorchGenerator(0), D, K, WRank), WRank).SingularValues;
        Assert.True(floatS[2] > 0, $"σ_3 = {floatS[2]:e3}");
        Assert.True(floatS[2] < 1e-5 * floatS[0], $"σ_3 / σ_1 = {floatS[2] / floatS[0]:e3}");
        Assert.True(floatS[2] < MatrixRank.DefaultTolerance(LowRankMatrix.Random(new TorchGenerator(0), D, K, WRank)));
        // Without a tolerance every one of those rounding-level singular values counts.
        Assert.Equal(10, MatrixRank.Of(LowRankMatrix.Random(new TorchGenerator(0), D, K, WRank), 0.0));

        var doubleS = Truncation.Of(LowRankMatrix.Random<double>(new TorchGenerator(0), D, K, WRank), WRank).SingularValues;
        Assert.True(doubleS[2] < 1e-14 * doubleS[0], $"σ_3 / σ_1 = {doubleS[2] / doubleS[0]:e3}");
        // Both precisions agree on the two singular values that matter.
        Assert.Equal(doubleS[0], floatS[0], 1e-5 * doubleS[0]);
        Assert.Equal(doubleS[1], floatS[1], 1e-5 * doubleS[0]);
    }

    [Fact]
    public void B_is_10_by_2_and_A_is_2_by_10()
    {
        // U, S, V = torch.svd(W); B = U_r @ S_r; A = V_r
        var w = LowRankMatrix.Random(new TorchGenerator(0), D, K, WRank);
        var factors = Truncation.Of(w.Svd(), WRank);
        Assert.Equal((10, 2), (factors.B.RowCount, factors.B.ColumnCount));
        Assert.Equal((2, 10), (factors.A.RowCount, factors.A.ColumnCount));
    }

    [Fact]
    public void Parameters_are_100_in_W_and_40_in_B_and_A()
    {
        var factors = Truncation.Of(LowRankMatrix.Random(new TorchGenerator(0), D, K, WRank), WRank);
        var count = ParameterCount.Of(factors);
        Assert.Equal(100, count.Full);
        Assert.Equal(40, count.LowRank);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Output_through_B_and_A_matches_the_original_output_in_float(int draw)
    {
        var generator = new TorchGenerator(0);
        var w = LowRankMatrix.Random(generator, D, K, WRank);
        var (bias, x) = Draw(generator, draw);
        var outputs = OutputComparison.Of(w, Truncation.Of(w, WRank), x, bias);
        var expected = draw == 1 ? FirstDraw : SecondDraw;
        AssertPrinted(expected, outputs.Full);
        AssertPrinted(expected, outputs.LowRank, OtherComputation);
        // The requirement is below 1e-4; float rounding of two 10-term paths puts it near 2.8e-6, so a value
        // outside [1e-7, 1e-5] means the outputs were computed differently (e.g. in double, or through a wrong B·A).
        Assert.True(outputs.Difference < 1e-4, $"‖y − y′‖ = {outputs.Difference:e3}");
        Assert.InRange(outputs.Difference, 1e-7, 1e-5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Output_through_B_and_A_matches_to_1e_12_in_double(int draw)
    {
        var generator = new TorchGenerator(0);
        var w = LowRankMatrix.Random<double>(generator, D, K, WRank);
        var (bias, x) = Draw(generator, draw);
        var outputs = OutputComparison.Of(w, Truncation.Of(w, WRank), ToDouble(x), ToDouble(bias));
        var expected = draw == 1 ? FirstDraw : SecondDraw;
        AssertPrinted(expected, outputs.LowRank.Map(v => (float)v), OtherComputation);
        Assert.True(outputs.Difference < 1e-12, $"‖y − y′‖ = {outputs.Difference:e3}");
    }

    [Fact]
    public void Sweep_of_W_drops_to_rounding_level_at_rank_2()
    {
        var generator = new TorchGenerator(0);
        var w = LowRankMatrix.Random<double>(generator, D, K, WRank);
        var (bias, x) = Draw(generator, 2);
        var sweep = RankSweep.Of(w, ToDouble(x), ToDouble(bias));
        Assert.True(sweep[0].RelativeError > 0.1, $"rank 1 relative error {sweep[0].RelativeError}");
        Assert.True(sweep[0].OutputError > 0.1, $"rank 1 output error {sweep[0].OutputError}");
        Assert.All(sweep.Skip(1), p => Assert.True(p.RelativeError < 1e-14 && p.OutputError < 1e-12, p.ToString()));
        Assert.Equal(1.0, sweep[1].EnergyKept, 1e-15);
    }

    private static (Vector<float> Bias, Vector<float> X) Draw(TorchGenerator generator, int draw)
    {
        // bias = torch.randn(d); x = torch.randn(d), run once (a fresh run) or twice (the rendered In [6]).
        var bias = generator.Randn(D);
        var x = generator.Randn(D);
        for (var i = 1; i < draw; i++)
        {
            bias = generator.Randn(D);
            x = generator.Randn(D);
        }
        return (bias, x);
    }

    private static Vector<double> ToDouble(Vector<float> v) => v.Map(f => (double)f);
}
