using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>PyTorch's weight initializations (<c>torch.nn.init</c>), drawn from a <see cref="TorchGenerator"/> bit for bit.</summary>
public static class TorchInit
{
    /// <summary>
    /// Draws a rows×cols weight as <c>w = torch.empty(rows, cols); nn.init.kaiming_uniform_(w, a=a)</c> does: uniform between
    /// −bound and bound, with bound = √3·gain/√fan_in, gain = √(2/(1 + a²)) and fan_in = cols.
    /// </summary>
    /// <remarks>
    /// The bound is computed in double as Python computes it, then cast to float, and each value is x·(to − from) + from
    /// in float for a uniform x in [0, 1). PyTorch's AVX2 build fuses that multiply-add and its portable build does not,
    /// so the result depends on <see cref="TorchGenerator.Capability"/> (verified on x86-64; an ARM build may fuse in its
    /// portable kernel too).
    /// </remarks>
    /// <param name="generator">The generator to draw from; it advances by rows·cols 32-bit draws, as <c>torch.rand</c> does.</param>
    /// <param name="rows">Number of rows (the layer's outputs), at least 1.</param>
    /// <param name="cols">Number of columns, the fan_in (the layer's inputs), at least 1.</param>
    /// <param name="a">
    /// The negative slope of the leaky ReLU the layer feeds, a finite number ≥ 0 whose square is finite: 0 is He's ReLU
    /// initialization, √5 what <c>nn.Linear</c>, PEFT and loralib pass (bound 1/√fan_in).
    /// </param>
    /// <returns>A new dense <paramref name="rows"/> x <paramref name="cols"/> matrix, filled row by row.</returns>
    public static Matrix<float> KaimingUniform(TorchGenerator generator, int rows, int cols, double a)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Guard.Positive(rows);
        Guard.Positive(cols);
        Guard.Elements(rows, cols);
        var bound = KaimingBound(cols, a);
        return generator.Uniform(rows, cols, (float)-bound, (float)bound);
    }

    /// <summary>
    /// Draws a bias as <c>nn.Linear</c> does after its weight: uniform between −1/√fan_in and 1/√fan_in, the bound
    /// computed in double as <c>1 / math.sqrt(fan_in)</c>, then filled as <c>init.uniform_(bias, -bound, bound)</c>.
    /// </summary>
    /// <param name="generator">The generator to draw from; it advances by <paramref name="length"/> 32-bit draws.</param>
    /// <param name="length">The layer's outputs, at least 1.</param>
    /// <param name="fanIn">The layer's inputs, at least 1.</param>
    /// <returns>A new vector of <paramref name="length"/> entries.</returns>
    public static Vector<float> LinearBias(TorchGenerator generator, int length, int fanIn)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Guard.Positive(length);
        Guard.Positive(fanIn);
        var bound = 1 / Math.Sqrt(fanIn);
        return generator.Uniform(1, length, (float)-bound, (float)bound).Row(0);
    }

    /// <summary>nn.init's bound in double, in Python's order of operations, so that its rounding is the same.</summary>
    internal static double KaimingBound(int fanIn, double a)
    {
        // Python's a ** 2 calls the C library's pow, which differs from a * a in the last bit for about 1 in 1,100
        // values of a between 0 and 10 (glibc); Math.Pow calls the same function. Python raises OverflowError where the square overflows.
        var slopeSquared = Math.Pow(a, 2);
        if (!double.IsFinite(a) || a < 0 || double.IsInfinity(slopeSquared))
        {
            throw Guard.OutOfRange(nameof(a),
                $"{nameof(a)} must be a finite number >= 0 whose square is finite (at most about 1.34e154), but was {a}.");
        }
        var gain = Math.Sqrt(2.0 / (1 + slopeSquared));
        var std = gain / Math.Sqrt(fanIn);
        return Math.Sqrt(3.0) * std;
    }
}
