using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace LowRank;

/// <summary>
/// The thin SVD W = U·diag(2^Exponent · ScaledS)·Vᵀ with U d×n, Vᵀ n×k and n = min(d, k), computed through MathNet on W
/// scaled by 2^−Exponent so its largest entry is in [1, 2). MathNet's managed SVD fails to converge for double entries
/// near 1e200 and returns wrong singular values for small ones (off by 10 % already near 1e-15); scaling by a power of
/// two is exact, so nothing is lost by doing it always.
/// </summary>
/// <remarks>
/// <para>
/// MathNet always builds the full d×d U and k×k V, which for a 1×100000 W is 10¹⁰ numbers. Here only a square matrix goes
/// to MathNet's SVD: a tall W (d &gt; k) is first reduced by a thin QR, W = Q·R with Q d×k and R k×k, and R's SVD
/// R = U_R·S·V_Rᵀ gives U = Q·U_R; a wide W is factored through Wᵀ with U and V swapped. Cost and memory then follow
/// d·k·min(d, k) and d·k + min(d, k)², as in LAPACK's thin SVD.
/// </para>
/// <para>
/// The singular values stay scaled because scaling them back can overflow T although W is finite: a 2×2 float W of
/// entries 3e38 has σ₁ = 6e38 &gt; float.MaxValue. Callers compare and accumulate in the scaled domain and scale back
/// only what must be stored in T, through <see cref="SingularValues"/>, which rejects such a W by name.
/// </para>
/// </remarks>
internal sealed record SingularValueDecomposition<T>(Matrix<T> U, Vector<T> ScaledS, Matrix<T> VT, int Exponent, double LargestEntry)
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    /// <summary>The thin SVD of a non-empty W already checked by <see cref="Guard.Factorable{T}"/>.</summary>
    /// <param name="w">The d×k matrix.</param>
    /// <param name="computeVectors">False when only the singular values are needed; U and VT are then not meaningful.</param>
    public static SingularValueDecomposition<T> Of(Matrix<T> w, bool computeVectors)
    {
        var (exponent, largest) = PowerOfTwo.Of(w);
        // Dense whatever W's storage is: the factorizations below need it, and Guard.Factorable made sure it fits.
        var scaled = Matrix<T>.Build.Dense(w.RowCount, w.ColumnCount);
        w.Map(v => T.ScaleB(v, -exponent), scaled);
        var (u, s, vt) = w.RowCount < w.ColumnCount
            ? Swapped(Tall(scaled.Transpose(), computeVectors))
            : Tall(scaled, computeVectors);
        return new SingularValueDecomposition<T>(u, s, vt, exponent, double.CreateChecked(largest));
    }

    /// <summary>Thin SVD of a matrix with at least as many rows as columns, never forming anything rows×rows.</summary>
    private static (Matrix<T> U, Vector<T> S, Matrix<T> VT) Tall(Matrix<T> tall, bool computeVectors)
    {
        if (tall.RowCount == tall.ColumnCount)
        {
            var square = tall.Svd(computeVectors);
            return (square.U, square.S, square.VT);
        }
        var qr = tall.QR(QRMethod.Thin);
        var small = qr.R.Svd(computeVectors);
        return (computeVectors ? qr.Q * small.U : small.U, small.S, small.VT);
    }

    // Wᵀ = U'·S·V'ᵀ means W = V'·S·U'ᵀ.
    private static (Matrix<T> U, Vector<T> S, Matrix<T> VT) Swapped((Matrix<T> U, Vector<T> S, Matrix<T> VT) transposed)
        => (transposed.VT.Transpose(), transposed.S, transposed.U.Transpose());

    /// <summary>σ_i ÷ 2^Exponent as a double.</summary>
    public double Scaled(int i) => double.CreateChecked(ScaledS[i]);

    /// <summary>The singular values in T; throws naming <paramref name="name"/> when σ₁ does not fit in T.</summary>
    /// <remarks>Only for the SVD of a non-empty W, which every caller has checked: σ₁ exists.</remarks>
    public Vector<T> SingularValues(string name)
    {
        var s = ScaledS.Map(v => T.ScaleB(v, Exponent));
        return !T.IsFinite(s[0])
            ? throw PowerOfTwo.SingularValueOverflow<T>(name, Unscaled(Scaled(0)), LargestEntry)
            : s;
    }

    /// <summary>A scaled value times 2^Exponent as text, readable even when the product overflows double.</summary>
    public string Unscaled(double scaled) => PowerOfTwo.Describe(scaled, Exponent);
}
