namespace LowRank;

/// <summary>
/// The element types the library computes in: float and double. Other <see cref="System.Numerics.IFloatingPointIeee754{TSelf}"/>
/// types such as <see cref="Half"/> or NFloat satisfy the generic constraint but fail deep inside MathNet, so they are
/// turned away at the entry point instead.
/// </summary>
/// <typeparam name="T">The element type a caller chose.</typeparam>
internal static class Precision<T>
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    // Decided once per T, when the type is first touched; the throw stays outside the static constructor so callers get
    // the NotSupportedException itself rather than a TypeInitializationException wrapping it.
    private static readonly bool Supported = typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>Throws <see cref="NotSupportedException"/> naming <typeparamref name="T"/> unless it is float or double.</summary>
    public static void Require()
    {
        if (!Supported)
        {
            throw new NotSupportedException(
                $"T must be float or double, the types MathNet computes in, but was {typeof(T).Name}. Convert the data to float or " +
                $"double first.");
        }
    }
}
