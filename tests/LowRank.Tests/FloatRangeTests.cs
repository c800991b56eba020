using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// A float W whose entries fit but whose σ₁ does not: W = 2^126·[[3, 3], [1, −1]] has entries up to 3·2^126 ≈ 2.55e38
/// &lt; float.MaxValue ≈ 3.40e38, while WᵀW = 2^252·[[10, 8], [8, 10]] gives σ₁ = √18·2^126 ≈ 3.61e38 and
/// σ₂ = √2·2^126 ≈ 1.20e38. Powers of two keep every expected value exact.
/// </summary>
public class FloatRangeTests
{
    private static readonly double Unit = Math.ScaleB(1.0, 126);

    private static Matrix<float> W() => Gaussian.Of<float>(new double[,] { { 3 * Unit, 3 * Unit }, { Unit, -Unit } });

    [Fact]
    public void Rank_counts_both_singular_values_instead_of_an_infinite_tolerance()
    {
        Assert.Equal(2, MatrixRank.Of(W()));
        // σ₁ · max(m, n) · ε = √18·2^126 · 2 · 2^-23.
        Assert.Equal(Math.Sqrt(18) * Math.ScaleB(1.0, 104), MatrixRank.DefaultTolerance(W()), 1e-6 * Math.ScaleB(1.0, 104));
        Assert.Equal(2, MatrixRank.Of(W(), 1e38));
        Assert.Equal(1, MatrixRank.Of(W(), 2e38));
    }

    [Fact]
    public void Rank_counts_entries_near_3e38()
    {
        var w = Matrix<float>.Build.DenseOfArray(new[,] { { 3e38f, 3e38f }, { 3e38f, -3e38f } });
        Assert.Equal(2, MatrixRank.Of(w));
    }

    [Fact]
    public void Sweep_reports_finite_errors_computed_beyond_float_range()
    {
        var sweep = RankSweep.Of(W());

        Assert.Equal(Math.Sqrt(2) * Unit, sweep[0].Error, 1e-6 * Unit);
        Assert.Equal(Math.Sqrt(2) * Unit, sweep[0].EckartYoung, 1e-6 * Unit);
        Assert.Equal(1 / Math.Sqrt(10), sweep[0].RelativeError, 1e-6);
        Assert.Equal(0.9, sweep[0].EnergyKept, 1e-6);
        Assert.True(sweep[1].Error <= 1e-6 * Unit, $"rank 2 error {sweep[1].Error:e3}");
        Assert.Equal(0, sweep[1].EckartYoung);
        Assert.Equal(1, sweep[1].EnergyKept);
    }

    [Fact]
    public void Sweep_output_error_is_finite_when_the_outputs_fit()
    {
        // x = (2^-10, 0): y = 2^116·(3, 1). v₁ = (1, 1)/√2 and u₁ = (1, 0), so rank 1 keeps y′ = 2^116·(3, 0).
        var x = Gaussian.VectorOf<float>(Math.ScaleB(1.0, -10), 0);
        var sweep = RankSweep.Of(W(), x, Vector<float>.Build.Dense(2));

        Assert.Equal(Math.ScaleB(1.0, 116), sweep[0].OutputError!.Value, 1e-6 * Math.ScaleB(1.0, 116));
        Assert.True(sweep[1].OutputError <= 1e-6 * Math.ScaleB(1.0, 116), $"rank 2 output error {sweep[1].OutputError:e3}");
    }

    [Fact]
    public void Sweep_rejects_an_input_whose_output_overflows_float()
    {
        // y₀ = 3·2^126·(1 + 1) = 6·2^126 > float.MaxValue.
        var ex = Assert.Throws<ArgumentException>(() => RankSweep.Of(W(), Gaussian.VectorOf<float>(1, 1), Vector<float>.Build.Dense(2)));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("W·x + bias overflows Single", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Single.MaxValue = 3.4028235E+38", ex.Message, StringComparison.Ordinal);
        Assert.Contains("double", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_comparison_rejects_an_input_whose_output_overflows_float()
    {
        var w = Gaussian.Of<float>(new double[,] { { 3 * Unit, 3 * Unit } });
        var b = Gaussian.Of<float>(new double[,] { { 1 } });
        var a = Gaussian.Of<float>(new double[,] { { 3 * Unit, 3 * Unit } });
        var ex = Assert.Throws<ArgumentException>(() => OutputComparison.Of(w, b, a, Gaussian.VectorOf<float>(1, 1),
            Vector<float>.Build.Dense(1)));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("overflows Single", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncation_rejects_a_sigma_beyond_float_and_suggests_double()
    {
        var ex = Assert.Throws<ArgumentException>(() => Truncation.Of(W(), 1));

        Assert.Equal("w", ex.ParamName);
        Assert.Contains("σ₁ = 3.609E+38", ex.Message, StringComparison.Ordinal);          // √18·2^126
        Assert.Contains("largest |entry| is 2.552E+38", ex.Message, StringComparison.Ordinal); // 3·2^126
        Assert.Contains("Single.MaxValue = 3.4028235E+38", ex.Message, StringComparison.Ordinal);
        Assert.Contains("w.Map(v => (double)v)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncation_of_the_same_matrix_in_double_works()
    {
        var factors = Truncation.Of(W().Map(v => (double)v), 1);
        Assert.Equal(Math.Sqrt(18) * Unit, factors.SingularValues[0], 1e-14 * Unit);
        Assert.Equal(Math.Sqrt(2) * Unit, factors.SingularValues[1], 1e-14 * Unit);
    }
}
