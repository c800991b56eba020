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
}
