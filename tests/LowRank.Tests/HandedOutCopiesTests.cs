using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// Every record that holds a matrix or vector hands out copies: a caller who writes into what a property or Deconstruct
/// gave changes that copy only, and the record's later results stay those of the data it was built from.
/// </summary>
public class HandedOutCopiesTests
{
    private static readonly Matrix<double> W = Gaussian.Random<double>(5, 4, 1);

    private static void Spoil<T>(Matrix<T> m)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => m.Clear();

    [Fact]
    public void Truncation_factors_survive_writes_into_B_A_the_deconstructed_pair_and_the_singular_values()
    {
        var factors = Truncation.Of(W, 2);
        var (b, a) = (factors.B, factors.A);
        var product = b * a;
        var sigma = factors.SingularValues;

        var (db, da) = factors;
        db[0, 0] = double.NaN;
        da[1, 1] = double.NaN;
        Spoil(factors.B);
        Spoil(factors.A);
        factors.SingularValues[0] = double.NaN;

        Assert.Equal(b, factors.B);
        Assert.Equal(a, factors.A);
        Assert.Equal(sigma, factors.SingularValues);
        Assert.Equal(product, factors.Reconstruct());
        Assert.Equal(ParameterCount.Of(5, 4, 2), ParameterCount.Of(factors));
        Assert.NotSame(factors.B, factors.B);
    }

    [Fact]
    public void Randomized_factors_survive_writes_into_what_they_hand_out()
    {
        var factors = RandomizedSvd.Of(W, 2, new TorchGenerator(0));
        var (b, a, sigma) = (factors.B, factors.A, factors.SingularValues);
        var product = factors.Reconstruct();

        var (db, da) = factors;
        db[0, 0] = double.NaN;
        da[0, 0] = double.NaN;
        factors.SingularValues[1] = double.NaN;

        Assert.Equal(b, factors.B);
        Assert.Equal(a, factors.A);
        Assert.Equal(sigma, factors.SingularValues);
        Assert.Equal(product, factors.Reconstruct());
    }

    [Fact]
    public void An_adapter_survives_writes_into_B_and_A_and_still_trains_as_before()
    {
        var problem = LoraProblem.Synthetic(new TorchGenerator(0), 6, 5, 8, 1, 0);
        var start = LoraAdapter.Initial(new TorchGenerator(1), 6, 5, 2, 4);
        var before = LoraStep.Train(problem.W0, start, problem.X, problem.Y, 0.05, 3);

        start.A[0, 0] = float.NaN;
        start.B[0, 0] = float.NaN;
        Spoil(problem.W0);
        Spoil(problem.X);
        problem.Y[0, 0] = float.NaN;
        problem.TargetDelta[0, 0] = float.NaN;

        var after = LoraStep.Train(problem.W0, start, problem.X, problem.Y, 0.05, 3);
        Assert.Equal(before.Losses, after.Losses);
        Assert.True(problem.TargetDelta.Enumerate().All(float.IsFinite));
        Assert.Equal(before.Adapter.Delta(), after.Adapter.Delta());
    }

    [Fact]
    public void A_reduced_rank_fit_and_an_output_comparison_hand_out_copies()
    {
        var x = Gaussian.Random<double>(4, 9, 2);
        var y = Gaussian.Random<double>(5, 9, 3);
        var fit = ReducedRankRegression.Of(W, x, y, 1);
        var delta = fit.Delta;
        fit.Delta[0, 0] = double.NaN;
        Assert.Equal(delta, fit.Delta);

        var comparison = OutputComparison.Of(
            W, Truncation.Of(W, 2), Gaussian.RandomVector<double>(4, 4), Gaussian.RandomVector<double>(5, 5));
        var (full, lowRank) = (comparison.Full, comparison.LowRank);
        comparison.Full[0] = double.NaN;
        comparison.LowRank[0] = double.NaN;
        Assert.Equal(full, comparison.Full);
        Assert.Equal(lowRank, comparison.LowRank);
    }
}
