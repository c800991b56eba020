using System.Globalization;

namespace LowRank;

/// <summary>
/// Python's float formatting (<c>'{:.4f}'</c>, <c>'{:.4e}'</c> and <c>repr</c>), which PyTorch's printer builds on.
/// Python rounds the exact binary value half-to-even, while .NET's "F"/"E" round ties away from zero
/// (0.03125 is "0.0312" in Python, "0.0313" in .NET), so the rounding is done here on the exact value.
/// </summary>
internal static class PythonNumberFormat
{
    /// <summary>Python's <c>format(value, '.{precision}f')</c>.</summary>
    public static string Fixed(double value, int precision)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        var digits = RoundHalfEven(Math.Abs(value), precision).ToString(CultureInfo.InvariantCulture)
            .PadLeft(precision + 1, '0');
        var text = precision == 0 ? digits : digits[..^precision] + "." + digits[^precision..];

        // Python keeps the sign of a negative value even when it rounds to zero (and of -0.0 itself).
        return double.IsNegative(value) ? "-" + text : text;
    }

    /// <summary>Python's <c>format(value, '.{precision}e')</c>: one leading digit and an exponent of at least two digits.</summary>
    public static string Scientific(double value, int precision)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        var magnitude = Math.Abs(value);
        var exponent = 0;
        var scaled = System.Numerics.BigInteger.Zero;
        if (magnitude != 0)
        {
            // Log10 is only a first guess; the loop settles the exponent on the exact rounded digits,
            // which also covers 9.99996 rounding up to 1.0000e+01.
            exponent = (int)Math.Floor(Math.Log10(magnitude));
            var lower = System.Numerics.BigInteger.Pow(10, precision);
            var upper = lower * 10;
            while (true)
            {
                scaled = RoundHalfEven(magnitude, precision - exponent);
                if (scaled >= upper)
                {
                    exponent++;
                }
                else if (scaled < lower)
                {
                    exponent--;
                }
                else
                {
                    break;
                }
            }
        }

        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(precision + 1, '0');
        var mantissa = precision == 0 ? digits : digits[..1] + "." + digits[1..];
        var text = mantissa + Exponent(exponent);
        return double.IsNegative(value) ? "-" + text : text;
    }

    /// <summary>Python's <c>repr(value)</c>: the shortest digits that round-trip, in fixed notation for decimal
    /// exponents from -4 to 15 (always with a fractional part) and scientific notation otherwise.</summary>
    public static string Repr(double value)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // .NET's "R" gives the same shortest round-trip digits as Python; only the layout differs.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(['E', 'e']);
        var exponent10 = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var allDigits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var significant = allDigits.TrimStart('0');

        // decimalPoint: the value is 0.<significant> x 10^decimalPoint, Python's "decpt".
        var decimalPoint = integerDigits + exponent10 - (allDigits.Length - significant.Length);
        significant = significant.TrimEnd('0');

        string text;
        if (decimalPoint <= -4 || decimalPoint > 16)
        {
            var rest = significant.Length > 1 ? "." + significant[1..] : string.Empty;
            text = significant[..1] + rest + Exponent(decimalPoint - 1);
        }
        else if (decimalPoint <= 0)
        {
            text = "0." + new string('0', -decimalPoint) + significant;
        }
        else if (decimalPoint >= significant.Length)
        {
            text = significant + new string('0', decimalPoint - significant.Length) + ".0";
        }
        else
        {
            text = significant[..decimalPoint] + "." + significant[decimalPoint..];
        }
        return value < 0 ? "-" + text : text;
    }

    private static string Exponent(int exponent) =>
        "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    /// <summary>Rounds magnitude x 10^decimalShift to an integer, half to even, using the exact binary value.</summary>
    private static System.Numerics.BigInteger RoundHalfEven(double magnitude, int decimalShift)
    {
        var bits = BitConverter.DoubleToInt64Bits(magnitude);
        var biasedExponent = (int)((bits >> 52) & 0x7ff);
        var fraction = bits & 0xfffffffffffffL;
        var significand = new System.Numerics.BigInteger(biasedExponent == 0 ? fraction : fraction | (1L << 52));
        var binaryExponent = biasedExponent == 0 ? -1074 : biasedExponent - 1075;

        var numerator = significand;
        var denominator = System.Numerics.BigInteger.One;
        if (binaryExponent >= 0)
        {
            numerator <<= binaryExponent;
        }
        else
        {
            denominator <<= -binaryExponent;
        }
        if (decimalShift >= 0)
        {
            numerator *= System.Numerics.BigInteger.Pow(10, decimalShift);
        }
        else
        {
            denominator *= System.Numerics.BigInteger.Pow(10, -decimalShift);
        }

        var quotient = System.Numerics.BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }
        return quotient;
    }
}
