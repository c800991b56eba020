using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// A layer's output through the full weight, y = W·x + b, and through the factors, y′ = B·(A·x) + b,
/// with the Euclidean norm of their difference.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>Only <see cref="OutputComparison.Of{T}(Matrix{T}, Matrix{T}, Matrix{T}, Vector{T}, Vector{T})"/> builds one, so the values are
/// finite.</remarks>
public sealed record OutputComparison<T>
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly Vector<T> full;
    private readonly Vector<T> lowRank;

    internal OutputComparison(Vector<T> full, Vector<T> lowRank, double difference)
    {
        this.full = full;
        this.lowRank = lowRank;
        Difference = difference;
    }

    /// <summary>y = W·x + b. Each read returns a new copy, so changing it cannot change the record.</summary>
    public Vector<T> Full => full.Clone();

    /// <summary>y′ = B·(A·x) + b. Each read returns a new copy, so changing it cannot change the record.</summary>
    public Vector<T> LowRank => lowRank.Clone();

    /// <summary>‖y − y′‖₂, the port of <c>torch.norm(output_W - output_BA)</c>.</summary>
    public double Difference { get; }
}

/// <summary>Computes <see cref="OutputComparison{T}"/>: does the factored layer give the same output as the full one?</summary>
public static class OutputComparison
{
    /// <summary>
    /// Compares W·x + b with B·(A·x) + b. A·x is taken first so the low-rank path costs r·(d + k) multiplications
    /// and never forms the d×k product B·A, which is the point of LoRA.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The d×k weight.</param>
    /// <param name="b">The d×r left factor.</param>
    /// <param name="a">The r×k right factor.</param>
    /// <param name="x">The input, length k.</param>
    /// <param name="bias">The bias, length d.</param>
    /// <returns>Both outputs and the norm of their difference.</returns>
    public static OutputComparison<T> Of<T>(Matrix<T> w, Matrix<T> b, Matrix<T> a, Vector<T> x, Vector<T> bias)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Finite(w);
        Guard.Finite(b);
        Guard.Finite(a);
        Guard.Chain(b, a, w.RowCount, w.ColumnCount);
        Guard.LayerInput(w, x, bias);

        var full = w * x + bias;
        var lowRank = b * (a * x) + bias;
        // Finite inputs can still overflow T in the products; an ∞ output would make the difference ∞ or NaN.
        if (!full.All(T.IsFinite) || !lowRank.All(T.IsFinite))
        {
            throw Guard.Overflow<T>("W·x + bias or B·(A·x) + bias", nameof(x), "Scale x down or compare in double.");
        }
        var difference = (full - lowRank).L2Norm();
        // Two finite outputs of opposite sign near T.MaxValue differ by more than T holds; measure that case in double.
        return new OutputComparison<T>(full, lowRank, double.IsFinite(difference) ? difference : EuclideanDistance.Of(full.ToArray(),
            lowRank.ToArray()));
    }

    /// <summary>Compares W·x + b with B·(A·x) + b for factors from <see cref="Truncation"/>.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The d×k weight.</param>
    /// <param name="factors">B and A, e.g. from <c>Truncation.Of(W, r)</c>.</param>
    /// <param name="x">The input, length k.</param>
    /// <param name="bias">The bias, length d.</param>
    /// <returns>Both outputs and the norm of their difference.</returns>
    public static OutputComparison<T> Of<T>(Matrix<T> w, LowRankFactors<T> factors, Vector<T> x, Vector<T> bias)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(factors);
        var (b, a) = factors.Shared;
        return Of(w, b, a, x, bias);
    }
}
