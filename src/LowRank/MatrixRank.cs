using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Numerical rank of a matrix as NumPy's <c>np.linalg.matrix_rank</c> computes it: the number of singular values
/// above a tolerance, because rounding makes exact zeros rare.
/// </summary>
public static class MatrixRank
{
    /// <summary>
    /// Rank of <paramref name="w"/> with NumPy's default tolerance (see <see cref="DefaultTolerance{T}(Matrix{T})"/>);
    /// the port of <c>np.linalg.matrix_rank(W)</c>.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The matrix; every entry must be finite.</param>
    /// <returns>The number of singular values greater than the default tolerance.</returns>
    public static int Of<T>(Matrix<T> w)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var singularValues = SingularValues(Guard.Finite(w));
        return Count(singularValues, DefaultTolerance<T>(singularValues, w.RowCount, w.ColumnCount));
    }

    /// <summary>
    /// Rank of <paramref name="w"/> counting singular values strictly greater than <paramref name="tolerance"/>,
    /// as <c>np.linalg.matrix_rank(W, tol)</c>.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The matrix; every entry must be finite.</param>
    /// <param name="tolerance">Absolute threshold, at least 0 (0 counts every nonzero singular value).</param>
    /// <returns>The number of singular values greater than <paramref name="tolerance"/>.</returns>
    public static int Of<T>(Matrix<T> w, double tolerance)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Finite(w);
        Guard.Tolerance(tolerance);
        return Count(SingularValues(w), tolerance);
    }

    /// <summary>
    /// NumPy's default threshold σ_max · max(m, n) · ε, with ε the machine epsilon of <typeparamref name="T"/>:
    /// singular values below it are indistinguishable from rounding noise.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The matrix; every entry must be finite.</param>
    /// <returns>The tolerance <see cref="Of{T}(Matrix{T})"/> uses for <paramref name="w"/>.</returns>
    public static double DefaultTolerance<T>(Matrix<T> w)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => DefaultTolerance<T>(SingularValues(Guard.Finite(w)), w.RowCount, w.ColumnCount);

    private static double DefaultTolerance<T>(double[] singularValues, int rows, int cols)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => singularValues.Max() * Math.Max(rows, cols) * MachineEpsilon.Of<T>();

    private static double[] SingularValues<T>(Matrix<T> w)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => [.. SingularValueDecomposition<T>.Of(w, computeVectors: false).S.Select(double.CreateChecked)];

    private static int Count(double[] singularValues, double tolerance)
        => singularValues.Count(s => s > tolerance);
}
