using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

public class RankSweepTests
{
    [Fact]
    public void Diag_3_2_1_errors_are_sqrt5_1_0()
    {
        var sweep = RankSweep.Of(Gaussian.Diagonal<double>(3, 2, 1));
        Assert.Equal([1, 2, 3], sweep.Select(p => p.Rank));
        AssertClose([Math.Sqrt(5), 1, 0], sweep.Select(p => p.Error));
        AssertClose([Math.Sqrt(5), 1, 0], sweep.Select(p => p.EckartYoung));
        AssertClose([Math.Sqrt(5) / Math.Sqrt(14), 1 / Math.Sqrt(14), 0], sweep.Select(p => p.RelativeError));
        AssertClose([9.0 / 14, 13.0 / 14, 1], sweep.Select(p => p.EnergyKept));
        AssertClose([5.0 / 14, 1.0 / 14, 0], sweep.Select(p => p.EnergyLost));
        Assert.Equal([6L, 12L, 18L], sweep.Select(p => p.Parameters.LowRank));
        Assert.All(sweep, p => Assert.Null(p.OutputError));
    }

    [Fact]
    public void Energy_lost_keeps_a_tail_that_one_minus_energy_kept_rounds_to_zero()
    {
        // σ = (1, 1e-9): 1e-18 of the energy is lost at rank 1, far below the 1.1e-16 spacing of doubles near 1.
        var sweep = RankSweep.Of(Gaussian.Diagonal<double>(1, 1e-9));
        Assert.Equal(1.0, sweep[0].EnergyKept);
        Assert.Equal(1e-18, sweep[0].EnergyLost, 1e-30);
    }

    [Fact]
    public void Diag_3_2_1_output_errors_drop_one_coordinate_at_a_time()
    {
        // x = (1, 1, 1): y = (3, 2, 1); rank 1 keeps (3, 0, 0), rank 2 keeps (3, 2, 0). The bias cancels.
        var sweep = RankSweep.Of(Gaussian.Diagonal<float>(3, 2, 1), Gaussian.VectorOf<float>(1, 1, 1), Gaussian.VectorOf<float>(5, -5, 7));
        AssertClose([Math.Sqrt(5), 1, 0], sweep.Select(p => p.OutputError!.Value), 1e-6);
    }

    [Fact]
    public void Measured_error_is_the_one_a_notebook_computes_from_the_truncation()
    {
        // Notebooks 2 and 4 print ‖W − B·A‖_F from their own cells and from the sweep: B·A is rounded alike, and only the
        // subtraction differs (in float in a cell, in double in the sweep), so they agree to float's last digit.
        var generator = new TorchGenerator(seed: 0);
        var w = generator.Randn(10, 2) * generator.Randn(2, 10);
        var sweep = RankSweep.Of(w);
        foreach (var point in sweep)
        {
            var (b, a) = Truncation.Of(w, point.Rank);
            Assert.Equal((w - b * a).FrobeniusNorm(), point.Error, 1e-6 * point.Error);
        }
        // The float32 SVD's own error floor, not the dropped tail, sets the rank-2 value.
        Assert.InRange(sweep[1].Error, 1.76e-6, 1.78e-6);
        Assert.InRange(sweep[1].EckartYoung, 5e-7, 6e-7);
    }

