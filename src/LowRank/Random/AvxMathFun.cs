namespace LowRank;

/// <summary>
/// One lane of <c>log256_ps</c> and <c>sincos256_ps</c> from PyTorch's <c>avx_mathfun.h</c> (Julien Pommier's Cephes-based
/// <c>sse_mathfun.h</c> widened to AVX), which PyTorch's AVX2 <c>randn</c> kernel uses instead of the C math library.
/// </summary>
/// <remarks>
/// <para>
/// The header writes every step as a separate multiply or add intrinsic, but GCC builds PyTorch's AVX2 kernels with FMA
/// enabled and contracts a multiply whose only use is an add into one fused multiply-add, rounding once instead of twice.
/// Which products were fused decides the last bit, so each one is written here as <see cref="MathF.FusedMultiplyAdd"/>
/// exactly where the compiled kernel (Debian's PyTorch 1.13 for x86-64, built with GCC 12) has a
/// <c>vfmadd</c>/<c>vfmsub</c>/<c>vfnmadd</c>, and as a
/// plain float multiply and add where it kept them apart. .NET never fuses on its own, so the result is the same bits on
/// every CPU, with or without AVX2.
/// </para>
/// <para>
/// Only the inputs Box–Muller gives are supported: <see cref="Log"/> sees 1 - u in [2⁻²⁴, 1] and <see cref="SinCos"/>
/// sees 2π·u in [0, 2π). The header's handling of denormals, zero, negative and NaN arguments cannot trigger there and is
/// left out.
/// </para>
/// </remarks>
internal static class AvxMathFun
{
    private const float SqrtHalf = 0.707106781186547524f;

    // Cephes logf: log(1 + x) ≈ x - x²/2 + x³·P(x) for x in [√½ - 1, √2 - 1], and ln 2 split into q2 (exact in 9 bits,
    // so e·q2 is exact) plus the small correction q1.
    private const float LogP0 = 7.0376836292E-2f;
    private const float LogP1 = -1.1514610310E-1f;
    private const float LogP2 = 1.1676998740E-1f;
    private const float LogP3 = -1.2420140846E-1f;
    private const float LogP4 = +1.4249322787E-1f;
    private const float LogP5 = -1.6668057665E-1f;
    private const float LogP6 = +2.0000714765E-1f;
    private const float LogP7 = -2.4999993993E-1f;
    private const float LogP8 = +3.3333331174E-1f;
    private const float LogQ1 = -2.12194440e-4f;
    private const float LogQ2 = 0.693359375f;

    // Cephes sinf/cosf: 4/π picks the octant; π/4 is split into three parts (the first two short enough that their
    // products with the octant are exact) so that subtracting multiples of it keeps the reduced argument accurate.
    private const float FourOverPi = 1.27323954473516f;
    private const float MinusDp1 = -0.78515625f;
    private const float MinusDp2 = -2.4187564849853515625e-4f;
    private const float MinusDp3 = -3.77489497744594108e-8f;
    private const float CosP0 = 2.443315711809948E-005f;
    private const float CosP1 = -1.388731625493765E-003f;
    private const float CosP2 = 4.166664568298827E-002f;
    private const float SinP0 = -1.9515295891E-4f;
    private const float SinP1 = 8.3321608736E-3f;
    private const float SinP2 = -1.6666654611E-1f;

    private const int FloatExponentMask = 0x7f800000;
    private const int OneHalfBits = 0x3f000000;
    private const int ExponentBias = 0x7f;
    private const uint SignBit = 0x80000000;

