using System.Globalization;

namespace LowRank;

/// <summary>Short, culture-independent number text for tables and hover labels.</summary>
internal static class Numbers
{
    /// <summary>Four significant decimals in plain notation for moderate values, scientific outside [1e-3, 1e4).</summary>
    public static string Short(double value) =>
        value == 0 ? "0" : Math.Abs(value) is >= 1e-3 and < 1e4
            ? value.ToString("0.####", CultureInfo.InvariantCulture)
            : value.ToString("0.###e+0", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with the given decimals, e.g. 0.4 % as "0.40 %".</summary>
    public static string Percent(double share, int decimals = 2) =>
        share.ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators, e.g. 16,777,216.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
