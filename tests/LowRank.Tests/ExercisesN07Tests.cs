using System.Text.Json.Nodes;

namespace LowRank.Tests;

/// <summary>
/// Notebook 7's exercise checks against the answers real PyTorch gives (tests/reference/pytorch-digits-lora.json): the right
/// answers pass, and the likely wrong ones (the rank-4 adapter's accuracy, a count one off, none) do not.
/// </summary>
public class ExercisesN07Tests
{
    private static readonly JsonNode Exercise = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory,
        "pytorch-digits-lora.json")))!["default"]!["exercises"]!;

    [Fact]
    public void The_accuracy_check_accepts_PyTorchs_and_rejects_a_neighbour_and_the_rank_4_adapters()
    {
        var accuracy = (double)Exercise["upside_down_rank2_validation_accuracy"]!;
        Assert.True(Exercises.N07.UpsideDownRank2Accuracy(accuracy).Passed);
        Assert.False(Exercises.N07.UpsideDownRank2Accuracy(accuracy + (1.0 / 400)).Passed);
        Assert.False(Exercises.N07.UpsideDownRank2Accuracy((double)Exercise["upside_down_rank4_validation_accuracy"]!).Passed);
        Assert.False(Exercises.N07.UpsideDownRank2Accuracy(100 * accuracy).Passed);
        Assert.False(Exercises.N07.UpsideDownRank2Accuracy(null).Passed);
    }

    [Fact]
    public void The_count_check_accepts_PyTorchs_and_nothing_else()
    {
        var changed = (long)Exercise["changed_original_predictions"]!;
        Assert.True(Exercises.N07.ChangedOriginalPredictions(changed).Passed);
        Assert.False(Exercises.N07.ChangedOriginalPredictions(changed + 1).Passed);
        Assert.False(Exercises.N07.ChangedOriginalPredictions(changed - 1).Passed);
        Assert.False(Exercises.N07.ChangedOriginalPredictions(0).Passed);
        Assert.False(Exercises.N07.ChangedOriginalPredictions(null).Passed);
    }
}
