using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Every rank r = 1..min(d, k) at once: measured and predicted approximation error, energy kept, output error and
/// parameters. One SVD, then W_r = W_{r−1} + σ_r·u_r·v_rᵀ, so the whole sweep costs O(n³) instead of one
/// factorization per rank.
/// </summary>
public static class RankSweep
{
    /// <summary>Sweeps all ranks of <paramref name="w"/> without an output comparison (<see cref="RankSweepPoint.OutputError"/> is null).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The d×k matrix; every entry must be finite.</param>
    /// <returns>One point per rank, in increasing rank.</returns>
    public static IReadOnlyList<RankSweepPoint> Of<T>(Matrix<T> w)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Finite(w);
        return Sweep(w, null, null);
    }

    /// <summary>Sweeps all ranks of <paramref name="w"/>, also comparing W·x + b with B_r·(A_r·x) + b at each rank.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The d×k matrix; every entry must be finite.</param>
    /// <param name="x">The input, length k.</param>
    /// <param name="bias">The bias, length d.</param>
    /// <returns>One point per rank, in increasing rank.</returns>
    public static IReadOnlyList<RankSweepPoint> Of<T>(Matrix<T> w, Vector<T> x, Vector<T> bias)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Finite(w);
        Guard.Finite(x);
        Guard.Finite(bias);
        Guard.Length(x, w.ColumnCount, $"the columns of the {Guard.Shape(w)} W");
        Guard.Length(bias, w.RowCount, $"the rows of the {Guard.Shape(w)} W");
        return Sweep(w, x, bias);
    }

    private static RankSweepPoint[] Sweep<T>(Matrix<T> w, Vector<T>? x, Vector<T>? bias)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        int d = w.RowCount, k = w.ColumnCount, n = Math.Min(d, k);
        var svd = SingularValueDecomposition<T>.Of(w, computeVectors: true);
        var u = svd.U.ToColumnMajorArray();
        var vt = svd.VT.ToColumnMajorArray();
        var sigma = svd.S.ToArray();

        // Norms are taken in units of σ_max so squares neither overflow nor underflow, even for double entries near 1e±200.
        var unit = double.CreateChecked(sigma[0]);
        var scale = unit == 0 ? 1 : unit;

        // Suffix sums of σ² give every Eckart–Young prediction in O(n); summed in double so the tail is not lost in float.
        var tail = new double[n + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = double.CreateChecked(sigma[i]) / scale;
            tail[i] = tail[i + 1] + s * s;
        }
        var total = tail[0];

        var original = w.ToColumnMajorArray();
        var approximation = new T[d * k];

        // y′_r = y′_{r−1} + σ_r·u_r·(v_rᵀx): the cheap path B_r·(A_r·x) + b, grown one rank at a time.
        var full = x is null ? null : (w * x + bias!).ToArray();
        var lowRank = bias?.ToArray();

        var points = new RankSweepPoint[n];
        for (var r = 1; r <= n; r++)
        {
            var i = r - 1;
            var s = sigma[i];
            for (var col = 0; col < k; col++)
            {
                var sv = s * vt[col * k + i];
                for (var row = 0; row < d; row++)
                {
                    approximation[col * d + row] += u[i * d + row] * sv;
                }
            }

            double? outputError = null;
            if (x is not null)
            {
                var ax = T.Zero;
                for (var col = 0; col < k; col++)
                {
                    ax += vt[col * k + i] * x[col];
                }
                var step = s * ax;
                for (var row = 0; row < d; row++)
                {
                    lowRank![row] += u[i * d + row] * step;
                }
                outputError = Distance(full!, lowRank!, scale);
            }

            var error = Distance(original, approximation, scale);
            points[i] = new RankSweepPoint(
                Rank: r,
                Error: error,
                EckartYoung: scale * Math.Sqrt(tail[r]),
                RelativeError: total == 0 ? 0 : error / (scale * Math.Sqrt(total)),
                EnergyKept: total == 0 ? 1 : (total - tail[r]) / total,
                OutputError: outputError,
                Parameters: ParameterCount.Of(d, k, r));
        }
        return points;
    }

    private static double Distance<T>(T[] left, T[] right, double scale)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var sum = 0.0;
        for (var i = 0; i < left.Length; i++)
        {
            var diff = double.CreateChecked(left[i] - right[i]) / scale;
            sum += diff * diff;
        }
        return scale * Math.Sqrt(sum);
    }
}
