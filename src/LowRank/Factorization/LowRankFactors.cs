using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The rank-r factorization W ≈ B·A from a truncated SVD: B = U_r·S_r (d×r), A = V_rᵀ (r×k).
/// Built by <see cref="Truncation"/>; the matrices are fresh copies owned by this record, so treat them as read-only.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed record LowRankFactors<T>
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    internal LowRankFactors(Matrix<T> b, Matrix<T> a, Vector<T> singularValues)
    {
        B = b;
        A = a;
        SingularValues = singularValues;
    }

    /// <summary>B = U_r·S_r, a d×r matrix: the singular values are folded into the left factor, as in the original.</summary>
    public Matrix<T> B { get; }

    /// <summary>A = V_rᵀ, an r×k matrix.</summary>
    public Matrix<T> A { get; }

    /// <summary>All min(d, k) singular values of W in decreasing order, not only the r kept, so charts can show what was dropped.</summary>
    public Vector<T> SingularValues { get; }

    /// <summary>The rank r of the factorization: the columns of B and the rows of A.</summary>
    public int Rank => B.ColumnCount;

    /// <summary>Lets a notebook write <c>var (B, A) = Truncation.Of(W, r);</c>, as close as C# gets to the original's two lines.</summary>
    /// <param name="b">B = U_r·S_r.</param>
    /// <param name="a">A = V_rᵀ.</param>
    public void Deconstruct(out Matrix<T> b, out Matrix<T> a) => (b, a) = (B, A);

    /// <summary>B·A, the rank-r matrix closest to W in Frobenius and spectral norm (Eckart–Young).</summary>
    /// <returns>A new d×k matrix.</returns>
    public Matrix<T> Reconstruct() => B * A;
}
