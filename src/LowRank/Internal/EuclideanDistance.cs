namespace LowRank;

/// <summary>
/// ‖l − r‖₂ computed in double and scaled by the largest |l_i − r_i| (as LAPACK's dnrm2 does), so that squaring
/// neither overflows nor flushes to zero whatever the vectors' own size, e.g. outputs near 1e200 or 1e-200.
/// </summary>
internal static class EuclideanDistance
{
    /// <summary>‖l − r‖₂; ∞ only when the distance itself exceeds double's range.</summary>
    /// <remarks>
    /// A difference l_i − r_i that overflows double has an exact value beyond double's range, and so has the distance,
    /// which is at least that difference: no rescaling of the inputs could return a finite result, so none is tried.
    /// </remarks>
    public static double Of<T>(IReadOnlyList<T> left, IReadOnlyList<T> right)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var largest = 0.0;
        for (var i = 0; i < left.Count; i++)
        {
            largest = Math.Max(largest, Math.Abs(Difference(left[i], right[i])));
        }
        if (largest == 0 || !double.IsFinite(largest))
        {
            return largest;
        }
        var sum = 0.0;
        for (var i = 0; i < left.Count; i++)
        {
            var ratio = Difference(left[i], right[i]) / largest;
            sum += ratio * ratio;
        }
        return largest * Math.Sqrt(sum);
    }

    private static double Difference<T>(T left, T right)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => double.CreateChecked(left) - double.CreateChecked(right);
}
