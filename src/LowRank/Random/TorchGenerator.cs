using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// A random number generator that reproduces PyTorch's CPU <c>torch.manual_seed</c> + <c>torch.randn</c> and
/// <c>torch.rand</c> for float32, so a notebook seeded like the PyTorch original draws the same matrices and prints the
/// same numbers.
/// </summary>
/// <remarks>
/// <para>
/// PyTorch picks one of two algorithms by element count, and both are reproduced: fewer than 16 elements use a double
/// Box-Muller whose second value is cached in the generator across calls; 16 or more use a float Box-Muller over
/// blocks of 16 uniforms, redrawing the last 16 slots when the count is not a multiple of 16.
/// </para>
/// <para>
/// PyTorch computes the large path with one of two CPU kernels, and <see cref="Capability"/> says which one is
/// reproduced: the portable kernel (<see cref="CpuCapability.Default"/>), whose float <c>log</c>, <c>cos</c> and <c>sin</c>
/// come from the C math library, as do .NET's <see cref="MathF"/> functions; or the AVX2 kernel that x86-64 PyTorch runs
/// by default (<see cref="CpuCapability.Avx2"/>), whose Cephes polynomials with fused multiply-adds give different low
/// bits in about 4 of 10 elements (by less than 2e-6, so about one value in 1,200 prints differently to 4 decimals).
/// Instances are not thread-safe, like PyTorch's generator without its lock.
/// </para>
/// <para>
/// Uniforms take one 32-bit draw each, whatever the count, and touch neither the cached normal nor the block rule, so
/// <c>torch.rand</c> and <c>torch.randn</c> calls interleave as in PyTorch. Scaled to another interval, as
/// <see cref="TorchInit"/> does, they also depend on <see cref="Capability"/>: PyTorch's AVX2 build fuses the
/// multiply-add that scales them.
/// </para>
/// </remarks>
public sealed class TorchGenerator
{
    // PyTorch switches from the cached double Box-Muller to the vectorised float one at this element count.
    private const int BlockSize = NormalFill16.Length;

    private const uint FloatMantissaMask = (1u << 24) - 1;
    private const float FloatUnit = 1.0f / (1 << 24);
    private const ulong DoubleMantissaMask = (1ul << 53) - 1;
    private const double DoubleUnit = 1.0 / (1ul << 53);

    private readonly MersenneTwister engine;
    private double? nextDoubleNormal;

    /// <summary>
    /// Creates a generator in the state <c>torch.manual_seed(seed)</c> leaves the default CPU generator in, drawing as
    /// PyTorch's portable CPU kernel does (<see cref="CpuCapability.Default"/>).
    /// </summary>
    /// <param name="seed">The seed; like PyTorch, only its low 32 bits matter.</param>
    public TorchGenerator(ulong seed)
        : this(seed, CpuCapability.Default)
    {
    }

    /// <summary>
    /// Creates a generator in the state <c>torch.manual_seed(seed)</c> leaves the default CPU generator in, drawing
    /// tensors of 16 or more elements as PyTorch's kernel for <paramref name="capability"/> does.
    /// </summary>
    /// <param name="seed">The seed; like PyTorch, only its low 32 bits matter.</param>
    /// <param name="capability">
    /// The CPU kernel to reproduce: <see cref="CpuCapability.Avx2"/> for PyTorch on a typical x86-64 machine,
    /// <see cref="CpuCapability.Default"/> for its portable kernel (<c>ATEN_CPU_CAPABILITY=default</c>).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capability"/> is not a named value.</exception>
    public TorchGenerator(ulong seed, CpuCapability capability)
    {
        if (!Enum.IsDefined(capability))
        {
            throw new ArgumentOutOfRangeException(nameof(capability), capability,
                $"{nameof(capability)} must be {nameof(CpuCapability.Default)} or {nameof(CpuCapability.Avx2)}, but was " +
                $"{(int)capability}.");
        }
        engine = new MersenneTwister(seed);
        Capability = capability;
    }

