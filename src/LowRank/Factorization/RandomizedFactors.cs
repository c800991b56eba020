using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The rank-r factorization W ≈ B·A from a randomized truncated SVD (<see cref="RandomizedSvd"/>): B = U_r·S_r (d×r),
/// A = V_rᵀ (r×k), and the r estimated singular values.
/// </summary>
/// <remarks>
/// Not a <see cref="LowRankFactors{T}"/>, whose <see cref="LowRankFactors{T}.SingularValues"/> promises all min(d, k)
/// singular values of W: a randomized SVD never computes the ones past its sketch, and inventing them (zeros, or the
/// sketch's r + p estimates) would make charts of the dropped spectrum wrong. The record owns its matrices and hands
/// out copies, so a caller who writes into B or A (or into what <see cref="Deconstruct"/> gives) changes only that copy.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed record RandomizedFactors<T>
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly Matrix<T> b;
    private readonly Matrix<T> a;
    private readonly Vector<T> singularValues;

    internal RandomizedFactors(Matrix<T> b, Matrix<T> a, Vector<T> singularValues, int sketchSize)
    {
        this.b = b;
        this.a = a;
        this.singularValues = singularValues;
        SketchSize = sketchSize;
    }

    /// <summary>B = U_r·S_r, a d×r matrix: the singular values are folded into the left factor, as in <see cref="Truncation"/>.
    /// Each read returns a new copy, so changing it cannot change the record.</summary>
    public Matrix<T> B => b.Clone();

    /// <summary>
    /// A = V_rᵀ, an r×k matrix with orthonormal rows. Each read returns a new copy, so changing it cannot change the record.
    /// </summary>
    public Matrix<T> A => a.Clone();

    /// <summary>The r estimated largest singular values of W, in decreasing order; each is at most the true σ_i.
    /// Each read returns a new copy, so changing it cannot change the record.</summary>
    public Vector<T> SingularValues => singularValues.Clone();

    /// <summary>
    /// The number of random directions the range finder used, r + oversampling capped at min(d, k): the columns of the
    /// orthonormal basis Q that W was projected on.
    /// </summary>
    internal int SketchSize { get; }

    /// <summary>The rank r of the factorization: the columns of B and the rows of A.</summary>
    public int Rank => b.ColumnCount;

    /// <summary>Lets a notebook write <c>var (B, A) = RandomizedSvd.Of(W, r, generator);</c>, like <see cref="Truncation"/>.</summary>
    /// <param name="b">B = U_r·S_r, a copy.</param>
    /// <param name="a">A = V_rᵀ, a copy.</param>
    public void Deconstruct(out Matrix<T> b, out Matrix<T> a) => (b, a) = (B, A);

    /// <summary>B·A, the randomized rank-r approximation of W.</summary>
    /// <returns>A new d×k matrix.</returns>
    public Matrix<T> Reconstruct() => b * a;
}
