using System.Runtime.InteropServices;

namespace LowRank;

/// <summary>
/// One step of a rank sweep in a single pass over the d×k matrices: W_r = W_{r−1} + c·vᵀ, then ‖W − W_r‖_F.
/// </summary>
/// <remarks>
/// <para>
/// A sweep over all ranks does this n times over n² entries, so its cost is the sweep's cost beside the SVD. Adding
/// first and measuring with <see cref="EuclideanDistance"/> afterwards reads both matrices three times per rank
/// (the update, then the distance's scaling pass and its sum) through <see cref="IReadOnlyList{T}"/>, which made
/// <see cref="RankSweep"/> 2–6 times one SVD; fused and, for double, vectorised it reads each entry once.
/// </para>
/// <para>
/// Every entry of W_r is rounded exactly as in the separate loop (a product, then a sum; .NET never contracts them to
/// a fused multiply-add), so W_r is bit for bit what <c>B * A</c> accumulates. The squares are summed in double without
/// scaling, which is exact enough unless they under- or overflow: then the scaled <see cref="EuclideanDistance"/> is
/// used instead.
/// </para>
/// </remarks>
internal static class RankOneUpdate
{
    // Below this sum of squares some squares may have fallen into double's subnormals (< 2^-1022) and lost digits, or
    // to zero; 2^-900 is 2^122 above that, so the at most 2^31 such terms could not move a larger sum in its 53rd bit.
    private static readonly double SmallestTrustedSum = Math.ScaleB(1.0, -900);

    /// <summary>Adds column·rowᵀ to <paramref name="approximation"/> and returns ‖original − approximation‖_F.</summary>
    /// <param name="approximation">W_{r−1}, d×k in column-major order; becomes W_r.</param>
    /// <param name="original">W, d×k in column-major order.</param>
    /// <param name="column">c = σ_r·u_r, length d.</param>
    /// <param name="row">v_r, length k.</param>
    /// <returns>‖W − W_r‖_F in double; ∞ only when the distance itself exceeds double's range.</returns>
    public static double AddAndMeasure<T>(Span<T> approximation, ReadOnlySpan<T> original, ReadOnlySpan<T> column, ReadOnlySpan<T> row)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var sum = AddAndSumSquares(approximation, original, column, row);
        return sum >= SmallestTrustedSum && double.IsFinite(sum)
            ? Math.Sqrt(sum)
            : EuclideanDistance.Of(original.ToArray(), approximation.ToArray());
    }

    /// <summary>
    /// Adds column·rowᵀ to <paramref name="approximation"/> and returns Σ (W − W_r)² in double, unscaled: the fast path,
    /// whose value <see cref="AddAndMeasure{T}"/> takes only when it is trustworthy, so the tests check it on its own.
    /// </summary>
    internal static double AddAndSumSquares<T>(Span<T> approximation, ReadOnlySpan<T> original, ReadOnlySpan<T> column, ReadOnlySpan<T> row)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => typeof(T) == typeof(double)
            ? AddAndSumSquares(
                MemoryMarshal.Cast<T, double>(approximation), MemoryMarshal.Cast<T, double>(original),
                MemoryMarshal.Cast<T, double>(column), MemoryMarshal.Cast<T, double>(row))
            : AddAndSumSquaresScalar(approximation, original, column, row);

    private static double AddAndSumSquares(Span<double> approximation, ReadOnlySpan<double> original, ReadOnlySpan<double> column,
        ReadOnlySpan<double> row)
    {
        var d = column.Length;
        var width = System.Numerics.Vector<double>.Count;
        // Two accumulators: with one, every step waits for the previous addition's latency, and the loop runs at
        // half the speed its loads and stores allow. The < 2·width entries left over go to the scalar tail.
        var even = System.Numerics.Vector<double>.Zero;
        var odd = System.Numerics.Vector<double>.Zero;
        var sum = 0.0;
        for (var j = 0; j < row.Length; j++)
        {
            var v = row[j];
            var vs = new System.Numerics.Vector<double>(v);
            var a = approximation.Slice(j * d, d);
            var o = original.Slice(j * d, d);
            var i = 0;
            for (; i <= d - (2 * width); i += 2 * width)
            {
                even += Step(a, o, column, vs, i);
                odd += Step(a, o, column, vs, i + width);
            }
            for (; i < d; i++)
            {
                a[i] += column[i] * v;
                var difference = o[i] - a[i];
                sum += difference * difference;
            }
        }
        return sum + System.Numerics.Vector.Sum(even + odd);
    }

    /// <summary>Updates the lanes at <paramref name="i"/> and returns their squared differences.</summary>
    private static System.Numerics.Vector<double> Step(Span<double> a, ReadOnlySpan<double> o, ReadOnlySpan<double> column,
        System.Numerics.Vector<double> v, int i)
    {
        var updated = new System.Numerics.Vector<double>(a[i..]) + (new System.Numerics.Vector<double>(column[i..]) * v);
        updated.CopyTo(a[i..]);
        var difference = new System.Numerics.Vector<double>(o[i..]) - updated;
        return difference * difference;
    }

    private static double AddAndSumSquaresScalar<T>(Span<T> approximation, ReadOnlySpan<T> original, ReadOnlySpan<T> column,
        ReadOnlySpan<T> row)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var d = column.Length;
        var sum = 0.0;
        for (var j = 0; j < row.Length; j++)
        {
            var v = row[j];
            var a = approximation.Slice(j * d, d);
            var o = original.Slice(j * d, d);
            for (var i = 0; i < d; i++)
            {
                a[i] += column[i] * v;
                // The difference in double, as EuclideanDistance takes it: a float sum of squares would lose digits.
                var difference = double.CreateChecked(o[i]) - double.CreateChecked(a[i]);
                sum += difference * difference;
            }
        }
        return sum;
    }
}
