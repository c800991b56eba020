using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Numerical rank of a matrix as NumPy's <c>np.linalg.matrix_rank</c> computes it: the number of singular values
/// above a tolerance, because rounding makes exact zeros rare.
/// </summary>
/// <remarks>
/// An empty matrix (0×k or d×0) has rank 0: it has no singular values, so none is above any tolerance. NumPy raises on
/// it instead, only because it takes the maximum of no singular values for its tolerance; here that tolerance is 0.
/// </remarks>
public static class MatrixRank
{
    /// <summary>
    /// Rank of <paramref name="w"/> with NumPy's default tolerance (see <see cref="DefaultTolerance{T}(Matrix{T})"/>);
    /// the port of <c>np.linalg.matrix_rank(W)</c>.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The matrix; every entry must be finite. It may be empty (rank 0).</param>
    /// <returns>The number of singular values greater than the default tolerance.</returns>
    public static int Of<T>(Matrix<T> w)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Factorable(w);
        if (IsEmpty(w))
        {
            return 0;
        }
        var svd = Decompose(w);
        // Compared in units of 2^Exponent: the same count, and σ_max · max(m, n) · ε cannot overflow even when σ_max
        // itself would overflow T (a float W with entries near 3e38).
        var scaledTolerance = ScaledTolerance<T>(svd, w.RowCount, w.ColumnCount);
        return Enumerable.Range(0, svd.ScaledS.Count).Count(i => svd.Scaled(i) > scaledTolerance);
    }

    /// <summary>
    /// Rank of <paramref name="w"/> counting singular values strictly greater than <paramref name="tolerance"/>,
    /// as <c>np.linalg.matrix_rank(W, tol)</c>.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The matrix; every entry must be finite. It may be empty (rank 0).</param>
    /// <param name="tolerance">Absolute threshold, a finite number ≥ 0 (0 counts every nonzero singular value).</param>
    /// <returns>The number of singular values greater than <paramref name="tolerance"/>.</returns>
    public static int Of<T>(Matrix<T> w, double tolerance)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Factorable(w);
        Guard.Tolerance(tolerance);
        if (IsEmpty(w))
        {
            return 0;
        }
        var svd = Decompose(w);
        // σ_i in double: for float W it cannot overflow, and for double W an overflow to ∞ still counts as above any tolerance.
        return Enumerable.Range(0, svd.ScaledS.Count).Count(i => double.ScaleB(svd.Scaled(i), svd.Exponent) > tolerance);
    }

    /// <summary>
    /// NumPy's default threshold σ_max · max(m, n) · ε, with ε the machine epsilon of <typeparamref name="T"/>:
    /// singular values below it are indistinguishable from rounding noise.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The matrix; every entry must be finite. For an empty one, which has no σ_max, it is 0.</param>
    /// <returns>The tolerance <see cref="Of{T}(Matrix{T})"/> uses for <paramref name="w"/>.</returns>
    public static double DefaultTolerance<T>(Matrix<T> w)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Factorable(w);
        if (IsEmpty(w))
        {
            return 0;
        }
        var svd = Decompose(w);
        return double.ScaleB(ScaledTolerance<T>(svd, w.RowCount, w.ColumnCount), svd.Exponent);
    }

    private static bool IsEmpty<T>(Matrix<T> w)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => w.RowCount == 0 || w.ColumnCount == 0;

    private static double ScaledTolerance<T>(SingularValueDecomposition<T> svd, int rows, int cols)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => svd.Scaled(0) * Math.Max(rows, cols) * MachineEpsilon.Of<T>();

    private static SingularValueDecomposition<T> Decompose<T>(Matrix<T> w)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => SingularValueDecomposition<T>.Of(w, computeVectors: false);
}
