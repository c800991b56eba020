using System.Globalization;
using LowRank.Tests;

namespace LowRank.Notebooks.Tests;

/// <summary>
/// The charts' exception messages read the same in every culture, as the rest of the library's do: a German notebook
/// must not be told "was -0,5".
/// </summary>
public class ChartMessagesTests
{
    public static TheoryData<string> Calls => ["losses", "singularValues"];

    private static void Call(string name) => _ = name switch
    {
        "losses" => Charts.TrainingLoss([1.5, -0.5]),
        _ => Charts.SingularValues(Gaussian.VectorOf<double>(1.5, -0.5), 0),
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Numbers_in_messages_do_not_follow_the_current_culture(string name)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Call(name));
            Assert.Equal(name, ex.ParamName);
            Assert.Contains("-0.5", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("0,5", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
