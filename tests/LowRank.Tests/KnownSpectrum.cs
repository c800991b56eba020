using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace LowRank.Tests;

/// <summary>
/// W = U·diag(σ)·Vᵀ with the σ chosen by the test and U, V orthonormal (the thin QR's Q of seeded Gaussians), so the
/// exact singular values, and with them the Eckart–Young optimum of every rank, are known without an SVD.
/// </summary>
internal static class KnownSpectrum
{
    /// <summary>σ_i = 2^−(i−1), i = 1..n: each value half the one before, a fast-decaying spectrum.</summary>
    public static double[] Halving(int n) => [.. Enumerable.Range(0, n).Select(i => Math.ScaleB(1.0, -i))];

    /// <summary>σ_i = i^−2, i = 1..n: a slowly decaying spectrum, where the gap after any r is small.</summary>
    public static double[] InverseSquare(int n) => [.. Enumerable.Range(1, n).Select(i => 1.0 / ((double)i * i))];

    /// <summary>σ_i = i^−1: slower still.</summary>
    public static double[] Inverse(int n) => [.. Enumerable.Range(1, n).Select(i => 1.0 / i)];

    /// <summary>The d×k matrix with singular values <paramref name="sigma"/> (length min(d, k)), built in double, rounded to T.</summary>
    public static Matrix<T> Matrix<T>(int rows, int cols, double[] sigma, int seed)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var u = Gaussian.Random<double>(rows, sigma.Length, seed).QR(QRMethod.Thin).Q;
        var v = Gaussian.Random<double>(cols, sigma.Length, seed + 1).QR(QRMethod.Thin).Q;
        var w = u * MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfDiagonalArray(sigma) * v.Transpose();
        return w.Map(T.CreateChecked);
    }

    /// <summary>The Eckart–Young optimum ‖W − W_r‖_F = √(Σ_{i&gt;r} σ_i²).</summary>
    public static double Optimum(double[] sigma, int rank) => Math.Sqrt(sigma.Skip(rank).Sum(s => s * s));
}
