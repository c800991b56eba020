namespace LowRank.Tests;

/// <summary>Error budgets per precision: a few hundred rounding units of T, relative to the size of the data.</summary>
internal static class Tolerances
{
    public static double Relative<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => 256 * MachineEpsilon.Of<T>();
}