    /// <summary>The natural logarithm of <paramref name="x"/> in [2⁻²⁴, 1], bit for bit as <c>log256_ps</c> computes it.</summary>
    public static float Log(float x)
    {
        // Split x = m·2^e with m in [0.5, 1) by rewriting the exponent field, as frexp would.
        var bits = BitConverter.SingleToInt32Bits(x);
        var exponent = (float)((bits >>> 23) - ExponentBias) + 1f;
        var mantissa = BitConverter.Int32BitsToSingle((bits & ~FloatExponentMask) | OneHalfBits);

        // Move m into [√½, √2) so the polynomial sees |x| ≤ 0.41: below √½ take 2m - 1 and one less in the exponent.
        // The kernel adds the masked m to m - 1 rather than computing m + m - 1; the sum is the same exact value.
        var below = mantissa < SqrtHalf;
        var reduced = (mantissa - 1f) + (below ? mantissa : 0f);
        exponent -= below ? 1f : 0f;

        var z = reduced * reduced;
        var y = MathF.FusedMultiplyAdd(LogP0, reduced, LogP1);
        y = MathF.FusedMultiplyAdd(y, reduced, LogP2);
        y = MathF.FusedMultiplyAdd(y, reduced, LogP3);
        y = MathF.FusedMultiplyAdd(y, reduced, LogP4);
        y = MathF.FusedMultiplyAdd(y, reduced, LogP5);
        y = MathF.FusedMultiplyAdd(y, reduced, LogP6);
        y = MathF.FusedMultiplyAdd(y, reduced, LogP7);
        y = MathF.FusedMultiplyAdd(y, reduced, LogP8);
        y *= reduced;

        // y·z + e·q1: GCC fused the first product of the sum (y·z) and rounded e·q1 on its own beforehand.
        y = MathF.FusedMultiplyAdd(y, z, exponent * LogQ1);
        y = MathF.FusedMultiplyAdd(-z, 0.5f, y);
        return MathF.FusedMultiplyAdd(exponent, LogQ2, reduced + y);
    }

    /// <summary>Sine and cosine of <paramref name="x"/> in [0, 2π), bit for bit as <c>sincos256_ps</c> computes them.</summary>
    public static (float Sin, float Cos) SinCos(float x)
    {
        // The header takes |x| and keeps the sign for the sine; x ≥ 0 here, but the bits are kept to follow it.
        var sinSign = BitConverter.SingleToUInt32Bits(x) & SignBit;
        x = MathF.Abs(x);

        // Octant j rounded up to even, so the reduced argument lies in [-π/4, π/4].
        var octant = (int)(x * FourOverPi);
        octant = (octant + 1) & ~1;
        var y = (float)octant;

        sinSign ^= (uint)(octant & 4) << 29;
        var cosSign = (uint)(~(octant - 2) & 4) << 29;
        var sineFromSinePolynomial = (octant & 2) == 0;

        // x - j·π/4 in three parts ("extended precision modular arithmetic"), each product fused into its subtraction.
        x = MathF.FusedMultiplyAdd(y, MinusDp1, x);
        x = MathF.FusedMultiplyAdd(y, MinusDp2, x);
        x = MathF.FusedMultiplyAdd(y, MinusDp3, x);

        var z = x * x;

        // cos x ≈ 1 - z/2 + z²·C(z): GCC fused (C(z)·z)·z - z/2 around the separately rounded z/2.
        var cos = MathF.FusedMultiplyAdd(CosP0, z, CosP1);
        cos = MathF.FusedMultiplyAdd(cos, z, CosP2);
        cos *= z;
        cos = MathF.FusedMultiplyAdd(cos, z, -(z * 0.5f));
        cos += 1f;

        // sin x ≈ x + x·z·S(z).
        var sin = MathF.FusedMultiplyAdd(SinP0, z, SinP1);
        sin = MathF.FusedMultiplyAdd(sin, z, SinP2);
        sin *= z;
        sin = MathF.FusedMultiplyAdd(sin, x, x);

        // The header selects with masks and adds the unselected lane's +0, which changes nothing unless a polynomial
        // gave -0; the reduced x is never -0 (x - j·π/4 rounds an exact zero to +0), so neither polynomial can.
        var (s, c) = sineFromSinePolynomial ? (sin, cos) : (cos, sin);
        return (
            BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(s) ^ sinSign),
            BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(c) ^ cosSign));
    }
}
