namespace LowRank.Tests;

/// <summary>
/// What the PyTorch original (tests/reference/pytorch-svd-notebook.py, with the outputs its author rendered) printed for seed 0, in one
/// place,
/// with the comparison a printed value allows. Every number here was copied from PyTorch output, never computed.
/// </summary>
internal static class PyTorchReference
{
    /// <summary>A value printed as 1.5410 only says the float lies within half a unit of the 4th decimal.</summary>
    public const double HalfPrintedUnit = 0.00005;

    /// <summary>Slack for a float that PyTorch computed the same way: only decimal-to-binary noise.</summary>
    public const double SameComputation = 1e-9;

    /// <summary>Slack for a float reached by another path (through B·A instead of W): float rounding of that path.</summary>
    public const double OtherComputation = 1e-6;

    /// <summary>"Output using W" for the first draw of bias and x after W: a fresh top-to-bottom run.</summary>
    public static readonly double[] FirstDraw = [7.2684, 2.3162, 7.7151, -10.4455, -0.0082, -3.7270, -11.1461, 2.0207, -9.6258, -4.1163];

    /// <summary>"Output using W" for the second draw: the rendered In [6], since In [5] had drawn bias and x once before.</summary>
    public static readonly double[] SecondDraw = [-4.2808, -1.2647, 2.9707, -0.9784, 0.9193, 3.5211, 5.3049, 5.5870, 1.8145, 4.7644];

    /// <summary>In [2]: print(W) shows rows 0..8 and the start of row 9 (the rendered output is cut there).</summary>
    public const string PrintedW =
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

    /// <summary>In [6]: print(output_W) for the second draw of bias and x.</summary>
    public const string PrintedSecondOutput =
        "tensor([-4.2808, -1.2647,  2.9707, -0.9784,  0.9193,  3.5211,  5.3049,  5.5870,\n" +
        "         1.8145,  4.7644])";

    /// <summary>
    /// Each actual float lies within half a printed unit (plus <paramref name="slack"/>) of what PyTorch printed,
    /// starting at <paramref name="offset"/> in <paramref name="actual"/>.
    /// </summary>
    public static void AssertPrinted(double[] printed, IEnumerable<float> actual, double slack = SameComputation, int offset = 0)
    {
        var values = actual.ToArray();
        Assert.True(values.Length >= offset + printed.Length, $"{values.Length} values, expected at least {offset + printed.Length}");
        for (var i = 0; i < printed.Length; i++)
        {
            var value = values[offset + i];
            Assert.True(
                Math.Abs(value - printed[i]) <= HalfPrintedUnit + slack,
                $"element {offset + i}: expected {printed[i]:F4} as printed by PyTorch, got {value:R}");
        }
    }
}
