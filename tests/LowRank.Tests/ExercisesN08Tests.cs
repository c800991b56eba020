using System.Text.Json.Nodes;

namespace LowRank.Tests;

/// <summary>
/// Notebook 8's exercise checks accept the answers real PyTorch 1.13 computes (tests/reference/pytorch-picture.json,
/// written by pytorch_picture.py) and refuse the near misses a learner could give.
/// </summary>
public class ExercisesN08Tests
{
    private static readonly JsonNode PyTorch =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pytorch-picture.json")))!;

    [Fact]
    public void The_relative_error_at_rank_20_is_PyTorchs_and_answers_0_02_percent_off_or_at_rank_19_or_21_are_not()
    {
        var answer = (double)PyTorch["relative_error_at_rank_20"]!;
        var sweep = RankSweep.Of(Pictures.Camera());

        Assert.True(Exercises.N08.RelativeErrorAtRank20(answer).Passed);
        Assert.False(Exercises.N08.RelativeErrorAtRank20(answer * 1.0002).Passed);
        Assert.False(Exercises.N08.RelativeErrorAtRank20(answer * 0.9998).Passed);
        Assert.False(Exercises.N08.RelativeErrorAtRank20(sweep[18].RelativeError).Passed);
        Assert.False(Exercises.N08.RelativeErrorAtRank20(sweep[20].RelativeError).Passed);
        // A percentage is not a fraction.
        Assert.False(Exercises.N08.RelativeErrorAtRank20(answer * 100).Passed);
        Assert.False(Exercises.N08.RelativeErrorAtRank20(null).Passed);
    }

    [Fact]
    public void The_noise_rank_is_PyTorchs_and_its_neighbours_and_the_pictures_rank_are_not()
    {
        var answer = (long)PyTorch["noise_smallest_rank_for_ten_percent"]!;

        Assert.True(Exercises.N08.NoiseRankForTenPercent(answer).Passed);
        Assert.False(Exercises.N08.NoiseRankForTenPercent(answer - 1).Passed);
        Assert.False(Exercises.N08.NoiseRankForTenPercent(answer + 1).Passed);
        Assert.False(Exercises.N08.NoiseRankForTenPercent((long)PyTorch["smallest_rank_for_relative_error"]!["0.1"]!).Passed);
        Assert.False(Exercises.N08.NoiseRankForTenPercent(null).Passed);
    }

    [Fact]
    public void The_ranks_notebook_8_picks_are_PyTorchs()
    {
        var sweep = RankSweep.Of(Pictures.Camera());
        foreach (var (threshold, rank) in PyTorch["smallest_rank_for_relative_error"]!.AsObject())
        {
            var limit = double.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((int)rank!, sweep.First(p => p.RelativeError <= limit).Rank);
        }
    }
}
