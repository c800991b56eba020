using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// A random number generator that reproduces PyTorch's CPU <c>torch.manual_seed</c> + <c>torch.randn</c> for float32,
/// so a notebook seeded like the PyTorch original draws the same matrices and prints the same numbers.
/// </summary>
/// <remarks>
/// <para>
/// PyTorch picks one of two algorithms by element count, and both are reproduced: fewer than 16 elements use a double
/// Box-Muller whose second value is cached in the generator across calls; 16 or more use a float Box-Muller over
/// blocks of 16 uniforms, redrawing the last 16 slots when the count is not a multiple of 16.
/// </para>
/// <para>
/// The large path follows PyTorch's portable kernel (<c>normal_fill_16</c>), whose float <c>log</c>, <c>cos</c> and
/// <c>sin</c> come from the C math library, as do .NET's <see cref="MathF"/> functions. PyTorch builds running the AVX2
/// kernel use polynomial approximations instead, so on such machines an element can differ in its last bit; printed
/// values (4 decimals) are not affected in practice. Instances are not thread-safe, like PyTorch's generator without its lock.
/// </para>
/// </remarks>
public sealed class TorchGenerator
{
    // PyTorch switches from the cached double Box-Muller to the vectorised float one at this element count.
    private const int BlockSize = 16;
    private const int HalfBlock = BlockSize / 2;

    private const uint FloatMantissaMask = (1u << 24) - 1;
    private const float FloatUnit = 1.0f / (1 << 24);
    private const ulong DoubleMantissaMask = (1ul << 53) - 1;
    private const double DoubleUnit = 1.0 / (1ul << 53);

    private readonly MersenneTwister engine;
    private double? nextDoubleNormal;

    /// <summary>Creates a generator in the state <c>torch.manual_seed(seed)</c> leaves the default CPU generator in.</summary>
    /// <param name="seed">The seed; like PyTorch, only its low 32 bits matter.</param>
    public TorchGenerator(ulong seed) => engine = new MersenneTwister(seed);

    /// <summary>Reseeds the generator and forgets the cached normal sample, exactly like <c>torch.manual_seed(seed)</c>.</summary>
    /// <param name="seed">The seed; like PyTorch, only its low 32 bits matter.</param>
    public void ManualSeed(ulong seed)
    {
        engine.Seed(seed);
        nextDoubleNormal = null;
    }

    /// <summary>Draws a matrix of standard normal values, mirroring <c>torch.randn(rows, cols)</c> (rows filled first).</summary>
    /// <param name="rows">Number of rows, at least 1.</param>
    /// <param name="cols">Number of columns, at least 1.</param>
    /// <returns>A new dense <paramref name="rows"/> x <paramref name="cols"/> matrix.</returns>
    public Matrix<float> Randn(int rows, int cols)
    {
        Guard.Positive(rows);
        Guard.Positive(cols);
        Guard.Elements(rows, cols);

        var rowMajor = NextNormals(rows * cols);

        // PyTorch fills row 0 first; MathNet stores column 0 first, so transpose the index while copying.
        var columnMajor = new float[rowMajor.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                columnMajor[(j * rows) + i] = rowMajor[(i * cols) + j];
            }
        }
        return Matrix<float>.Build.Dense(rows, cols, columnMajor);
    }

    /// <summary>Draws a vector of standard normal values, mirroring <c>torch.randn(length)</c>.</summary>
    /// <param name="length">Number of elements, from 1 to <see cref="Array.MaxLength"/> (the most one array holds).</param>
    /// <returns>A new dense vector of <paramref name="length"/> elements.</returns>
    public Vector<float> Randn(int length)
    {
        Guard.Positive(length);
        // Checked before drawing: a rejected call leaves the generator where it was.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength);
        return Vector<float>.Build.Dense(NextNormals(length));
    }

    /// <summary>One float uniform in [0, 1) from 24 random bits, as PyTorch's <c>uniform_real_distribution&lt;float&gt;</c>.</summary>
    internal float NextFloatUniform() => (engine.NextUInt32() & FloatMantissaMask) * FloatUnit;

    /// <summary>One double uniform in [0, 1) from 53 random bits, as PyTorch's <c>uniform_real_distribution&lt;double&gt;</c>.</summary>
    internal double NextDoubleUniform() => (engine.NextUInt64() & DoubleMantissaMask) * DoubleUnit;

    private float[] NextNormals(int count)
    {
        var data = new float[count];
        if (count < BlockSize)
        {
            for (var i = 0; i < count; i++)
            {
                data[i] = (float)NextDoubleNormal();
            }
            return data;
        }

        for (var i = 0; i < count; i++)
        {
            data[i] = NextFloatUniform();
        }
        for (var start = 0; start + BlockSize <= count; start += BlockSize)
        {
            BoxMullerBlock(data.AsSpan(start, BlockSize));
        }

        // PyTorch does not mix a partial block: it redraws the last 16 slots with fresh uniforms, overwriting
        // normals already computed there. This is why randn(17) differs from randn(16) after its first element.
        if (count % BlockSize != 0)
        {
            var tail = data.AsSpan(count - BlockSize, BlockSize);
            for (var i = 0; i < BlockSize; i++)
            {
                tail[i] = NextFloatUniform();
            }
            BoxMullerBlock(tail);
        }
        return data;
    }

    /// <summary>Turns 16 uniforms into 16 normals in place, pairing slot j with slot j + 8, all in float arithmetic.</summary>
    private static void BoxMullerBlock(Span<float> block)
    {
        for (var j = 0; j < HalfBlock; j++)
        {
            // 1 - u maps [0, 1) to (0, 1] so the logarithm stays finite.
            var u1 = 1.0f - block[j];
            var u2 = block[j + HalfBlock];
            var radius = MathF.Sqrt(-2.0f * MathF.Log(u1));

            // PyTorch writes 2.0f * c10::pi<double> * u2: the product is formed in double, then stored as float.
            var theta = (float)(2.0 * Math.PI * u2);
            block[j] = radius * MathF.Cos(theta);
            block[j + HalfBlock] = radius * MathF.Sin(theta);
        }
    }

    private double NextDoubleNormal()
    {
        if (nextDoubleNormal is { } cached)
        {
            nextDoubleNormal = null;
            return cached;
        }

        var u1 = NextDoubleUniform();
        var u2 = NextDoubleUniform();

        // PyTorch uses log1p(-u2). .NET's double.LogP1 would not help: it is documented as log(x + 1) and computed that
        // way, not as a C log1p. Nor is one needed: u2 = m·2^-53 with m < 2^53, so 1 - u2 = (2^53 - m)·2^-53 is exact
        // and log(1 - u2) is the logarithm of the very number log1p(-u2) sees (log1p only gains where 1 + x rounds).
        // The two libm routines may still differ in the last bit of the double, which the float result absorbs.
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - u2));
        var theta = 2.0 * Math.PI * u1;
        nextDoubleNormal = radius * Math.Sin(theta);
        return radius * Math.Cos(theta);
    }
}
