using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// A layer's output through the full weight, y = W·x + b, and through the factors, y′ = B·(A·x) + b,
/// with the Euclidean norm of their difference.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <param name="Full">y = W·x + b.</param>
/// <param name="LowRank">y′ = B·(A·x) + b.</param>
/// <param name="Difference">‖y − y′‖₂, the port of <c>torch.norm(output_W - output_BA)</c>.</param>
public sealed record OutputComparison<T>(Vector<T> Full, Vector<T> LowRank, double Difference)
    where T : struct, System.Numerics.IFloatingPointIeee754<T>;

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
        Guard.Finite(x);
        Guard.Finite(bias);
        Guard.Chain(b, a, w.RowCount, w.ColumnCount);
        Guard.Length(x, w.ColumnCount, $"the columns of the {Guard.Shape(w)} W");
        Guard.Length(bias, w.RowCount, $"the rows of the {Guard.Shape(w)} W");

        var full = w * x + bias;
        var lowRank = b * (a * x) + bias;
        return new OutputComparison<T>(full, lowRank, (full - lowRank).L2Norm());
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
        return Of(w, factors.B, factors.A, x, bias);
    }
}
