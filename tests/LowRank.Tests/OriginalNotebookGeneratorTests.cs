using MathNet.Numerics.LinearAlgebra;
using static LowRank.Tests.PyTorchReference;

namespace LowRank.Tests;

/// <summary>
/// The random part of the PyTorch original (tests/reference/pytorch-svd-notebook.py): seeding, W, bias and x, and the
/// printed text, compared with what the original printed.
/// </summary>
public class OriginalNotebookGeneratorTests
{
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
        Assert.Equal("torch.Size([10, 10])", w.TorchShape());
    }

    [Fact]
    public void W_has_the_original_first_row_from_the_design_note()
    {
        var (_, w) = DrawW();
        AssertPrinted(FirstRow, w.Row(0));
    }

    [Fact]
    public void First_draw_of_bias_and_x_gives_the_fresh_run_output()
    {
        // A fresh top-to-bottom run draws bias and x once; PyTorch's own run (tests/reference/pytorch-original.json) gives these output values.
        var (generator, w) = DrawW();
        var output = DrawOutput(generator, w);
        AssertPrinted(FirstDraw, output);

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
