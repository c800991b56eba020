using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// The PyTorch original end to end (reference/pytorch-svd-notebook.txt) through the library calls the notebooks make:
/// seed 0, a 10x10 W of rank 2, its SVD factors, outputs through W and B·A, parameter counts.
/// </summary>
public class OriginalNotebookTests
{
    private const int D = 10, K = 10, WRank = 2;

    // Printed values have 4 decimals; half a unit of the last digit plus float slack.
    private const double Printed = 0.00005 + 1e-6;

    // "Output using W" for the first draw of bias and x after W (a fresh run), and for the second (the rendered In [6]).
    private static readonly double[] FirstDraw = [7.2684, 2.3162, 7.7151, -10.4455, -0.0082, -3.7270, -11.1461, 2.0207, -9.6258, -4.1163];
    private static readonly double[] SecondDraw = [-4.2808, -1.2647, 2.9707, -0.9784, 0.9193, 3.5211, 5.3049, 5.5870, 1.8145, 4.7644];

    [Fact]
    public void W_is_the_original_matrix()
    {
        var w = LowRankMatrix.Random(new TorchGenerator(0), D, K, WRank);
        double[] firstRow = [-1.0797, 0.5545, 0.8058, -0.7140, -0.1518, 1.0773, 2.3690, 0.8486, -1.1825, -3.2632];
        double[] lastRowStart = [0.9088];
        AssertPrinted(firstRow, w.Row(0));
        AssertPrinted(lastRowStart, w.Row(9).SubVector(0, 1));
        Assert.Equal(1.4157, w[6, 0], Printed);
        Assert.Equal(4.2447, w[6, 9], Printed);
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
        AssertPrinted(expected, outputs.LowRank);
        Assert.True(outputs.Difference < 1e-4, $"‖y − y′‖ = {outputs.Difference:e3}");
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
        AssertPrinted(expected, outputs.LowRank.Map(v => (float)v));
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

    private static void AssertPrinted(double[] expected, Vector<float> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= Printed, $"[{i}] = {actual[i]:R}, expected {expected[i]:F4}");
        }
    }
}
