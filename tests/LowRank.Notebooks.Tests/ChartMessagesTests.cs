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
    public void Numbers_in_messages_do_not_follow_the_current_culture(string name) =>
        Rejects.MinusHalfInEveryCulture(() => Call(name), name);
}
