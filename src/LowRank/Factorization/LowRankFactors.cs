using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The rank-r factorization W ≈ B·A from a truncated SVD: B = U_r·S_r (d×r), A = V_rᵀ (r×k).
/// Built by <see cref="Truncation"/>; the record owns its matrices and hands out copies, so a caller who writes into B or A
/// (or into what <see cref="Deconstruct"/> gives) changes only that copy.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed record LowRankFactors<T>
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly Matrix<T> b;
    private readonly Matrix<T> a;
    private readonly Vector<T> singularValues;

    internal LowRankFactors(Matrix<T> b, Matrix<T> a, Vector<T> singularValues)
    {
        this.b = b;
        this.a = a;
        this.singularValues = singularValues;
    }

    /// <summary>
    /// B = U_r·S_r, a d×r matrix: the singular values are folded into the left factor, as in the original.
    /// Each read returns a new copy, so changing it cannot change the record.
    /// </summary>
    public Matrix<T> B => b.Clone();

    /// <summary>A = V_rᵀ, an r×k matrix. Each read returns a new copy, so changing it cannot change the record.</summary>
    public Matrix<T> A => a.Clone();

    /// <summary>All min(d, k) singular values of W in decreasing order, not only the r kept, so charts can show what was dropped.
    /// Each read returns a new copy, so changing it cannot change the record.</summary>
    public Vector<T> SingularValues => singularValues.Clone();

    /// <summary>The rank r of the factorization: the columns of B and the rows of A.</summary>
    public int Rank => b.ColumnCount;

    /// <summary>B and A without copying, for the library's own reads.</summary>
    internal (Matrix<T> B, Matrix<T> A) Shared => (b, a);

    /// <summary>Lets a notebook write <c>var (B, A) = Truncation.Of(W, r);</c>, as close as C# gets to the original's two lines.</summary>
    /// <param name="b">B = U_r·S_r, a copy.</param>
    /// <param name="a">A = V_rᵀ, a copy.</param>
    public void Deconstruct(out Matrix<T> b, out Matrix<T> a) => (b, a) = (B, A);

    /// <summary>B·A, the rank-r matrix closest to W in Frobenius and spectral norm (Eckart–Young).</summary>
    /// <returns>A new d×k matrix.</returns>
    public Matrix<T> Reconstruct() => b * a;
}
