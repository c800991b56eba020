namespace LowRank;

/// <summary>
/// PyTorch's Box–Muller over a block of 16 float uniforms, which turns them into 16 normals in place by pairing slot j
/// with slot j + 8: once as the portable kernel computes it and once as the AVX2 kernel does.
/// </summary>
/// <remarks>
/// Both kernels compute the same formula in float32, radius·cos θ and radius·sin θ with radius = √(-2·ln(1 - u₁)) and
/// θ = 2π·u₂; they differ in where <c>log</c>, <c>cos</c> and <c>sin</c> come from and therefore in the low bits.
/// </remarks>
internal static class NormalFill16
{
    /// <summary>The number of uniforms one call transforms.</summary>
    public const int Length = 16;

    private const int Half = Length / 2;

    // The AVX2 kernel broadcasts 2.0f * c10::pi<double>: formed in double, then rounded once to float.
    private const float TwoPi = (float)(2.0 * Math.PI);

    // torch.randn is normal_(mean 0, std 1); the AVX2 kernel still applies them, as fma(n, std, mean).
    private const float Mean = 0f;
    private const float Std = 1f;

    /// <summary>The portable kernel, <c>normal_fill_16</c>: the C math library's float <c>log</c>, <c>cos</c> and <c>sin</c>.</summary>
    public static void Default(Span<float> block)
    {
        for (var j = 0; j < Half; j++)
        {
            // 1 - u maps [0, 1) to (0, 1] so the logarithm stays finite.
            var u1 = 1.0f - block[j];
            var u2 = block[j + Half];
            var radius = MathF.Sqrt(-2.0f * MathF.Log(u1));

            // PyTorch writes 2.0f * c10::pi<double> * u2: the product is formed in double, then stored as float.
            var theta = (float)(2.0 * Math.PI * u2);
            block[j] = radius * MathF.Cos(theta);
            block[j + Half] = radius * MathF.Sin(theta);
        }
    }

    /// <summary>
    /// The AVX2 kernel, <c>normal_fill_16_AVX2</c>, one lane at a time: Cephes polynomials for <c>log</c> and <c>sincos</c>
    /// (<see cref="AvxMathFun"/>) and a float product for θ, unlike the portable kernel's product in double.
    /// </summary>
    public static void Avx2(Span<float> block)
    {
        for (var j = 0; j < Half; j++)
        {
            var u1 = 1.0f - block[j];
            var u2 = block[j + Half];
            var radius = MathF.Sqrt(-2.0f * AvxMathFun.Log(u1));
            var (sin, cos) = AvxMathFun.SinCos(TwoPi * u2);

            // With std 1 and mean 0 the fused multiply-add returns the product unchanged, except that it turns -0 into
            // +0, which happens when u1 = 1 (radius = √-0 = -0).
            block[j] = MathF.FusedMultiplyAdd(radius * cos, Std, Mean);
            block[j + Half] = MathF.FusedMultiplyAdd(radius * sin, Std, Mean);
        }
    }
}
