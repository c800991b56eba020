namespace LowRank;

/// <summary>
/// ‖l − r‖₂ computed in double and scaled by the largest |l_i − r_i| (as LAPACK's dnrm2 does), so that squaring
/// neither overflows nor flushes to zero whatever the vectors' own size, e.g. outputs near 1e200 or 1e-200.
/// </summary>
internal static class EuclideanDistance
{
    /// <summary>‖l − r‖₂; ∞ only when the distance itself exceeds double's range.</summary>
    public static double Of<T>(IReadOnlyList<T> left, IReadOnlyList<T> right)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        // Halving is exact (away from subnormals) and keeps l − r finite for double entries near ±1.8e308.
        var distance = Scaled(left, right, 1.0);
        return double.IsFinite(distance) ? distance : 2 * Scaled(left, right, 0.5);
    }

    private static double Scaled<T>(IReadOnlyList<T> left, IReadOnlyList<T> right, double factor)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var largest = 0.0;
        for (var i = 0; i < left.Count; i++)
        {
            largest = Math.Max(largest, Math.Abs(Difference(left[i], right[i], factor)));
        }
        if (largest == 0 || !double.IsFinite(largest))
        {
            return largest;
        }
        var sum = 0.0;
        for (var i = 0; i < left.Count; i++)
        {
            var ratio = Difference(left[i], right[i], factor) / largest;
            sum += ratio * ratio;
        }
        return largest * Math.Sqrt(sum);
    }

    private static double Difference<T>(T left, T right, double factor)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => (double.CreateChecked(left) * factor) - (double.CreateChecked(right) * factor);
}
