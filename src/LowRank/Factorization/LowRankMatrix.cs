using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The original's rank-deficient weight, <c>torch.randn(d, r) @ torch.randn(r, k)</c>, as one call: a product of
/// Gaussian factors has rank r with probability 1.
/// </summary>
public static class LowRankMatrix
{
    /// <summary>
    /// The most multiply-adds, rows·rank·cols, that <see cref="Random{T}"/> spends on the product: 2^32 ≈ 4.3e9, up to about
    /// a minute in MathNet's managed code on a slow core. A larger W is better kept as its two factors, as LoRA keeps B·A.
    /// </summary>
    public const long MaxProductWork = 1L << 32;

    /// <summary>
    /// <c>torch.randn(rows, rank) @ torch.randn(rank, cols)</c> in float, drawing the factors in that order so seed 0
    /// gives the original's W.
    /// </summary>
    /// <param name="generator">The PyTorch-compatible generator; advanced by rows·rank + rank·cols draws.</param>
    /// <param name="rows">d, at least 1.</param>
    /// <param name="cols">k, at least 1.</param>
    /// <param name="rank">r, 1 ≤ r ≤ min(d, k), with rows·r·cols at most <see cref="MaxProductWork"/>.</param>
    /// <returns>A new rows×cols float matrix of rank <paramref name="rank"/>.</returns>
    public static Matrix<float> Random(TorchGenerator generator, int rows, int cols, int rank)
        => Random<float>(generator, rows, cols, rank);

    /// <summary>
    /// The same draws as <see cref="Random(TorchGenerator, int, int, int)"/>, with the float factors converted to
    /// <typeparamref name="T"/> before multiplying, e.g. <c>LowRankMatrix.Random&lt;double&gt;(gen, 10, 10, 2)</c>:
    /// the same W without the product's float rounding, so precision effects can be told apart from the data.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="generator">The PyTorch-compatible generator; advanced by rows·rank + rank·cols draws.</param>
    /// <param name="rows">d, at least 1.</param>
    /// <param name="cols">k, at least 1.</param>
    /// <param name="rank">r, 1 ≤ r ≤ min(d, k), with rows·r·cols at most <see cref="MaxProductWork"/>.</param>
    /// <returns>A new rows×cols matrix of rank <paramref name="rank"/>.</returns>
    public static Matrix<T> Random<T>(TorchGenerator generator, int rows, int cols, int rank)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Precision<T>.Require();
        ArgumentNullException.ThrowIfNull(generator);
        Guard.Positive(rows);
        Guard.Positive(cols);
        Guard.Rank(rank, rows, cols);
        // rank ≤ min(rows, cols), so rows·cols bounds both factors too: one check before drawing covers all three
        // arrays, and a rejected call leaves the generator where it was.
        Guard.Elements(rows, cols);
        var work = (long)rows * rank * cols;
        if (work > MaxProductWork)
        {
            throw Guard.OutOfRange(nameof(rank),
                $"rows x rank x cols = {rows} x {rank} x {cols} = {work} multiply-adds, "
                + $"but the product is limited to {MaxProductWork} (about a minute in managed code). "
                + $"Keep W as its factors generator.Randn(rows, rank) and generator.Randn(rank, cols), as LoRA keeps B·A, "
                + $"or choose a smaller rank.");
        }
        var left = generator.Randn(rows, rank);
        var right = generator.Randn(rank, cols);
        if (typeof(T) == typeof(float))
        {
            return (Matrix<T>)(object)(left * right);
        }
        return Convert<T>(left) * Convert<T>(right);
    }

    private static Matrix<T> Convert<T>(Matrix<float> m)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Matrix<T>.Build.Dense(m.RowCount, m.ColumnCount, (i, j) => T.CreateChecked(m.At(i, j)));
}