    [Fact]
    public void A_rank_r_output_that_overflows_where_the_full_output_does_not_fails_by_name()
    {
        // W = U·diag(2, 1)·Uᵀ with u₁ at 22.5° and x = W⁻¹·(F, F): every term of W·x stays below F, but the rank-1
        // output u₁·σ₁·(u₁ᵀx) has first entry 1.207·F, past double.MaxValue for F = 1.6e308.
        var (c, s) = (Math.Cos(Math.PI / 8), Math.Sin(Math.PI / 8));
        var u = Matrix<double>.Build.DenseOfArray(new[,] { { c, -s }, { s, c } });
        var w = u * Matrix<double>.Build.DiagonalOfDiagonalArray([2.0, 1.0]) * u.Transpose();
        var x = u * Matrix<double>.Build.DiagonalOfDiagonalArray([0.5, 1.0]) * u.Transpose() * Vector<double>.Build.Dense(2, 1) * 1.6e308;

        var ex = Assert.Throws<ArgumentException>(() => RankSweep.Of(w, x, Vector<double>.Build.Dense(2)));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("B_1·(A_1·x) + bias overflows Double", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_beyond_double_range_fails_by_name_instead_of_reporting_infinity()
    {
        // ‖diag(a, a) − rank-1 part‖_F = a for a 2×2, but √2·a for a 3×3 with a = 1.5e308: past double.MaxValue.
        var w = Matrix<double>.Build.DiagonalOfDiagonalArray([1.5e308, 1.5e308, 1.5e308]);
        var ex = Assert.Throws<ArgumentException>(() => RankSweep.Of(w));
        Assert.Equal("w", ex.ParamName);
        Assert.Contains("beyond double.MaxValue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_matrix_has_no_error_and_keeps_all_energy_instead_of_nan()
    {
        var sweep = RankSweep.Of(Matrix<double>.Build.Dense(3, 4), Vector<double>.Build.Dense(4, 1), Vector<double>.Build.Dense(3, 2));
        Assert.Equal(3, sweep.Count);
        Assert.All(sweep, p =>
        {
            Assert.Equal(0, p.Error);
            Assert.Equal(0, p.EckartYoung);
            Assert.Equal(0, p.RelativeError);
            Assert.Equal(1, p.EnergyKept);
            Assert.Equal(0, p.EnergyLost);
            Assert.Equal(0, p.OutputError);
        });
    }

    [Theory]
    [InlineData(1e-200)]
    [InlineData(1e200)]
    public void Extreme_scales_neither_underflow_nor_overflow(double scale)
    {
        var sweep = RankSweep.Of(scale * Gaussian.Diagonal<double>(3, 2, 1));
        AssertClose([Math.Sqrt(5), 1, 0], sweep.Select(p => p.Error / scale));
        AssertClose([Math.Sqrt(5), 1, 0], sweep.Select(p => p.EckartYoung / scale));
        AssertClose([9.0 / 14, 13.0 / 14, 1], sweep.Select(p => p.EnergyKept));
    }

    [Theory]
    [InlineData(1e-200, 1e200)]
    [InlineData(1e200, 1e-200)]
    public void Output_error_is_measured_on_the_outputs_own_scale(double wScale, double xScale)
    {
        // W·x = (3, 2, 1) whatever the split of scale between W and x; dividing y − y′ by σ_max (1e∓200) instead of by
        // its own size overflowed to ∞ or flushed to 0. The bias cancels.
        var w = wScale * Gaussian.Diagonal<double>(3, 2, 1);
        var x = xScale * Gaussian.VectorOf<double>(1, 1, 1);
        var sweep = RankSweep.Of(w, x, Gaussian.VectorOf<double>(5, -5, 7));
        AssertClose([Math.Sqrt(5), 1, 0], sweep.Select(p => p.OutputError!.Value), 1e-13);
    }

    [Fact]
    public void Measured_error_equals_eckart_young_in_float() => MeasuredEqualsEckartYoung<float>();

    [Fact]
    public void Measured_error_equals_eckart_young_in_double() => MeasuredEqualsEckartYoung<double>();

    private static void MeasuredEqualsEckartYoung<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Shapes.WithRank.Sample(s =>
        {
            // A product of Gaussians has σ_i ≈ 0 beyond s.Rank, so both the steep and the flat part of the spectrum are covered.
            var w = Gaussian.Product<T>(s.Rows, s.Cols, s.Rank, s.Seed);
            var sweep = RankSweep.Of(w);
            var floor = Tolerances.Relative<T>() * w.FrobeniusNorm();
            Assert.Equal(Math.Min(s.Rows, s.Cols), sweep.Count);
            Assert.All(sweep, p => Assert.True(
                Math.Abs(p.Error - p.EckartYoung) <= 1e-3 * p.EckartYoung + floor,
                $"{s} rank {p.Rank}: measured {p.Error:e6}, Eckart–Young {p.EckartYoung:e6}"));
            Assert.True(sweep[^1].Error <= floor, $"{s}: last error {sweep[^1].Error:e3}");
            Assert.True(sweep[^1].RelativeError <= Tolerances.Relative<T>(), $"{s}: last relative error {sweep[^1].RelativeError:e3}");
        }, iter: Shapes.Iterations);

    [Fact]
    public void Energy_kept_never_decreases_and_ends_at_1_in_float() => EnergyMonotone<float>();

    [Fact]
    public void Energy_kept_never_decreases_and_ends_at_1_in_double() => EnergyMonotone<double>();

    private static void EnergyMonotone<T>()
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Shapes.WithRank.Sample(s =>
        {
            var sweep = RankSweep.Of(Gaussian.Random<T>(s.Rows, s.Cols, s.Seed));
            for (var i = 1; i < sweep.Count; i++)
            {
                Assert.True(sweep[i].EnergyKept >= sweep[i - 1].EnergyKept, $"{s}: energy drops at rank {sweep[i].Rank}");
            }
            Assert.Equal(1.0, sweep[^1].EnergyKept);
            Assert.Equal(0.0, sweep[^1].EnergyLost);
            Assert.All(sweep, p => Assert.InRange(p.EnergyKept, 0.0, 1.0));
            Assert.All(sweep, p => Assert.Equal(1 - p.EnergyKept, p.EnergyLost, 1e-12));
        }, iter: Shapes.Iterations);

    [Fact]
    public void Output_error_at_each_rank_matches_a_separate_truncation_in_double()
        => Shapes.WithRank.Sample(s =>
        {
            var w = Gaussian.Random<double>(s.Rows, s.Cols, s.Seed);
            var x = Gaussian.RandomVector<double>(s.Cols, s.Seed + 2);
            var bias = Gaussian.RandomVector<double>(s.Rows, s.Seed + 3);
            var point = RankSweep.Of(w, x, bias)[s.Rank - 1];
            var separate = OutputComparison.Of(w, Truncation.Of(w, s.Rank), x, bias).Difference;
            Assert.True(Math.Abs(point.OutputError!.Value - separate) <= 1e-10 * (w.FrobeniusNorm() * x.L2Norm() + 1),
                $"{s}: sweep {point.OutputError:e6}, truncation {separate:e6}");
        }, iter: Shapes.Iterations);

    [Fact]
    public void Output_error_vanishes_from_the_true_rank_on_in_float()
        => Shapes.WithRank.Sample(s =>
        {
            var w = Gaussian.Product<float>(s.Rows, s.Cols, s.Rank, s.Seed);
            var x = Gaussian.RandomVector<float>(s.Cols, s.Seed + 2);
            var bias = Gaussian.RandomVector<float>(s.Rows, s.Seed + 3);
            var scale = w.FrobeniusNorm() * x.L2Norm() + bias.L2Norm();
            foreach (var p in RankSweep.Of(w, x, bias).Where(p => p.Rank >= s.Rank))
            {
                Assert.True(p.OutputError <= Tolerances.Relative<float>() * scale, $"{s} rank {p.Rank}: {p.OutputError:e3}");
            }
        }, iter: Shapes.Iterations);

    private static void AssertClose(IEnumerable<double> expected, IEnumerable<double> actual, double tolerance = 1e-14)
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * Math.Max(1, Math.Abs(e[i])), $"[{i}]: expected {e[i]:R}, got {a[i]:R}");
        }
    }
}
