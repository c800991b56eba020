using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// The random part of the PyTorch original (reference/pytorch-svd-notebook.txt): seeding, W, bias and x, and the
/// printed text, compared with what the original printed.
/// </summary>
public class OriginalNotebookGeneratorTests
{
    // In [2] of the original: print(W) shows rows 0..8 and the start of row 9 (the rendered output is cut there).
    private const string PrintedW =
        "tensor([[-1.0797,  0.5545,  0.8058, -0.7140, -0.1518,  1.0773,  2.3690,  0.8486,\n" +
        "         -1.1825, -3.2632],\n" +
        "        [-0.3303,  0.2283,  0.4145, -0.1924, -0.0215,  0.3276,  0.7926,  0.2233,\n" +
        "         -0.3422, -0.9614],\n" +
        "        [-0.5256,  0.9864,  2.4447, -0.0290,  0.2305,  0.5000,  1.9831, -0.0311,\n" +
        "         -0.3369, -1.1376],\n" +
        "        [ 0.7900, -1.1336, -2.6746,  0.1988, -0.1982, -0.7634, -2.5763, -0.1696,\n" +
        "          0.6227,  1.9294],\n" +
        "        [ 0.1258,  0.1458,  0.5090,  0.1768,  0.1071, -0.1327, -0.0323, -0.2294,\n" +
        "          0.2079,  0.5128],\n" +
        "        [ 0.7697,  0.0050,  0.5725,  0.6870,  0.2783, -0.7818, -1.2253, -0.8533,\n" +
        "          0.9765,  2.5786],\n" +
        "        [ 1.4157, -0.7814, -1.2121,  0.9120,  0.1760, -1.4108, -3.1692, -1.0791,\n" +
        "          1.5325,  4.2447],\n" +
        "        [-0.0119,  0.6050,  1.7245,  0.2584,  0.2528, -0.0086,  0.7198, -0.3620,\n" +
        "          0.1865,  0.3410],\n" +
        "        [ 1.0485, -0.6394, -1.0715,  0.6485,  0.1046, -1.0427, -2.4174, -0.7615,\n" +
        "          1.1147,  3.1054],\n" +
        "        [ 0.9088,  ";

    // In [6] of the original, which was the second run of that cell (In [5] drew bias and x once before).
    private const string PrintedSecondOutput =
        "tensor([-4.2808, -1.2647,  2.9707, -0.9784,  0.9193,  3.5211,  5.3049,  5.5870,\n" +
        "         1.8145,  4.7644])";

    private const double PrintedTolerance = 0.00005 + 1e-9;

    private static (TorchGenerator Generator, Matrix<float> W) DrawW()
    {
        // _ = torch.manual_seed(0); W = torch.randn(d, W_rank) @ torch.randn(W_rank, k)
        var generator = new TorchGenerator(0);
        var w = generator.Randn(10, 2) * generator.Randn(2, 10);
        return (generator, w);
    }

    private static Vector<float> DrawOutput(TorchGenerator generator, Matrix<float> w)
    {
        // bias = torch.randn(d); x = torch.randn(d); output_W = W @ x + bias
        var bias = generator.Randn(10);
        var x = generator.Randn(10);
        return (w * x) + bias;
    }

    [Fact]
    public void W_prints_exactly_the_rows_the_original_shows()
    {
        var (_, w) = DrawW();
        var text = TorchFormat.Format(w);
        Assert.StartsWith(PrintedW, text, StringComparison.Ordinal);
        Assert.EndsWith("]])", text, StringComparison.Ordinal);
        Assert.Equal("torch.Size([10, 10])", TorchFormat.Shape(w));
    }

    [Fact]
    public void W_has_the_original_first_row_from_the_design_note()
    {
        var (_, w) = DrawW();
        double[] row = [-1.0797, 0.5545, 0.8058, -0.7140, -0.1518, 1.0773, 2.3690, 0.8486, -1.1825, -3.2632];
        for (var j = 0; j < row.Length; j++)
        {
            Assert.True(Math.Abs(w[0, j] - row[j]) <= PrintedTolerance, $"W[0, {j}] = {w[0, j]:R}, expected {row[j]:F4}");
        }
    }

    [Fact]
    public void First_draw_of_bias_and_x_gives_the_fresh_run_output()
    {
        // A fresh top-to-bottom run draws bias and x once; the design note gives the resulting output values.
        var (generator, w) = DrawW();
        var output = DrawOutput(generator, w);
        double[] expected = [7.2684, 2.3162, 7.7151, -10.4455, -0.0082, -3.7270, -11.1461, 2.0207, -9.6258, -4.1163];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(output[i] - expected[i]) <= PrintedTolerance, $"output[{i}] = {output[i]:R}, expected {expected[i]:F4}");
        }

        // 11.1461 / 0.0082 > 1000, so PyTorch prints this vector in scientific notation, not as the list above:
        // the widest element (-1.1146e+01) is 11 characters, which leaves room for 5 per line: two lines.
        var text = TorchFormat.Format(output);
        Assert.StartsWith("tensor([ 7.2684e+00,  2.3162e+00,  7.7151e+00, ", text, StringComparison.Ordinal);
        Assert.Contains("e-03", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));
    }

    [Fact]
    public void Second_draw_of_bias_and_x_prints_exactly_the_original_output()
    {
        var (generator, w) = DrawW();
        DrawOutput(generator, w);
        var output = DrawOutput(generator, w);
        Assert.Equal(PrintedSecondOutput, TorchFormat.Format(output));
    }

    [Fact]
    public void Reseeding_replays_the_whole_notebook()
    {
        var (generator, w) = DrawW();
        var first = DrawOutput(generator, w);
        generator.ManualSeed(0);
        var w2 = generator.Randn(10, 2) * generator.Randn(2, 10);
        Assert.Equal(w, w2);
        Assert.Equal(first, DrawOutput(generator, w2));
    }
}
