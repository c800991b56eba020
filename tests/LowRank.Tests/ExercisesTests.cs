using System.Text.Json.Nodes;

namespace LowRank.Tests;

/// <summary>
/// Each exercise check passes the right answer and refuses the likely wrong ones. The right answers come from outside
/// the library: real PyTorch 1.13 (tests/reference/pytorch-original.json, portable kernel, which TorchGenerator
/// reproduces) or arithmetic written out here.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class ExercisesTests
{
    private static readonly JsonNode Portable =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pytorch-original.json")))!["default"]!;

    private static double[] S(JsonNode run) => run["S"]!.AsArray().Select(v => (double)v!).ToArray();

    private static double[] TorchS => S(Portable);

    private static double[] TorchS3 => S(Portable["W3"]!);

    /// <summary>Runs a check with the shared console swapped for a quiet writer.</summary>
    private static CheckResult Quietly(Func<CheckResult> check)
    {
        var original = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            return check();
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private static void Passes(Func<CheckResult> check) => Assert.True(Quietly(check).Passed);

    private static void Fails(Func<CheckResult> check)
    {
        var result = Quietly(check);
        Assert.False(result.Passed);
        Assert.DoesNotContain("still null", result.Message, StringComparison.Ordinal);
    }

    private static void AsksForAnAnswer(Func<CheckResult> check) =>
        Assert.Contains("is still null", Quietly(check).Message, StringComparison.Ordinal);

    [Fact]
    public void N01_margin_is_W3s_sigma3_over_its_tolerance()
    {
        var tolerance = (double)Portable["W3"]!["tolerance"]!;
        Passes(() => Exercises.N01.MarginAboveTolerance(TorchS3[2] / tolerance));
        Fails(() => Exercises.N01.MarginAboveTolerance(TorchS3[3] / tolerance)); // σ₄, under the cliff
        Fails(() => Exercises.N01.MarginAboveTolerance(TorchS3[1] / tolerance)); // σ₂, as if the rank were 2
        Fails(() => Exercises.N01.MarginAboveTolerance(tolerance / TorchS3[2]));
        Fails(() => Exercises.N01.MarginAboveTolerance(TorchS[2] / (double)Portable["tolerance"]!)); // W's σ₃, not W3's
        AsksForAnAnswer(() => Exercises.N01.MarginAboveTolerance(null));
    }

    [Fact]
    public void N01_smallest_tolerance_is_sigma2_to_more_digits_than_notebook_2_prints()
    {
        Passes(() => Exercises.N01.SmallestTolerance(TorchS[1]));
        Fails(() => Exercises.N01.SmallestTolerance(4.8439)); // σ₂ as notebook 2 prints it
        Fails(() => Exercises.N01.SmallestTolerance(TorchS[1] * (1 - 3e-6)));
        Fails(() => Exercises.N01.SmallestTolerance((double)Portable["tolerance"]!)); // the default tolerance
        Fails(() => Exercises.N01.SmallestTolerance(TorchS[0]));
        AsksForAnAnswer(() => Exercises.N01.SmallestTolerance(null));
    }

    [Fact]
    public void N02_error_of_W3_at_rank_1_is_PyTorchs_and_Eckart_Youngs()
    {
        Passes(() => Exercises.N02.ErrorOfW3AtRank1((double)Portable["W3"]!["error_rank_1"]!));
        Passes(() => Exercises.N02.ErrorOfW3AtRank1(Math.Sqrt(TorchS3.Skip(1).Sum(s => s * s))));
        Fails(() => Exercises.N02.ErrorOfW3AtRank1(TorchS3[1])); // σ₂ alone forgets σ₃
        Fails(() => Exercises.N02.ErrorOfW3AtRank1((double)Portable["error_rank_1"]!)); // W's error, not W3's
        AsksForAnAnswer(() => Exercises.N02.ErrorOfW3AtRank1(null));
    }

    [Fact]
    public void N02_energy_kept_at_rank_1_is_sigma1_squared_over_the_sum_of_squares()
    {
        var squares = TorchS.Select(s => s * s).ToArray();
        Passes(() => Exercises.N02.EnergyKeptAtRank1(squares[0] / squares.Sum()));
        Fails(() => Exercises.N02.EnergyKeptAtRank1(TorchS[0] / TorchS.Sum())); // not squared
        Fails(() => Exercises.N02.EnergyKeptAtRank1(1 - squares[0] / squares.Sum())); // the energy lost
        Fails(() => Exercises.N02.EnergyKeptAtRank1(100 * squares[0] / squares.Sum())); // a percentage
        AsksForAnAnswer(() => Exercises.N02.EnergyKeptAtRank1(null));
    }

    [Fact]
    public void N03_break_even_rank_of_a_4096_by_11008_layer_is_2986()
    {
        // r·(4096 + 11008) ≥ 4096·11008 = 45,088,768: 2985·15,104 = 45,085,440 falls short, 2986·15,104 = 45,100,544 does not.
        Passes(() => Exercises.N03.BreakEvenRank(2986));
        Fails(() => Exercises.N03.BreakEvenRank(2985));
        Fails(() => Exercises.N03.BreakEvenRank(2048)); // n/2, the square layer's rule
        Fails(() => Exercises.N03.BreakEvenRank(5)); // the 10×10 matrix's
        AsksForAnAnswer(() => Exercises.N03.BreakEvenRank(null));
    }

    [Fact]
    public void N03_Adam_keeps_79953920_numbers_for_rank_8_adapters_on_32_layers()
    {
        // Per layer: 4·8·(4096 + 4096) + 3·8·(4096 + 11008) = 262,144 + 362,496 = 624,640 parameters; four numbers each, 32 layers.
        Passes(() => Exercises.N03.AdamNumbers(79_953_920));
        Fails(() => Exercises.N03.AdamNumbers(19_988_480)); // the parameters alone
        Fails(() => Exercises.N03.AdamNumbers(2_498_560)); // one layer
        Fails(() => Exercises.N03.AdamNumbers(4L * 32 * 7 * 65_536)); // every matrix counted as 4096 × 4096
        AsksForAnAnswer(() => Exercises.N03.AdamNumbers(null));
    }
}
