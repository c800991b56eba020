using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace LowRank;

/// <summary>
/// c = α·op(a)·op(b) + β·c over MathNet's column-major arrays, vectorised across the rows of c. Each entry is summed
/// as MathNet's managed provider sums it (one product after the other, k = 0, 1, …, no fused multiply-add), so the
/// result is bit for bit the managed provider's: only the speed changes, never a printed digit.
/// </summary>
internal static class ColumnMajorProduct
{
    // Columns of c computed together: each vector of op(a) is loaded once and used for this many independent sums.
    private const int Block = 4;

    // The loops are compiled optimised at once (AggressiveOptimization), as in VectorizedArrays: tier 0 is for code run once.

    /// <summary>c = α·op(a)·op(b) + β·c, with MathNet's argument checks and its handling of α = 0 and β ∈ {0, 1}.</summary>
    /// <param name="transposeA">Whether op(a) is aᵀ.</param>
    /// <param name="transposeB">Whether op(b) is bᵀ.</param>
    /// <param name="alpha">The scale of the product.</param>
    /// <param name="a">The rowsA×columnsA matrix a, column by column.</param>
    /// <param name="rowsA">Rows of a as stored.</param>
    /// <param name="columnsA">Columns of a as stored.</param>
    /// <param name="b">The rowsB×columnsB matrix b, column by column.</param>
    /// <param name="rowsB">Rows of b as stored.</param>
    /// <param name="columnsB">Columns of b as stored.</param>
    /// <param name="beta">The scale of c before the product is added.</param>
    /// <param name="c">The result, rows of op(a) × columns of op(b), column by column.</param>
    public static void MultiplyWithUpdate<T>(bool transposeA, bool transposeB, T alpha, T[] a, int rowsA, int columnsA,
        T[] b, int rowsB, int columnsB, T beta, T[] c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        var (m, inner) = transposeA ? (columnsA, rowsA) : (rowsA, columnsA);
        var (innerB, n) = transposeB ? (columnsB, rowsB) : (rowsB, columnsB);
        // The messages are formatted only on failure: a training step calls this several times, and should allocate nothing.
        if (inner != innerB)
        {
            Fail($"columnsA ({inner}) != rowsB ({innerB})");
        }
        if ((long)m * inner != a.Length)
        {
            Fail($"rowsA ({m}) * columnsA ({inner}) != a.Length ({a.Length})");
        }
        if ((long)innerB * n != b.Length)
        {
            Fail($"rowsB ({innerB}) * columnsB ({n}) != b.Length ({b.Length})");
        }
        if ((long)m * n != c.Length)
        {
            Fail($"rowsA ({m}) * columnsB ({n}) != c.Length ({c.Length})");
        }

        if (beta == T.Zero)
        {
            Array.Clear(c);
        }
        else if (beta != T.One)
        {
            for (var i = 0; i < c.Length; i++)
            {
                c[i] = beta * c[i];
            }
        }
        if (alpha == T.Zero)
        {
            return;
        }

        // op(a) column by column, so a vector of rows is one load; aᵀ is copied into that order once.
        var packed = transposeA ? ArrayPool<T>.Shared.Rent(a.Length) : a;
        try
        {
            if (transposeA)
            {
                Transpose(a, m, inner, packed);
            }
            // op(b)[p, j] is b[p + j·inner], or b[j + p·n] for bᵀ.
            var (pStride, jStride) = transposeB ? (n, 1) : (1, inner);
            Multiply(alpha, packed, m, inner, b, pStride, jStride, n, c);
        }
        finally
        {
            if (transposeA)
            {
                ArrayPool<T>.Shared.Return(packed);
            }
        }
    }

    private static void Fail(string message) => throw new ArgumentOutOfRangeException(null, message);

