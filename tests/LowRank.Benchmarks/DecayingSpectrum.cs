using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace LowRank.Benchmarks;

/// <summary>
/// W = U·diag(σ)·Vᵀ with σ_i = 1/i and U, V the QR of seeded Gaussians: a full-rank matrix whose spectrum decays slowly,
/// as trained weights' do, and whose Eckart–Young error at every rank is known without an SVD, so a benchmark can check
/// an approximation's accuracy at n = 2048 without paying for the full SVD it is measured against.
/// </summary>
internal static class DecayingSpectrum
{
    /// <summary>σ_i = 1/i, i = 1..n.</summary>
    public static double[] Sigma(int n) => [.. Enumerable.Range(1, n).Select(i => 1.0 / i)];

    /// <summary>The n×n W with singular values <see cref="Sigma"/>.</summary>
    public static Matrix<double> Matrix(int n)
    {
        var u = Orthogonal(n, seed: 1);
        var v = Orthogonal(n, seed: 2);
        var sigma = Sigma(n);
        // U·diag(σ): scale U's columns instead of multiplying by an n×n diagonal.
        for (var j = 0; j < n; j++)
        {
            u.SetColumn(j, u.Column(j) * sigma[j]);
        }
        return u.TransposeAndMultiply(v);
    }

    /// <summary>√(Σ_{i&gt;r} σ_i²), the smallest ‖W − W_r‖_F any rank-r matrix reaches.</summary>
    public static double Optimum(int n, int rank) => Math.Sqrt(Sigma(n).Skip(rank).Sum(s => s * s));

    private static Matrix<double> Orthogonal(int n, ulong seed)
        => new TorchGenerator(seed).Randn(n, n).Map(x => (double)x).QR(QRMethod.Thin).Q;
}
