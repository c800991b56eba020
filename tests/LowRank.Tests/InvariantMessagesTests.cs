using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// Exception messages read the same in every culture: a German notebook must not be told "was -0,5", nor by the
/// "Actual value was" line the BCL appends to an <see cref="ArgumentOutOfRangeException"/> in the current culture.
/// </summary>
public class InvariantMessagesTests
{
    public static TheoryData<string> Calls => ["tolerance", "alpha", "learningRate", "noise", "relativeTolerance", "a"];

    private static void Call(string name)
    {
        var w = Gaussian.Random<double>(3, 3, 1);
        var adapter = LoraAdapter.Initial<double>(new TorchGenerator(0), 3, 3, 1, 1);
        var x = Gaussian.Random<double>(3, 2, 2);
        _ = name switch
        {
            "tolerance" => MatrixRank.Of(w, -0.5),
            "alpha" => (object)LoraAdapter.Initial(new TorchGenerator(0), 3, 3, 1, -0.5),
            "learningRate" => LoraStep.Train(w, adapter, x, w * x, -0.5, 1),
            "noise" => LoraProblem.Synthetic(new TorchGenerator(0), 3, 3, 2, 1, -0.5f),
            "relativeTolerance" => Check.Close("x", 1.0, 1.0, -0.5),
            _ => TorchInit.KaimingUniform(new TorchGenerator(0), 2, 2, -0.5),
        };
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void Numbers_in_messages_do_not_follow_the_current_culture(string name) =>
        Rejects.MinusHalfInEveryCulture(() => Call(name), name);
}
