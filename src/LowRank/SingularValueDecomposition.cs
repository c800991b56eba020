using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// W = U·diag(2^Exponent · ScaledS)·Vᵀ through MathNet, computed on W scaled by 2^−Exponent so its largest entry is
/// in [1, 2). MathNet's managed SVD fails to converge for double entries near 1e200 and returns wrong singular values
/// near 1e-200; scaling by a power of two is exact, so nothing is lost by doing it always.
/// </summary>
/// <remarks>
/// The singular values stay scaled because scaling them back can overflow T although W is finite: a 2×2 float W of
/// entries 3e38 has σ₁ = 6e38 &gt; float.MaxValue. Callers compare and accumulate in the scaled domain and scale back
/// only what must be stored in T, through <see cref="SingularValues"/>, which rejects such a W by name.
/// </remarks>
internal sealed record SingularValueDecomposition<T>(Matrix<T> U, Vector<T> ScaledS, Matrix<T> VT, int Exponent, double LargestEntry)
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    public static SingularValueDecomposition<T> Of(Matrix<T> w, bool computeVectors)
    {
        var largest = w.Enumerate().Select(T.Abs).Max();
        var exponent = largest == T.Zero ? 0 : T.ILogB(largest);
        var svd = w.Map(v => T.ScaleB(v, -exponent)).Svd(computeVectors);
        return new SingularValueDecomposition<T>(svd.U, svd.S, svd.VT, exponent, double.CreateChecked(largest));
    }

    /// <summary>σ_i ÷ 2^Exponent as a double.</summary>
    public double Scaled(int i) => double.CreateChecked(ScaledS[i]);

    /// <summary>The singular values in T; throws naming <paramref name="name"/> when σ₁ does not fit in T.</summary>
    public Vector<T> SingularValues(string name)
    {
        var s = ScaledS.Map(v => T.ScaleB(v, Exponent));
        if (s.Count > 0 && !T.IsFinite(s[0]))
        {
            var type = typeof(T).Name;
            throw new ArgumentException(
                $"{name} has largest singular value σ₁ = {Unscaled(Scaled(0))} (its largest |entry| is " +
                $"{LargestEntry.ToString("G4", CultureInfo.InvariantCulture)}), beyond {LargestFinite.Describe<T>()}, so its singular values and factors cannot be " +
                $"stored in {type}. Scale {name} down or convert it to double, e.g. {name}.Map(v => (double)v).",
                name);
        }
        return s;
    }

    /// <summary>A scaled value times 2^Exponent as text, readable even when the product overflows double.</summary>
    public string Unscaled(double scaled)
    {
        var value = double.ScaleB(scaled, Exponent);
        return double.IsFinite(value)
            ? value.ToString("G4", CultureInfo.InvariantCulture)
            : $"{scaled.ToString("G4", CultureInfo.InvariantCulture)}·2^{Exponent}";
    }
}
