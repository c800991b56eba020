using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace LowRank;

/// <summary>
/// Randomized truncated SVD (Halko, Martinsson &amp; Tropp 2011, "Finding structure with randomness", Algorithms 4.4
/// and 5.1): the top r singular triplets of W from W's action on r + p random directions, at a cost of
/// O(d·k·(r + p)·(2q + 2)) instead of the O(d·k·min(d, k)) of a full SVD.
/// </summary>
public static class RandomizedSvd
{
    /// <summary>
    /// The most power iterations <see cref="Of{T}"/> takes. The range finder sees σ_i^(2q+1), so 100 passes shrink even a
    /// gap of 1.2 between σ_r and σ_(r+1) to 1.2^−201 ≈ 1e-16, below double's rounding: further passes cost two products
    /// with W each and change nothing (HMT use q = 1 or 2).
    /// </summary>
    public const int MaxPowerIterations = 100;

    /// <summary>
    /// Factors <paramref name="w"/> into rank-<paramref name="rank"/> factors B = U_r·S_r (d×r) and A = V_rᵀ (r×k) with a
    /// randomized range finder, seeded through <paramref name="generator"/> so the same seed gives the same factors.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">
    /// The d×k matrix, tall or wide; every entry must be finite, and its largest singular value must fit in
    /// <typeparamref name="T"/>, because B and the singular values are stored in <typeparamref name="T"/>.
    /// </param>
    /// <param name="rank">The rank r to keep, 1 ≤ r ≤ min(d, k).</param>
    /// <param name="generator">
    /// Draws the k×(r + p) Gaussian test matrix with <see cref="TorchGenerator.Randn(int, int)"/>; advanced by k·(r + p) draws.
    /// </param>
    /// <param name="oversampling">
    /// p ≥ 0, extra random directions beyond r; r + p is capped at min(d, k). HMT recommend 5 to 10: the chance that the
    /// sketch misses part of the top-r subspace falls like 6·p^−p.
    /// </param>
    /// <param name="powerIterations">
    /// 0 ≤ q ≤ <see cref="MaxPowerIterations"/>, passes of W·Wᵀ applied to the sketch: the range finder then sees σ_i^(2q+1),
    /// so a slowly decaying spectrum separates faster. Each pass costs two products with W.
    /// </param>
    /// <returns>B, A, the r estimated singular values and the sketch size used.</returns>
    public static RandomizedFactors<T> Of<T>(Matrix<T> w, int rank, TorchGenerator generator, int oversampling = 10,
        int powerIterations = 2)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Finite(w);
        Guard.Rank(rank, w.RowCount, w.ColumnCount);
        ArgumentNullException.ThrowIfNull(generator);
        NonNegative(oversampling);
        NonNegative(powerIterations);
        if (powerIterations > MaxPowerIterations)
        {
            throw Guard.OutOfRange(nameof(powerIterations),
                $"powerIterations must be between 0 and {MaxPowerIterations}, but was {powerIterations}: "
                + $"after {MaxPowerIterations} passes even a gap of 1.2 between σ_r and σ_(r+1) has grown past double's rounding "
                + $"(1.2^{2 * MaxPowerIterations + 1} > 1e16), and each further pass costs two products with w for nothing. "
                + $"HMT use 1 or 2.");
        }

        var n = Math.Min(w.RowCount, w.ColumnCount);
        // Written as a minimum of the headroom so rank + int.MaxValue cannot overflow before the cap.
        var sketchSize = rank + Math.Min(oversampling, n - rank);

        // As for the exact SVD: work on W·2^−e with entries in [1, 2), so W·Ω and its powers neither overflow nor lose
        // digits to subnormals (power-of-two scaling is exact); σ and B are scaled back at the end.
        var (exponent, largest) = PowerOfTwo.Of(w);
        var scaled = w.Map(v => T.ScaleB(v, -exponent));

        var omega = generator.Randn(w.ColumnCount, sketchSize).Map(T.CreateChecked);
        var basis = RangeFinder(scaled, omega, powerIterations);
        return Factor(scaled, basis, rank, exponent, largest);
    }

    /// <summary>
    /// An orthonormal d×l basis Q of the range of (W·Wᵀ)^q·W·Ω (HMT Algorithm 4.4). Both W·Q and Wᵀ·Q are
    /// re-orthonormalised at every pass: without it the columns all turn towards u₁ and, after a few passes,
    /// the directions of σ_i &lt; ε^(1/(2q+1))·σ₁ are lost to rounding.
    /// </summary>
    private static Matrix<T> RangeFinder<T>(Matrix<T> w, Matrix<T> omega, int powerIterations)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var q = Orthonormal(w * omega);
        for (var i = 0; i < powerIterations; i++)
        {
            var z = Orthonormal(w.TransposeThisAndMultiply(q));
            q = Orthonormal(w * z);
        }
        return q;
    }

    /// <summary>The thin QR's Q: Householder, so it stays orthonormal even when the columns are (nearly) dependent.</summary>
    private static Matrix<T> Orthonormal<T>(Matrix<T> columns)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => columns.QR(QRMethod.Thin).Q;

    /// <summary>
    /// The SVD of the small l×k matrix C = Qᵀ·W (HMT Algorithm 5.1) without a k×k Vᵀ: Cᵀ = Wᵀ·Q = P·R (thin QR, P k×l),
    /// so C = Rᵀ·Pᵀ, and with Rᵀ = U_s·S·V_sᵀ (l×l) W ≈ Q·C = (Q·U_s)·S·(P·V_s)ᵀ.
    /// </summary>
    private static RandomizedFactors<T> Factor<T>(Matrix<T> w, Matrix<T> q, int rank, int exponent, T largest)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var cTransposed = w.TransposeThisAndMultiply(q).QR(QRMethod.Thin);
        var small = SingularValueDecomposition<T>.Of(cTransposed.R.Transpose(), computeVectors: true);
        // The entries of W are below 2 here, so the σ of the l×l matrix, at most ‖W‖_F, are finite in T.
        var sigma = small.SingularValues(nameof(w)).SubVector(0, rank);

        var d = w.RowCount;
        var l = q.ColumnCount;
        var u = q * small.U.SubMatrix(0, l, 0, rank);
        var b = Matrix<T>.Build.Dense(d, rank, (i, j) => T.ScaleB(u.At(i, j) * sigma[j], exponent));
        var a = small.VT.SubMatrix(0, rank, 0, l).TransposeAndMultiply(cTransposed.Q);

        var singularValues = sigma.Map(s => T.ScaleB(s, exponent));
        return T.IsFinite(singularValues[0])
            ? new RandomizedFactors<T>(b, a, singularValues, l)
            : throw PowerOfTwo.SingularValueOverflow<T>(
                nameof(w), PowerOfTwo.Describe(double.CreateChecked(sigma[0]), exponent), double.CreateChecked(largest), "estimated ");
    }

    private static void NonNegative(int value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 0, but was {value}.");
        }
    }
}
