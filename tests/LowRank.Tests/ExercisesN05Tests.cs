using System.Text.Json.Nodes;

namespace LowRank.Tests;

/// <summary>
/// Notebook 5's exercise checks against the answers real PyTorch gives (tests/reference/pytorch-lora-training.json): the
/// right loss passes, under either CPU kernel, and the loss a PyTorch loop prints last, taken before the last update, does not.
/// </summary>
public class ExercisesN05Tests
{
    private static readonly JsonNode Runs = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory,
        "pytorch-lora-training.json")))!;

    private static JsonNode Run => Runs["default"]!;

    private static double Number(JsonNode? node) => (double)node!;

    [Fact]
    public void Checks_accept_PyTorchs_answers_and_reject_the_loss_before_the_last_update()
    {
        var exercises = Run["exercises"]!;
        Assert.Equal(0.05, Number(exercises["small_learning_rate"]));
        Assert.True(Exercises.N05.LossWithGaussianB(Number(exercises["loss_with_gaussian_B"])).Passed);
        Assert.True(Exercises.N05.FinalLossAtSmallLearningRate(Number(exercises["small_learning_rate_final_loss"])).Passed);
        // The last iteration's loss.item() is taken before the last update: not the loss the exercise asks for.
        Assert.False(Exercises.N05.FinalLossAtSmallLearningRate(Number(exercises["small_learning_rate_loss_before_last_update"])).Passed);
        Assert.False(Exercises.N05.LossWithGaussianB(Number(Run["losses"]!["0"])).Passed);
        Assert.False(Exercises.N05.LossWithGaussianB(null).Passed);
        Assert.False(Exercises.N05.FinalLossAtSmallLearningRate(null).Passed);
    }

    [Fact]
    public void A_learner_on_PyTorchs_AVX2_kernel_passes_too()
    {
        var exercises = Runs["avx2"]!["exercises"]!;
        Assert.True(Exercises.N05.LossWithGaussianB(Number(exercises["loss_with_gaussian_B"])).Passed);
        Assert.True(Exercises.N05.FinalLossAtSmallLearningRate(Number(exercises["small_learning_rate_final_loss"])).Passed);
    }
}
