using System.Text.Json.Nodes;

namespace LowRank.Tests;

/// <summary>
/// Notebook 4's exercise checks accept the answers real PyTorch 1.13 computes (tests/reference/pytorch-rank-exercises.json,
/// written by pytorch_rank_exercises.py) and refuse answers just outside their tolerance of 0.1 %.
/// </summary>
public class ExercisesN04Tests
{
    private static readonly JsonNode PyTorch = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory,
        "pytorch-rank-exercises.json")))!;

    private static double FromPyTorch(string key) => (double)PyTorch[key]!;

    [Fact]
    public void The_largest_noise_level_is_the_one_PyTorch_finds_and_an_answer_0_2_percent_off_is_not()
    {
        var answer = FromPyTorch("largest_noise_level_keeping_99.9_percent_at_rank_2");

        Assert.True(Exercises.N04.LargestNoiseLevel(answer).Passed);
        Assert.False(Exercises.N04.LargestNoiseLevel(answer * 1.002).Passed);
        Assert.False(Exercises.N04.LargestNoiseLevel(answer * 0.998).Passed);
        Assert.False(Exercises.N04.LargestNoiseLevel(null).Passed);
    }

    [Fact]
    public void The_noise_level_is_not_the_guess_that_energy_lost_grows_as_s_squared()
    {
        // Rank 2 of W + 0.1·noise loses 0.408 % of the energy; scaling s by √(0.1 % ÷ 0.408 %) guesses 0.0495, 0.8 % too large.
        var lostAtOneTenth = 1 - RankSweep.Of(W() + 0.1f * Noise())[1].EnergyKept;

        var verdict = Exercises.N04.LargestNoiseLevel(0.1 * Math.Sqrt(0.001 / lostAtOneTenth));

        Assert.False(verdict.Passed);
        Assert.StartsWith("✗ not yet: the largest noise level at which rank 2 keeps 99.9 % of the energy differs", verdict.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_relative_error_with_noise_1_is_PyTorchs_and_an_answer_0_2_percent_off_is_not()
    {
        var answer = FromPyTorch("relative_error_at_rank_2_with_noise_1");

        Assert.True(Exercises.N04.RelativeErrorAtRank2(answer).Passed);
        // Off either way, the same words: a direction would let a learner bisect to the answer.
        Assert.Equal(Exercises.N04.RelativeErrorAtRank2(answer * 1.002).Message,
            Exercises.N04.RelativeErrorAtRank2(answer * 0.998).Message);
        Assert.False(Exercises.N04.RelativeErrorAtRank2(answer * 1.002).Passed);
        // The noise-0.1 matrix's error, which notebook 4's charts show, is not the answer.
        Assert.False(Exercises.N04.RelativeErrorAtRank2(RankSweep.Of(W() + 0.1f * Noise())[1].RelativeError).Passed);
    }

    private static MathNet.Numerics.LinearAlgebra.Matrix<float> W()
    {
        var generator = new TorchGenerator(seed: 0);
        return generator.Randn(10, 2) * generator.Randn(2, 10);
    }

    private static MathNet.Numerics.LinearAlgebra.Matrix<float> Noise()
    {
        var generator = new TorchGenerator(seed: 0);
        _ = (generator.Randn(10, 2), generator.Randn(2, 10));
        return generator.Randn(10, 10);
    }
}
