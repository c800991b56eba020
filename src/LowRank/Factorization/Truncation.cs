using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace LowRank;

/// <summary>
/// Truncated SVD: keep the r largest singular values and their vectors, giving the LoRA factors B = U_r·S_r and A = V_rᵀ.
/// </summary>
public static class Truncation
{
    /// <summary>Factors <paramref name="w"/> into rank-<paramref name="rank"/> factors B (d×r) and A (r×k) through its SVD.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">
    /// The d×k matrix, not empty; every entry must be finite, and its largest singular value must fit in <typeparamref name="T"/>
    /// (for float, about 3.4e38), because B and the singular values are stored in <typeparamref name="T"/>. Any shape works:
    /// the SVD is thin, so a 1×100000 W costs about as much as its own entries.
    /// </param>
    /// <param name="rank">The rank r to keep, 1 ≤ r ≤ min(d, k).</param>
    /// <returns>B, A and all min(d, k) singular values of <paramref name="w"/>.</returns>
    public static LowRankFactors<T> Of<T>(Matrix<T> w, int rank)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Factorable(w);
        Guard.NotEmpty(w);
        Guard.Rank(rank, w.RowCount, w.ColumnCount);
        var svd = SingularValueDecomposition<T>.Of(w, computeVectors: true);
        // B = U_r·S_r and the singular values are stored in T, so a σ₁ beyond T's range is rejected rather than turned into ∞.
        return Truncate(svd.U, svd.SingularValues(nameof(w)), svd.VT, rank);
    }

    /// <summary>
    /// Truncates an SVD already computed with <c>W.Svd()</c> (the port of <c>U, S, V = torch.svd(W)</c>),
    /// so a notebook can show the decomposition and then cut it.
    /// </summary>
    /// <remarks>
    /// Without W itself the SVD cannot be checked against it, so what can be checked is: vectors were computed, every
    /// number is finite, and σ₁ is not tiny. MathNet's SVD is wrong for matrices of small norm (singular values off by 10 %
    /// for a double W with σ₁ near 1e-15, by 100 % for a subnormal one), so an SVD whose σ₁ is nonzero but below √ε of
    /// <typeparamref name="T"/> (1.5e-8 for double, 3.5e-4 for float) is refused; <see cref="Of{T}(Matrix{T}, int)"/>
    /// scales W before factoring it and has no such limit. The same holds at the other end: for entries near T's range
    /// (float entries near 1e36, double ones near 1e200) MathNet's <c>W.Svd()</c> itself throws NonConvergenceException
    /// before this method is called, which no check here can prevent; <see cref="Of{T}(Matrix{T}, int)"/> factors such a W.
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="svd">An SVD computed with singular vectors (<c>computeVectors: true</c>, the default).</param>
    /// <param name="rank">The rank r to keep, 1 ≤ r ≤ min(d, k).</param>
    /// <returns>B, A and all singular values.</returns>
    public static LowRankFactors<T> Of<T>(Svd<T> svd, int rank)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Precision<T>.Require();
        ArgumentNullException.ThrowIfNull(svd);
        // The messages point at the part itself (svd.U[0, 1] is NaN); the parameter is still svd.
        Guard.Finite(svd.S, paramName: nameof(svd));
        Guard.Finite(svd.U, paramName: nameof(svd));
        Guard.Finite(svd.VT, paramName: nameof(svd));
        // Svd<T>.VectorsComputed is protected; without vectors MathNet leaves U all zeros, which no real U can be.
        // (Not FrobeniusNorm: MathNet forms U·Uᵀ for it.)
        if (svd.U.Enumerate().All(T.IsZero))
        {
            throw new ArgumentException(
                $"{nameof(svd)} must be computed with singular vectors (W.Svd(computeVectors: true)), but its singular vectors were not " +
                $"computed (U is all zeros).",
                nameof(svd));
        }
        Guard.Rank(rank, svd.U.RowCount, svd.VT.ColumnCount);
        var largest = double.CreateChecked(svd.S.AbsoluteMaximum());
        var floor = Math.Sqrt(MachineEpsilon.Of<T>());
        if (largest != 0 && largest < floor)
        {
            throw Guard.Invalid(nameof(svd),
                $"svd has largest singular value σ₁ = {largest:G4}, below √ε = {floor:G3} for {typeof(T).Name}: MathNet's SVD is wrong " +
                    $"for matrices this small, so its factors cannot be trusted. Use Truncation.Of(W, rank), which scales W before " +
                    $"factoring it.");
        }
        return Truncate(svd.U, svd.S, svd.VT, rank);
    }

    private static LowRankFactors<T> Truncate<T>(Matrix<T> u, Vector<T> s, Matrix<T> vt, int rank)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var d = u.RowCount;
        var k = vt.ColumnCount;
        // Scaling U_r's columns by σ_i is U_r·S_r without building the diagonal matrix.
        var b = u.SubMatrix(0, d, 0, rank);
        for (var i = 0; i < rank; i++)
        {
            b.SetColumn(i, b.Column(i) * s[i]);
        }
        var a = vt.SubMatrix(0, rank, 0, k);
        return new LowRankFactors<T>(b, a, s.Clone());
    }
}
