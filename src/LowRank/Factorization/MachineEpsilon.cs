namespace LowRank;

/// <summary>
/// The machine epsilon of a floating-point type: the gap between 1 and the next larger number
/// (2^-23 for <see cref="float"/>, 2^-52 for <see cref="double"/>), as NumPy's <c>finfo(dtype).eps</c>.
/// </summary>
public static class MachineEpsilon
{
    /// <summary>Machine epsilon of <typeparamref name="T"/> as a double, e.g. <c>MachineEpsilon.Of&lt;float&gt;()</c> =
    /// 1.1920929e-7.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <returns>The distance from 1 to the next representable <typeparamref name="T"/>.</returns>
    public static double Of<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Precision<T>.Require();
        // T.Epsilon is the smallest subnormal (1.4e-45 for float), not the rounding unit that tolerances need.
        return double.CreateChecked(T.BitIncrement(T.One) - T.One);
    }
}
