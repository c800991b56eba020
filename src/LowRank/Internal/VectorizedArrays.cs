using System.Numerics;
using System.Runtime.CompilerServices;

namespace LowRank;

/// <summary>
/// The entry-by-entry operations of MathNet's managed provider (x + y, x − y, x ⊙ y, α·x), a vector of entries at a
/// time. Each entry is the one rounded operation the managed loop performs, so the results are its bits.
/// </summary>
internal static class VectorizedArrays
{
    // Every loop here is compiled optimised at once (AggressiveOptimization): a notebook runs a cell once, and Vector<T>
    // code at tier 0, unoptimised and with every vector operation a call, ran a first 500-step training 3-5 times slower.

    /// <summary>result = x + y; result may be x or y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add<T>(T[] x, T[] y, T[] result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(x, y, result);
        var i = 0;
        for (; i <= result.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            (Load(x, i) + Load(y, i)).CopyTo(result, i);
        }
        for (; i < result.Length; i++)
        {
            result[i] = x[i] + y[i];
        }
    }

    /// <summary>result = x − y; result may be x or y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Subtract<T>(T[] x, T[] y, T[] result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(x, y, result);
        var i = 0;
        for (; i <= result.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            (Load(x, i) - Load(y, i)).CopyTo(result, i);
        }
        for (; i < result.Length; i++)
        {
            result[i] = x[i] - y[i];
        }
    }

    /// <summary>result = x ⊙ y, entry by entry; result may be x or y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(T[] x, T[] y, T[] result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(x, y, result);
        var i = 0;
        for (; i <= result.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            (Load(x, i) * Load(y, i)).CopyTo(result, i);
        }
        for (; i < result.Length; i++)
        {
            result[i] = x[i] * y[i];
        }
    }

    /// <summary>result = α·x for an α other than 0 and 1, which the managed provider treats apart (it clears or copies).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scale<T>(T alpha, T[] x, T[] result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(result);
        if (x.Length < result.Length)
        {
            throw new ArgumentException("All vectors must have the same dimensionality.");
        }
        var factor = new Vector<T>(alpha);
        var i = 0;
        for (; i <= result.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            (factor * Load(x, i)).CopyTo(result, i);
        }
        for (; i < result.Length; i++)
        {
            result[i] = alpha * x[i];
        }
    }

    // The managed provider's checks, in its order.
    private static void SameLength<T>(T[] x, T[] y, T[] result)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(result);
        if (y.Length != x.Length || y.Length != result.Length)
        {
            throw new ArgumentException("All vectors must have the same dimensionality.");
        }
    }

    private static Vector<T> Load<T>(T[] values, int at)
        where T : unmanaged
        => new(values.AsSpan(at, Vector<T>.Count));
}
