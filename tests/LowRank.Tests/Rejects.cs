using System.Globalization;

namespace LowRank.Tests;

/// <summary>The validation tests' one assertion: a call is refused with the right exception type, naming the argument.</summary>
internal static class Rejects
{
    /// <summary>Asserts <paramref name="call"/> throws exactly <typeparamref name="TException"/> naming <paramref name="paramName"/>, with
    /// each of <paramref name="inMessage"/> in its message.</summary>
    public static void Throws<TException>(Action call, string paramName, params string[] inMessage)
        where TException : ArgumentException
    {
        var exception = Assert.Throws<TException>(call);
        Assert.Equal(paramName, exception.ParamName);
        foreach (var text in inMessage)
        {
            Assert.Contains(text, exception.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Asserts <paramref name="call"/>, given -0.5 where a number ≥ 0 belongs, is refused naming <paramref name="paramName"/>
    /// with "-0.5" in its message even under de-DE, whose "-0,5" the BCL would print.
    /// </summary>
    public static void MinusHalfInEveryCulture(Action call, string paramName)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var ex = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Equal(paramName, ex.ParamName);
            Assert.Contains("-0.5", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("0,5", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
