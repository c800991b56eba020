using System.Globalization;

namespace LowRank;

/// <summary>The largest finite value of float or double, as overflow messages name it.</summary>
internal static class LargestFinite
{
    /// <summary>E.g. "Single.MaxValue = 3.4028235E+38"; IFloatingPointIeee754 has no MaxValue, but one step below ∞ is it.</summary>
    public static string Describe<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => $"{typeof(T).Name}.MaxValue = {T.BitDecrement(T.PositiveInfinity).ToString(null, CultureInfo.InvariantCulture)}";
}
