using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The power of two that brings a matrix's largest entry into [1, 2), which the SVDs factor through: scaling by it is
/// exact, and keeps MathNet's SVD and the sketch's products clear of overflow and subnormals.
/// </summary>
internal static class PowerOfTwo
{
    /// <summary>The exponent e with max |w_ij| in [2^e, 2^(e+1)) (0 for an all-zero W), and that largest |entry|.</summary>
    public static (int Exponent, T Largest) Of<T>(Matrix<T> w)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var largest = T.Zero;
        foreach (var v in w.Enumerate())
        {
            largest = T.Max(largest, T.Abs(v));
        }
        return (largest == T.Zero ? 0 : T.ILogB(largest), largest);
    }

    /// <summary>scaled·2^exponent as text to 4 digits, or as "scaled·2^exponent" when the product overflows double.</summary>
    public static string Describe(double scaled, int exponent)
    {
        var value = double.ScaleB(scaled, exponent);
        return double.IsFinite(value)
            ? value.ToString("G4", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{scaled.ToString("G4", CultureInfo.InvariantCulture)}·2^{exponent}");
    }

    /// <summary>The error for a finite W whose σ₁, <paramref name="sigma"/> as text, does not fit in T.</summary>
    /// <param name="name">The matrix's parameter name.</param>
    /// <param name="sigma">σ₁ from <see cref="Describe"/>.</param>
    /// <param name="largest">W's largest |entry|.</param>
    /// <param name="kind">"" for an exact σ₁, "estimated " for a randomized one.</param>
    public static ArgumentException SingularValueOverflow<T>(string name, string sigma, double largest, string kind = "")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => new(
            $"{name} has largest {kind}singular value σ₁ = {sigma} " +
            $"(its largest |entry| is {largest.ToString("G4", CultureInfo.InvariantCulture)}), " +
            $"beyond {LargestFinite.Describe<T>()}, so its singular values and factors cannot be stored in {typeof(T).Name}. " +
            $"Scale {name} down or convert it to double, e.g. {name}.Map(v => (double)v).",
            name);
}