    /// <summary>
    /// Which PyTorch CPU kernel the draws reproduce where kernels differ: <c>randn</c> of 16 or more elements and the
    /// scaled uniforms of <see cref="TorchInit"/>; smaller <c>randn</c> and all of <c>rand</c> are the same under every kernel.
    /// </summary>
    internal CpuCapability Capability { get; }

    /// <summary>Reseeds the generator and forgets the cached normal sample, exactly like <c>torch.manual_seed(seed)</c>.</summary>
    /// <param name="seed">The seed; like PyTorch, only its low 32 bits matter.</param>
    internal void ManualSeed(ulong seed)
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

        return FromRowMajor(rows, cols, NextNormals(rows * cols));
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

    /// <summary>Draws a matrix of uniform values in [0, 1), mirroring <c>torch.rand(rows, cols)</c> (rows filled first).</summary>
    /// <param name="rows">Number of rows, at least 1.</param>
    /// <param name="cols">Number of columns, at least 1.</param>
    /// <returns>A new dense <paramref name="rows"/> x <paramref name="cols"/> matrix.</returns>
    public Matrix<float> Rand(int rows, int cols)
    {
        Guard.Positive(rows);
        Guard.Positive(cols);
        Guard.Elements(rows, cols);
        return Uniform(rows, cols, 0f, 1f);
    }

    /// <summary>Draws a vector of uniform values in [0, 1), mirroring <c>torch.rand(length)</c>.</summary>
    /// <param name="length">Number of elements, from 1 to <see cref="Array.MaxLength"/> (the most one array holds).</param>
    /// <returns>A new dense vector of <paramref name="length"/> elements.</returns>
    public Vector<float> Rand(int length)
    {
        Guard.Positive(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength);
        return Vector<float>.Build.Dense(NextUniforms(length, 0f, 1f));
    }

    /// <summary>
    /// A rows×cols matrix as <c>torch.empty(rows, cols).uniform_(from, to)</c> fills it, with <paramref name="from"/> ≤
    /// <paramref name="to"/> finite and the shape checked by the caller.
    /// </summary>
    internal Matrix<float> Uniform(int rows, int cols, float from, float to)
        => FromRowMajor(rows, cols, NextUniforms(rows * cols, from, to));

    /// <summary>One float uniform in [0, 1) from 24 random bits, as PyTorch's <c>uniform_real_distribution&lt;float&gt;</c>.</summary>
    internal float NextFloatUniform() => (engine.NextUInt32() & FloatMantissaMask) * FloatUnit;

    /// <summary>One double uniform in [0, 1) from 53 random bits, as PyTorch's <c>uniform_real_distribution&lt;double&gt;</c>.</summary>
    internal double NextDoubleUniform() => (engine.NextUInt64() & DoubleMantissaMask) * DoubleUnit;

    /// <summary>PyTorch's <c>uniform_real_distribution&lt;float&gt;(from, to)</c>, one element after another.</summary>
    private float[] NextUniforms(int count, float from, float to)
    {
        var range = to - from;
        var fused = Capability == CpuCapability.Avx2;
        var data = new float[count];
        for (var i = 0; i < count; i++)
        {
            // PyTorch computes x * (to - from) + from in float. Its AVX2 build is compiled with FMA enabled and the
            // compiler fuses this line there, rounding once instead of twice; for [0, 1) both give x exactly.
            var x = NextFloatUniform();
            data[i] = fused ? MathF.FusedMultiplyAdd(x, range, from) : (x * range) + from;
        }
        return data;
    }

    /// <summary>PyTorch fills row 0 first; MathNet stores column 0 first, so the index is transposed while copying.</summary>
    private static Matrix<float> FromRowMajor(int rows, int cols, float[] rowMajor)
    {
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
            FillBlock(data.AsSpan(start, BlockSize));
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
            FillBlock(tail);
        }
        return data;
    }

    /// <summary>Turns 16 uniforms into 16 normals in place, as the kernel of <see cref="Capability"/> does.</summary>
    private void FillBlock(Span<float> block)
    {
        if (Capability == CpuCapability.Avx2)
        {
            NormalFill16.Avx2(block);
        }
        else
        {
            NormalFill16.Default(block);
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
