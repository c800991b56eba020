using System.Globalization;
using LowRank;

namespace Workbook.Tests;

/// <summary>
/// The notebooks write the lesson's math out in their cells; the library holds tested versions of the same computations.
/// Both must print the same numbers, so a cell that drifts from the tested version is caught.
/// </summary>
[Collection(WorkbookCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class LibraryAgreementTests(WorkbookRun workbook)
{
    private static MathNet.Numerics.LinearAlgebra.Matrix<float> W()
    {
        var generator = new TorchGenerator(seed: 0);
        return generator.Randn(10, 2) * generator.Randn(2, 10);
    }

    private string Printed(string notebook, string label)
    {
        var line = workbook.Executed(notebook).PrintedText.Split('\n').SingleOrDefault(l => l.StartsWith(label, StringComparison.Ordinal));
        Assert.True(line is not null, $"{notebook} prints no line starting '{label}'.");
        return line[label.Length..].Trim();
    }

    private static string G(double value, int digits) => value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture),
        CultureInfo.InvariantCulture);

    [Fact]
    public void Notebook_1s_written_out_rank_rule_gives_MatrixRanks_tolerance() =>
        Assert.Equal(G(MatrixRank.DefaultTolerance(W()), 5), Printed("01-seeding-and-rank.ipynb", "Tolerance: "));

    [Fact]
    public void Notebook_2s_truncation_error_is_the_sweeps_error_at_rank_2() =>
        Assert.Equal(G(RankSweep.Of(W())[1].Error, 4), Printed("02-svd-and-truncation.ipynb", "‖W − BA‖ (Frobenius): "));

    [Fact]
    public void Notebook_4s_rank_1_by_hand_is_the_sweeps_first_point()
    {
        var point = RankSweep.Of(W())[0];
        Assert.Equal(G(point.Error, 6), Printed("04-choosing-the-rank.ipynb", "measured ‖W − B₁A₁‖: "));
        Assert.Equal(G(point.EckartYoung, 6), Printed("04-choosing-the-rank.ipynb", "Eckart–Young √(σ₂² + … + σ₁₀²): "));
    }

    [Fact]
    public void Notebook_3s_outputs_are_OutputComparisons()
    {
        var generator = new TorchGenerator(seed: 0);
        var w = generator.Randn(10, 2) * generator.Randn(2, 10);
        var factors = Truncation.Of(w, 2);
        var printed = workbook.Executed("03-outputs-and-parameters.ipynb").PrintedText;
        foreach (var _ in new[] { "first draw", "second draw" })
        {
            var bias = generator.Randn(10);
            var x = generator.Randn(10);
            var outputs = OutputComparison.Of(w, factors, x, bias);
            Assert.Contains("Output using W: " + outputs.Full.ToTorchString(), printed, StringComparison.Ordinal);
            Assert.Contains("Output using BA: " + outputs.LowRank.ToTorchString(), printed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Notebook_5s_loop_ends_where_LoraStep_Train_does_and_its_minimiser_is_ReducedRankRegressions()
    {
        const string name = "05-training-a-lora-adapter.ipynb";
        Assert.Equal("True", Printed(name, "W0 unchanged: "));

        var problem = LoraProblem.Synthetic(new TorchGenerator(seed: 0), 64, 64, 256, updateRank: 2, noise: 0.1f);
        var run = LoraStep.Train(problem.W0, LoraAdapter.Initial(new TorchGenerator(seed: 1), 64, 64, 2, alpha: 2), problem.X, problem.Y,
            0.5, 500);
        string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture),
            CultureInfo.InvariantCulture);
        // The cell's loop and the tested loop agree to the printed digits at every step the cell prints.
        Assert.Equal($"{F(run.Losses[0], 6)} at the start, {F(run.Losses[100], 6)} after 100 steps, {F(run.Losses[200], 6)} after 200, " +
            $"{F(run.FinalLoss, 6)} after 500",
            Printed(name, "loss: "));

        // The cell's U_r·U_rᵀ·ΔW* against the library's route through the SVD of X, and Eckart–Young against RankSweep.
        var fit = ReducedRankRegression.Of(problem.W0, problem.X, problem.Y, rank: 2);
        var target = problem.TargetDelta.Map(v => (double)v);
        Assert.Contains($"minimiser of L {F(fit.Loss, 6)},", Printed(name, "loss L: "), StringComparison.Ordinal);
        var distances = Printed(name, "‖· − ΔW*‖: ");
        Assert.Contains($"minimiser of L {F((fit.Delta - target).FrobeniusNorm(), 4)},", distances, StringComparison.Ordinal);
        Assert.EndsWith($"Eckart–Young {F(RankSweep.Of(problem.TargetDelta)[1].EckartYoung, 4)}", distances, StringComparison.Ordinal);
    }

    [Fact]
    public void Notebook_5s_gradients_agree_with_central_differences_and_a_zero_start_never_moves()
    {
        const string name = "05-training-a-lora-adapter.ipynb";
        // The cell's formulas against its own central differences in double: rounding only, far below float's 1e-7.
        var relative = Printed(name, "largest difference over all entries, relative to the largest entry: ")
            .Split(',').Select(part => double.Parse(part.Trim().Split(' ')[^1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, relative.Length);
        Assert.All(relative, r => Assert.InRange(r, 0, 1e-7));

        // From A = B = 0 the loss stays the frozen layer's own, (W0·X − Y)², to every printed digit.
        var problem = LoraProblem.Synthetic(new TorchGenerator(seed: 0), 64, 64, 256, updateRank: 2, noise: 0.1f);
        var frozen = (problem.W0 * problem.X - problem.Y).Enumerate().Average(v => (double)v * v)
            .ToString("F6", CultureInfo.InvariantCulture);
        Assert.StartsWith($"loss {frozen} at the start, {frozen} after 100 steps;", Printed(name, "from A = B = 0: "),
            StringComparison.Ordinal);
    }
}
