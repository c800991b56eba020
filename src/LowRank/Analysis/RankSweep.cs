using System.Collections;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Every rank r = 1..min(d, k) of one W at once: measured and predicted approximation error, energy kept and lost, output
/// error and parameters, one <see cref="RankSweepPoint"/> per rank in increasing order. One SVD, then
/// W_r = W_{r−1} + σ_r·u_r·v_rᵀ, so the whole sweep costs O(d·k·min(d, k)) instead of one factorization per rank.
/// </summary>
/// <remarks>
/// Only <see cref="Of{T}(Matrix{T})"/> and <see cref="Of{T}(Matrix{T}, Vector{T}, Vector{T})"/> build a sweep, so every sweep
/// has at least one point, no null ones, points of one W only, and output errors at every rank or at none: charts and
/// tables can take it without checking it again. It is a read-only list: <c>sweep[1]</c>, <c>foreach</c> and LINQ work.
/// </remarks>
public sealed class RankSweep : IReadOnlyList<RankSweepPoint>
{
    private readonly RankSweepPoint[] points;

    // Internal so that the tests can build sweeps with chosen values; the library builds them only in Sweep below.
    internal RankSweep(RankSweepPoint[] points) => this.points = points;

    /// <summary>The number of ranks swept, min(d, k).</summary>
    public int Count => points.Length;

    /// <summary>The point for rank <paramref name="index"/> + 1.</summary>
    /// <param name="index">0 for rank 1, up to <see cref="Count"/> − 1 for full rank.</param>
    public RankSweepPoint this[int index] => points[index];

    /// <summary>Whether the sweep was run with an input and bias, so that every point has an <see
    /// cref="RankSweepPoint.OutputError"/>.</summary>
    internal bool HasOutputError => points[0].OutputError is not null;

    /// <summary>The points in increasing rank.</summary>
    /// <returns>An enumerator over the points.</returns>
    public IEnumerator<RankSweepPoint> GetEnumerator() => ((IEnumerable<RankSweepPoint>)points).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Sweeps all ranks of <paramref name="w"/> without an output comparison (<see cref="RankSweepPoint.OutputError"/> is
    /// null).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The d×k matrix, not empty; every entry must be finite.</param>
    /// <returns>One point per rank, in increasing rank.</returns>
    public static RankSweep Of<T>(Matrix<T> w)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Factorable(w);
        Guard.NotEmpty(w);
        return Sweep(w, null, null);
    }

    /// <summary>Sweeps all ranks of <paramref name="w"/>, also comparing W·x + b with B_r·(A_r·x) + b at each rank.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The d×k matrix, not empty; every entry must be finite.</param>
    /// <param name="x">The input, length k; W·x + b must fit in <typeparamref name="T"/>, as a layer computes it there.</param>
    /// <param name="bias">The bias, length d.</param>
    /// <returns>One point per rank, in increasing rank.</returns>
    public static RankSweep Of<T>(Matrix<T> w, Vector<T> x, Vector<T> bias)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Factorable(w);
        Guard.NotEmpty(w);
        Guard.LayerInput(w, x, bias);
        return Sweep(w, x, bias);
    }

    private static RankSweep Sweep<T>(Matrix<T> w, Vector<T>? x, Vector<T>? bias)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        int d = w.RowCount, k = w.ColumnCount, n = Math.Min(d, k);
        var svd = SingularValueDecomposition<T>.Of(w, computeVectors: true);
        // Thin factors, column-major: u_i[row] is u[i·d + row] (U is d×n) and v_i[col] is vt[col·n + i] (Vᵀ is n×k).
        var u = svd.U.ToColumnMajorArray();
        var vt = svd.VT.ToColumnMajorArray();
        var sigma = svd.ScaledS.ToArray();
        var unit = svd.Exponent;

        // W and W_r are compared in units of 2^unit, where entries are below 2 and σ below 2·√(dk): W_r cannot overflow
        // T even when σ₁ would (a float W near 3e38), and power-of-two scaling rounds exactly as the unscaled values
        // would. Only the double results are scaled back.
        var original = w.Map(v => T.ScaleB(v, -unit)).ToColumnMajorArray();
        var approximation = new T[original.Length];
        var column = new T[d];
        var rowOfA = new T[k];

        // Suffix sums of σ² give every Eckart–Young prediction in O(n); summed in double so the tail is not lost in float.
        var tail = new double[n + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = svd.Scaled(i);
            tail[i] = tail[i + 1] + s * s;
        }
        var total = tail[0];

        // y′_r = y′_{r−1} + σ_r·u_r·(v_rᵀx): the cheap path B_r·(A_r·x) + b, grown one rank at a time, in T as a layer would.
        var full = x is null ? null : Output(w * x + bias!);
        var lowRank = bias?.ToArray();

        var points = new RankSweepPoint[n];
        for (var r = 1; r <= n; r++)
        {
            var i = r - 1;
            var s = sigma[i];
            // B_r·A_r grows by (σ_r·u_r)·v_rᵀ: column r of B = U_r·S_r times row r of A = V_rᵀ, rounded in the same order
            // as B * A, so the measured error is the one a notebook gets from (W - B * A).FrobeniusNorm().
            for (var row = 0; row < d; row++)
            {
                column[row] = u[i * d + row] * s;
            }
            for (var col = 0; col < k; col++)
            {
                rowOfA[col] = vt[col * n + i];
            }
            // The update and ‖W − W_r‖_F in one vectorised pass over W_r: a second pass to measure would cost as much as the update.
            var scaledError = RankOneUpdate.AddAndMeasure<T>(approximation, original, column, rowOfA);

            double? outputError = null;
            if (x is not null)
            {
                var ax = T.Zero;
                for (var col = 0; col < k; col++)
                {
                    ax += vt[col * n + i] * x[col];
                }
                var step = T.ScaleB(s * ax, unit);
                for (var row = 0; row < d; row++)
                {
                    lowRank![row] += u[i * d + row] * step;
                }
                outputError = EuclideanDistance.Of(full!, lowRank!);
                if (!double.IsFinite(outputError.Value))
                {
                    throw Overflow<T>($"B_{r}·(A_{r}·x) + bias", nameof(x));
                }
            }

            var point = new RankSweepPoint(
                rank: r,
                error: double.ScaleB(scaledError, unit),
                eckartYoung: double.ScaleB(Math.Sqrt(tail[r]), unit),
                relativeError: total == 0 ? 0 : scaledError / Math.Sqrt(total),
                energyKept: total == 0 ? 1 : (total - tail[r]) / total,
                energyLost: total == 0 ? 0 : tail[r] / total,
                outputError: outputError,
                parameters: ParameterCount.Of(d, k, r));
            // Only a double W near double.MaxValue gets here: its Frobenius norm itself is beyond double.
            if (!double.IsFinite(point.Error) || !double.IsFinite(point.EckartYoung))
            {
                throw Guard.Invalid(nameof(w),
                    $"w has ‖W − W_{r}‖_F = {svd.Unscaled(scaledError)}, beyond double.MaxValue, so the sweep cannot report it; scale w " +
                        $"down.");
            }
            points[i] = point;
        }
        return new RankSweep(points);

        T[] Output(Vector<T> y)
        {
            var values = y.ToArray();
            return values.All(T.IsFinite) ? values : throw Overflow<T>("W·x + bias", nameof(x));
        }
    }

    private static ArgumentException Overflow<T>(string what, string name)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Guard.Overflow<T>(what, name, $"Scale {name} down or run the sweep in double.");
}