    // aᵀ of a stored inner×m matrix, written m×inner column by column into the first m·inner entries of packed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose<T>(T[] a, int m, int inner, T[] packed)
    {
        for (var i = 0; i < m; i++)
        {
            for (var p = 0; p < inner; p++)
            {
                packed[(p * m) + i] = a[(i * inner) + p];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply<T>(T alpha, T[] a, int m, int inner, T[] b, int pStride, int jStride, int n, T[] c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var width = Vector<T>.Count;
        var vectorRows = Vector.IsHardwareAccelerated ? m - (m % width) : 0;
        var j = 0;
        for (; j + Block <= n; j += Block)
        {
            var i = 0;
            for (; i + (2 * width) <= vectorRows; i += 2 * width)
            {
                TwoVectorsFourColumns(alpha, a, m, inner, i, b, pStride, jStride, j, c);
            }
            if (i < vectorRows)
            {
                FourColumns(alpha, a, m, inner, i, b, pStride, jStride, j, c);
            }
            ScalarRowsFourColumns(alpha, a, m, inner, vectorRows, b, pStride, jStride, j, c);
        }
        for (; j < n; j++)
        {
            for (var i = 0; i < vectorRows; i += width)
            {
                OneColumn(alpha, a, m, inner, i, b, pStride, jStride, j, c);
            }
            ScalarRows(alpha, a, m, inner, vectorRows, b, pStride, jStride, j, c);
        }
    }

    // Rows i … i+2·width−1 of columns j … j+3: eight independent running sums per lane, enough to keep the adder busy
    // while each waits for the one before; every sum in the managed provider's order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwoVectorsFourColumns<T>(T alpha, T[] a, int m, int inner, int i, T[] b, int pStride, int jStride, int j,
        T[] c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (s0, s1, s2, s3) = (Vector<T>.Zero, Vector<T>.Zero, Vector<T>.Zero, Vector<T>.Zero);
        var (t0, t1, t2, t3) = (Vector<T>.Zero, Vector<T>.Zero, Vector<T>.Zero, Vector<T>.Zero);
        var column = j * jStride;
        for (var p = 0; p < inner; p++)
        {
            var upper = Load(a, (p * m) + i);
            var lower = Load(a, (p * m) + i + Vector<T>.Count);
            var at = column + (p * pStride);
            var (b0, b1, b2, b3) = (new Vector<T>(b[at]), new Vector<T>(b[at + jStride]), new Vector<T>(b[at + (2 * jStride)]),
                new Vector<T>(b[at + (3 * jStride)]));
            s0 += upper * b0;
            s1 += upper * b1;
            s2 += upper * b2;
            s3 += upper * b3;
            t0 += lower * b0;
            t1 += lower * b1;
            t2 += lower * b2;
            t3 += lower * b3;
        }
        AddScaled(alpha, s0, c, (j * m) + i);
        AddScaled(alpha, s1, c, ((j + 1) * m) + i);
        AddScaled(alpha, s2, c, ((j + 2) * m) + i);
        AddScaled(alpha, s3, c, ((j + 3) * m) + i);
        var half = i + Vector<T>.Count;
        AddScaled(alpha, t0, c, (j * m) + half);
        AddScaled(alpha, t1, c, ((j + 1) * m) + half);
        AddScaled(alpha, t2, c, ((j + 2) * m) + half);
        AddScaled(alpha, t3, c, ((j + 3) * m) + half);
    }

    // Rows i … i+width−1 of columns j … j+3: four independent running sums per lane, in the managed provider's order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourColumns<T>(T alpha, T[] a, int m, int inner, int i, T[] b, int pStride, int jStride, int j, T[] c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (s0, s1, s2, s3) = (Vector<T>.Zero, Vector<T>.Zero, Vector<T>.Zero, Vector<T>.Zero);
        var column = j * jStride;
        for (var p = 0; p < inner; p++)
        {
            var rows = Load(a, (p * m) + i);
            var at = column + (p * pStride);
            s0 += rows * new Vector<T>(b[at]);
            s1 += rows * new Vector<T>(b[at + jStride]);
            s2 += rows * new Vector<T>(b[at + (2 * jStride)]);
            s3 += rows * new Vector<T>(b[at + (3 * jStride)]);
        }
        AddScaled(alpha, s0, c, (j * m) + i);
        AddScaled(alpha, s1, c, ((j + 1) * m) + i);
        AddScaled(alpha, s2, c, ((j + 2) * m) + i);
        AddScaled(alpha, s3, c, ((j + 3) * m) + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneColumn<T>(T alpha, T[] a, int m, int inner, int i, T[] b, int pStride, int jStride, int j, T[] c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sum = Vector<T>.Zero;
        for (var p = 0; p < inner; p++)
        {
            sum += Load(a, (p * m) + i) * new Vector<T>(b[(j * jStride) + (p * pStride)]);
        }
        AddScaled(alpha, sum, c, (j * m) + i);
    }

    // The rows below the last full vector (all rows of a product with fewer rows than a vector has lanes, such as A·X),
    // four columns at a time so four independent sums are under way, not one.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarRowsFourColumns<T>(T alpha, T[] a, int m, int inner, int from, T[] b, int pStride, int jStride, int j,
        T[] c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = from; i < m; i++)
        {
            var (s0, s1, s2, s3) = (T.Zero, T.Zero, T.Zero, T.Zero);
            var column = j * jStride;
            for (var p = 0; p < inner; p++)
            {
                var entry = a[(p * m) + i];
                var at = column + (p * pStride);
                s0 += entry * b[at];
                s1 += entry * b[at + jStride];
                s2 += entry * b[at + (2 * jStride)];
                s3 += entry * b[at + (3 * jStride)];
            }
            c[(j * m) + i] += alpha * s0;
            c[((j + 1) * m) + i] += alpha * s1;
            c[((j + 2) * m) + i] += alpha * s2;
            c[((j + 3) * m) + i] += alpha * s3;
        }
    }

    // The rows below the last full vector, one sum each, as the managed provider computes every entry.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarRows<T>(T alpha, T[] a, int m, int inner, int from, T[] b, int pStride, int jStride, int j, T[] c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = from; i < m; i++)
        {
            var sum = T.Zero;
            for (var p = 0; p < inner; p++)
            {
                sum += a[(p * m) + i] * b[(j * jStride) + (p * pStride)];
            }
            c[(j * m) + i] += alpha * sum;
        }
    }

    private static Vector<T> Load<T>(T[] values, int at)
        where T : unmanaged
        => new(values.AsSpan(at, Vector<T>.Count));

    private static void AddScaled<T>(T alpha, Vector<T> sum, T[] c, int at)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var target = c.AsSpan(at, Vector<T>.Count);
        (new Vector<T>(target) + (new Vector<T>(alpha) * sum)).CopyTo(target);
    }
}
