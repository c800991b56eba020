using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The rank-r update ΔW that minimises a LoRA layer's training loss ‖W₀·X + ΔW·X − Y‖²_F / (d·n) exactly (reduced-rank
/// regression): the best that training s·B·A on that loss can reach. It is the truncated SVD of the target update only
/// when X·Xᵀ is a multiple of the identity; otherwise the loss weighs the directions of ΔW by how much X varies along them.
/// </summary>
/// <remarks>
/// With T = Y − W₀·X and the thin SVD X = U·S·Vᵀ of an X of full row rank,
/// ‖ΔW·X − T‖² = ‖ΔW·U·S − T·V‖² + ‖T‖² − ‖T·V‖², and Z = ΔW·U·S ranges over every d×k matrix of rank ≤ r as ΔW does.
/// So Z is the truncated SVD of T·V (Eckart–Young) and ΔW = Z·S⁻¹·Uᵀ. Everything is computed in double.
/// </remarks>
public static class ReducedRankRegression
{
    /// <summary>The rank-<paramref name="rank"/> update that minimises the mean squared error of W₀ + ΔW on the batch.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w0">The frozen d×k weight; every entry must be finite.</param>
    /// <param name="x">
    /// The inputs, k×n with one column per example; every entry must be finite, and its rank must be k (so n ≥ k), since
    /// otherwise some ΔW change nothing on the batch and the minimiser is not unique.
    /// </param>
    /// <param name="y">The targets, d×n; every entry must be finite.</param>
    /// <param name="rank">The rank r, 1 ≤ r ≤ min(d, k).</param>
    /// <returns>The minimiser ΔW (d×k, in double) and its loss.</returns>
    public static ReducedRankFit Of<T>(Matrix<T> w0, Matrix<T> x, Matrix<T> y, int rank)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Factorable(w0);
        Guard.NotEmpty(w0);
        Guard.Factorable(x);
        Guard.Finite(y);
        int d = w0.RowCount, k = w0.ColumnCount, n = x.ColumnCount;
        if (x.RowCount != k)
        {
            throw Guard.Invalid(nameof(x), $"{nameof(x)} must have {k} rows (the columns of the {d}x{k} w0), but is {Guard.Shape(x)}.");
        }
        Guard.Dimensions(y, d, n, $"the rows of the {d}x{k} w0 by the columns of the {Guard.Shape(x)} x");
        Guard.Rank(rank, d, k);
        var xRank = MatrixRank.Of(x);
        if (xRank < k)
        {
            throw Guard.Invalid(nameof(x),
                $"{nameof(x)} ({Guard.Shape(x)}) has rank {xRank}, but must have full row rank {k}: with fewer than {k} independent " +
                    $"inputs some updates change nothing on the batch, so no single one minimises the loss.");
        }

        var x64 = Widen(x);
        var targets = Widen(y) - (Widen(w0) * x64);
        if (!targets.Enumerate().All(double.IsFinite))
        {
            throw Guard.Invalid(nameof(y), $"{nameof(y)} − w0·x overflows double for these matrices: scale them down.");
        }
        // X = 2^e·U·S·Vᵀ with S scaled: the power of two cancels between Z and S⁻¹, so it is applied once, exactly, at the end.
        var svd = SingularValueDecomposition<double>.Of(x64, computeVectors: true);
        var best = Truncation.Of(targets.TransposeAndMultiply(svd.VT), rank);
        var inverse = Matrix<double>.Build.DenseOfDiagonalVector(svd.ScaledS.Map(s => 1 / s));
        var delta = (best.Reconstruct() * inverse).TransposeAndMultiply(svd.U).Map(v => double.ScaleB(v, -svd.Exponent));
        var residual = (delta * x64) - targets;
        return new ReducedRankFit(rank, delta, residual.Enumerate().Average(v => v * v));
    }

    private static Matrix<double> Widen<T>(Matrix<T> m)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => m.Map(v => double.CreateChecked(v));
}

/// <summary>The outcome of <see cref="ReducedRankRegression.Of{T}"/>: the loss-minimising update of one rank and its loss.</summary>
public sealed record ReducedRankFit
{
    private readonly Matrix<double> delta;

    internal ReducedRankFit(int rank, Matrix<double> delta, double loss)
    {
        Rank = rank;
        this.delta = delta;
        Loss = loss;
    }

    /// <summary>The rank r the update was limited to.</summary>
    public int Rank { get; }

    /// <summary>The d×k update ΔW of rank at most r. Each read returns a new copy, so changing it cannot change the record.</summary>
    public Matrix<double> Delta => delta.Clone();

    /// <summary>The training loss of W₀ + ΔW, the mean over all d·n entries of the squared residual: no rank-r update does
    /// better.</summary>
    public double Loss { get; }
}
