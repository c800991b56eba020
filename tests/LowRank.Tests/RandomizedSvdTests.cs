using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// The randomized SVD against matrices whose spectrum is known (<see cref="KnownSpectrum"/>): every expected value is
/// a chosen σ or the Eckart–Young optimum √(Σ_{i&gt;r} σ_i²) computed from it, never a result of the code under test.
/// </summary>
public class RandomizedSvdTests
{
    // Slack on the Eckart–Young optimum for p = 10, q = 2. With power iterations the excess over the optimum falls like
    // (σ_{r+p+1}/σ_r)^(4q) (Gu 2015, Theorem 5.7): (8/19)^16 ≈ 1e-6 for σ_i = i^−2 at r = 8, 2^−80 for σ_i = 2^−i. 1 %
    // leaves four orders of magnitude for those bounds' Gaussian factors, and the q = 0 test below, whose HMT bound
    // (Theorem 10.5) is 1.37 times the optimum, shows 1 % still tells the power iterations' work from none.
    private const double Slack = 0.01;

    public static TheoryData<string, int, int> Spectra => new()
    {
        { nameof(KnownSpectrum.Halving), 60, 40 },
        { nameof(KnownSpectrum.Halving), 40, 60 },
        { nameof(KnownSpectrum.InverseSquare), 60, 40 },
        { nameof(KnownSpectrum.InverseSquare), 40, 60 },
        { nameof(KnownSpectrum.InverseSquare), 150, 120 },
    };

    private static double[] Sigma(string spectrum, int n) => spectrum switch
    {
        nameof(KnownSpectrum.Halving) => KnownSpectrum.Halving(n),
        nameof(KnownSpectrum.InverseSquare) => KnownSpectrum.InverseSquare(n),
        _ => KnownSpectrum.Inverse(n),
    };

    private static double Error<T>(Matrix<T> w, RandomizedFactors<T> factors)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => double.CreateChecked((w - factors.Reconstruct()).FrobeniusNorm());

    [Theory]
    [MemberData(nameof(Spectra))]
    public void Error_is_within_1_percent_of_Eckart_Young_in_double(string spectrum, int rows, int cols)
        => WithinSlackOfOptimum<double>(spectrum, rows, cols);

    [Theory]
    [MemberData(nameof(Spectra))]
    public void Error_is_within_1_percent_of_Eckart_Young_in_float(string spectrum, int rows, int cols)
        => WithinSlackOfOptimum<float>(spectrum, rows, cols);

    private static void WithinSlackOfOptimum<T>(string spectrum, int rows, int cols)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        const int rank = 8;
        var sigma = Sigma(spectrum, Math.Min(rows, cols));
        var w = KnownSpectrum.Matrix<T>(rows, cols, sigma, seed: 5);
        var optimum = KnownSpectrum.Optimum(sigma, rank);
        for (var seed = 0UL; seed < 5; seed++)
        {
            var error = Error(w, RandomizedSvd.Of(w, rank, new TorchGenerator(seed)));
            // No rank-r matrix beats Eckart–Young; float's rounding of W (≈ 1e-7·‖W‖_F) is far inside the 1 %.
            Assert.InRange(error, optimum * (1 - Slack), optimum * (1 + Slack));
        }
    }

    [Theory]
    [InlineData(nameof(KnownSpectrum.Halving), 1e-12)]
    [InlineData(nameof(KnownSpectrum.InverseSquare), 1e-4)]
    public void Estimated_singular_values_match_the_true_top_r_in_double(string spectrum, double relative)
    {
        // Halving: the sketch sees σ^5, so every direction past r + p is damped by 2^-50 and the estimates are exact to
        // rounding. i^-2: (σ_19/σ_8)^(2·5) ≈ 3e-8 relative to σ_8's own, well inside 1e-4.
        var sigma = Sigma(spectrum, 40);
        var w = KnownSpectrum.Matrix<double>(60, 40, sigma, seed: 9);
        var factors = RandomizedSvd.Of(w, 8, new TorchGenerator(1));
        Assert.Equal(8, factors.SingularValues.Count);
        for (var i = 0; i < 8; i++)
        {
            Assert.InRange(factors.SingularValues[i], sigma[i] * (1 - relative), sigma[i] * (1 + relative));
        }
    }

    [Fact]
    public void Estimated_singular_values_match_the_true_top_r_in_float()
    {
        var sigma = KnownSpectrum.Halving(40);
        var w = KnownSpectrum.Matrix<float>(40, 60, sigma, seed: 9);
        var factors = RandomizedSvd.Of(w, 8, new TorchGenerator(1));
        for (var i = 0; i < 8; i++)
        {
            // Float's rounding of W moves each σ by about ε·σ₁ = 1.2e-7, which is 3e-5 of σ_8 = 2^-7.
            Assert.InRange(factors.SingularValues[i], sigma[i] - 1e-6, sigma[i] + 1e-6);
        }
    }

    [Fact]
    public void Estimates_never_exceed_the_true_singular_values()
    {
        // σ(Qᵀ·W) ≤ σ(W) for any orthonormal Q (interlacing), so even the crudest sketch (p = 0, q = 0) of a slowly
        // decaying spectrum underestimates; it does so visibly here, which the tolerance would hide for a good sketch.
        var sigma = KnownSpectrum.Inverse(40);
        var w = KnownSpectrum.Matrix<double>(40, 40, sigma, seed: 2);
        var factors = RandomizedSvd.Of(w, 10, new TorchGenerator(3), oversampling: 0, powerIterations: 0);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(factors.SingularValues[i] <= sigma[i] * (1 + 1e-12), $"σ̂_{i + 1} = {factors.SingularValues[i]} > σ = {sigma[i]}");
        }
        Assert.True(factors.SingularValues[9] < 0.9 * sigma[9], $"σ̂_10 = {factors.SingularValues[9]}, σ_10 = {sigma[9]}");
    }

    [Fact]
    public void Estimates_are_in_decreasing_order()
    {
        var w = KnownSpectrum.Matrix<double>(30, 50, KnownSpectrum.Inverse(30), seed: 4);
        var s = RandomizedSvd.Of(w, 12, new TorchGenerator(8), oversampling: 3, powerIterations: 1).SingularValues;
        for (var i = 1; i < s.Count; i++)
        {
            Assert.True(s[i] <= s[i - 1], $"σ̂_{i + 1} = {s[i]} > σ̂_{i} = {s[i - 1]}");
        }
    }

    [Fact]
    public void Power_iterations_bring_a_slowly_decaying_spectrum_to_the_optimum()
    {
        // The plain range finder (q = 0) on σ_i = i^-2 is several per cent off (HMT allow up to 37 % in expectation);
        // two power iterations are within 1e-5, because the excess then falls like (8/19)^16.
        var sigma = KnownSpectrum.InverseSquare(40);
        var w = KnownSpectrum.Matrix<double>(60, 40, sigma, seed: 5);
        var optimum = KnownSpectrum.Optimum(sigma, 8);
        var plain = Error(w, RandomizedSvd.Of(w, 8, new TorchGenerator(0), powerIterations: 0));
        var powered = Error(w, RandomizedSvd.Of(w, 8, new TorchGenerator(0), powerIterations: 2));
        Assert.True(plain > optimum * (1 + Slack), $"q = 0: {plain / optimum - 1:e3} over the optimum");
        Assert.True(powered < optimum * (1 + 1e-5), $"q = 2: {powered / optimum - 1:e3} over the optimum");
    }

    [Fact]
    public void One_power_iteration_is_between_none_and_two()
    {
        var sigma = KnownSpectrum.InverseSquare(40);
        var w = KnownSpectrum.Matrix<double>(60, 40, sigma, seed: 5);
        var errors = Enumerable.Range(0, 3).Select(q => Error(w, RandomizedSvd.Of(w, 8, new TorchGenerator(0),
            powerIterations: q))).ToArray();
        Assert.True(errors[0] > errors[1] && errors[1] > errors[2], string.Join(", ", errors));
    }

    [Fact]
    public void Oversampling_brings_the_plain_range_finder_closer_to_the_optimum()
    {
        var sigma = KnownSpectrum.Halving(40);
        var w = KnownSpectrum.Matrix<double>(60, 40, sigma, seed: 5);
        var optimum = KnownSpectrum.Optimum(sigma, 8);
        var none = Error(w, RandomizedSvd.Of(w, 8, new TorchGenerator(0), oversampling: 0, powerIterations: 0));
        var ten = Error(w, RandomizedSvd.Of(w, 8, new TorchGenerator(0), oversampling: 10, powerIterations: 0));
        // p = 0 leaves the sketch no room: HMT's bound √(1 + r/(p − 1)) is unbounded there, and the error is a multiple of
        // the optimum. With p = 10 every missed direction is damped by σ_19/σ_8 = 2^-11.
        Assert.True(none > 2 * optimum, $"p = 0: {none / optimum:g4} × the optimum");
        Assert.True(ten < optimum * (1 + 1e-3), $"p = 10: {ten / optimum - 1:e3} over the optimum");
    }

    [Fact]
    public void Many_power_iterations_keep_the_small_directions()
    {
        // σ_24/σ_1 = 2^-23: one unorthonormalised pass of W·Wᵀ squares that to 2^-46, past what double's 2^-52 can hold
        // beside σ₁ once summed with it, and q = 4 such passes would bury it completely; with a QR after every product
        // each σ̂ stays exact to rounding.
        var sigma = KnownSpectrum.Halving(50);
        var w = KnownSpectrum.Matrix<double>(60, 50, sigma, seed: 6);
        var factors = RandomizedSvd.Of(w, 24, new TorchGenerator(2), oversampling: 10, powerIterations: 4);
        for (var i = 0; i < 24; i++)
        {
            Assert.InRange(factors.SingularValues[i], sigma[i] * (1 - 1e-8), sigma[i] * (1 + 1e-8));
        }
        Assert.InRange(Error(w, factors), KnownSpectrum.Optimum(sigma, 24) * (1 - 1e-6), KnownSpectrum.Optimum(sigma, 24) * (1 + 1e-6));
    }

    [Theory]
    [InlineData(30, 20, 3)]
    [InlineData(20, 30, 3)]
    [InlineData(25, 25, 1)]
    public void Exactly_rank_r_matrix_is_recovered_to_rounding_in_double(int rows, int cols, int rank)
        => RecoversExactRank<double>(rows, cols, rank);

    [Theory]
    [InlineData(30, 20, 3)]
    [InlineData(20, 30, 3)]
    public void Exactly_rank_r_matrix_is_recovered_to_rounding_in_float(int rows, int cols, int rank)
        => RecoversExactRank<float>(rows, cols, rank);

    private static void RecoversExactRank<T>(int rows, int cols, int rank)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        // The sketch's extra p columns lie in the same r-dimensional range: the QR must still give an orthonormal Q.
        var w = Gaussian.Product<T>(rows, cols, rank, seed: 12);
        var error = Error(w, RandomizedSvd.Of(w, rank, new TorchGenerator(4)));
        var norm = double.CreateChecked(w.FrobeniusNorm());
        Assert.True(error <= Tolerances.Relative<T>() * norm, $"‖W − B·A‖_F = {error:e3}, ‖W‖_F = {norm:e3}");
    }

    [Theory]
    [InlineData(9, 6)]
    [InlineData(6, 9)]
    public void Full_rank_reconstructs_any_W(int rows, int cols)
    {
        var w = Gaussian.Random<double>(rows, cols, 21);
        var factors = RandomizedSvd.Of(w, Math.Min(rows, cols), new TorchGenerator(0), oversampling: 0, powerIterations: 0);
        Assert.True(Error(w, factors) <= Tolerances.Relative<double>() * w.FrobeniusNorm());
    }

    [Fact]
    public void Diagonal_matrix_gives_its_diagonal_sorted()
    {
        var factors = RandomizedSvd.Of(Gaussian.Diagonal<double>(1, 5, 3, 0.5), 2, new TorchGenerator(0));
        Assert.Equal(5.0, factors.SingularValues[0], 12);
        Assert.Equal(3.0, factors.SingularValues[1], 12);
        Assert.True((factors.Reconstruct() - Gaussian.Diagonal<double>(0, 5, 3, 0)).FrobeniusNorm() < 1e-12,
            factors.Reconstruct().ToString());
    }

    [Theory]
    [InlineData(50, 30)]
    [InlineData(30, 50)]
    public void Factors_have_LoRA_shapes_with_B_carrying_the_singular_values(int rows, int cols)
    {
        var w = KnownSpectrum.Matrix<double>(rows, cols, KnownSpectrum.InverseSquare(30), seed: 3);
        var factors = RandomizedSvd.Of(w, 5, new TorchGenerator(7));
        Assert.Equal((rows, 5), (factors.B.RowCount, factors.B.ColumnCount));
        Assert.Equal((5, cols), (factors.A.RowCount, factors.A.ColumnCount));
        Assert.Equal(5, factors.Rank);
        var gram = factors.A * factors.A.Transpose();
        Assert.True((gram - Matrix<double>.Build.DenseIdentity(5)).InfinityNorm() < 1e-12, $"A·Aᵀ = {gram}");
        for (var i = 0; i < 5; i++)
        {
            // B = U_r·S_r with orthonormal U_r: column i has norm σ̂_i.
            Assert.Equal(factors.SingularValues[i], factors.B.Column(i).L2Norm(), 12);
        }
        var (b, a) = factors;
        Assert.Equal(factors.B, b);
        Assert.Equal(factors.A, a);
    }

    [Theory]
    [InlineData(40, 30, 8, 10, 18)]
    [InlineData(40, 30, 25, 10, 30)]
    [InlineData(30, 40, 30, 10, 30)]
    [InlineData(40, 30, 8, 0, 8)]
    [InlineData(40, 30, 8, int.MaxValue, 30)]
    public void Sketch_is_rank_plus_oversampling_capped_at_min_d_k(int rows, int cols, int rank, int oversampling, int expected)
    {
        var w = Gaussian.Random<double>(rows, cols, 1);
        Assert.Equal(expected, RandomizedSvd.Of(w, rank, new TorchGenerator(0), oversampling, powerIterations: 0).SketchSize);
    }

    [Theory]
    [InlineData(40, 30, 8, 10)]
    [InlineData(30, 40, 8, 10)]
    [InlineData(30, 40, 28, 10)]
    public void Generator_advances_by_one_k_by_sketch_draw(int rows, int cols, int rank, int oversampling)
    {
        var w = Gaussian.Random<double>(rows, cols, 1);
        var used = new TorchGenerator(3);
        var sketch = RandomizedSvd.Of(w, rank, used, oversampling).SketchSize;
        var fresh = new TorchGenerator(3);
        fresh.Randn(cols, sketch);
        Assert.Equal(fresh.Randn(5).ToArray(), used.Randn(5).ToArray());
    }

    [Fact]
    public void Same_seed_gives_bit_identical_factors()
    {
        var w = KnownSpectrum.Matrix<double>(50, 40, KnownSpectrum.InverseSquare(40), seed: 1);
        var first = RandomizedSvd.Of(w, 6, new TorchGenerator(42));
        var second = RandomizedSvd.Of(w, 6, new TorchGenerator(42));
        Assert.Equal(first.B.ToColumnMajorArray(), second.B.ToColumnMajorArray());
        Assert.Equal(first.A.ToColumnMajorArray(), second.A.ToColumnMajorArray());
        Assert.Equal(first.SingularValues.ToArray(), second.SingularValues.ToArray());
    }

    [Fact]
    public void Defaults_are_ten_oversampling_and_two_power_iterations()
    {
        var w = KnownSpectrum.Matrix<double>(50, 40, KnownSpectrum.InverseSquare(40), seed: 1);
        var defaults = RandomizedSvd.Of(w, 6, new TorchGenerator(42));
        var spelled = RandomizedSvd.Of(w, 6, new TorchGenerator(42), oversampling: 10, powerIterations: 2);
        Assert.Equal(16, defaults.SketchSize);
        Assert.Equal(spelled.B.ToColumnMajorArray(), defaults.B.ToColumnMajorArray());
    }

    [Fact]
    public void Different_seed_gives_different_factors_with_the_same_error()
    {
        var sigma = KnownSpectrum.Halving(40);
        var w = KnownSpectrum.Matrix<double>(50, 40, sigma, seed: 1);
        var first = RandomizedSvd.Of(w, 6, new TorchGenerator(42));
        var second = RandomizedSvd.Of(w, 6, new TorchGenerator(43));
        Assert.NotEqual(first.B.ToColumnMajorArray(), second.B.ToColumnMajorArray());
        // Both are at the optimum to rounding for a halving spectrum, so they agree with each other and with it.
        var optimum = KnownSpectrum.Optimum(sigma, 6);
        Assert.Equal(optimum, Error(w, first), 1e-12);
        Assert.Equal(optimum, Error(w, second), 1e-12);
    }

    [Fact]
    public void Zero_matrix_gives_zero_factors()
    {
        var factors = RandomizedSvd.Of(Matrix<double>.Build.Dense(6, 4), 2, new TorchGenerator(0));
        Assert.Equal(0.0, factors.B.FrobeniusNorm());
        Assert.Equal([0.0, 0.0], factors.SingularValues.Select(Math.Abs).ToArray());
    }

    [Theory]
    [InlineData(1e-200)]
    [InlineData(1e200)]
    public void Extreme_scales_in_double_factor_correctly(double scale)
    {
        var sigma = KnownSpectrum.Halving(20);
        var w = KnownSpectrum.Matrix<double>(30, 20, sigma, seed: 8) * scale;
        var factors = RandomizedSvd.Of(w, 4, new TorchGenerator(0));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(sigma[i], factors.SingularValues[i] / scale, 12);
        }
        // ‖W − B·A‖_F itself under- or overflows double's squares at these scales: scale back first.
        Assert.Equal(KnownSpectrum.Optimum(sigma, 4), ((w - factors.Reconstruct()) / scale).FrobeniusNorm(), 12);
    }

    [Theory]
    [InlineData(1e-30f)]
    [InlineData(1e30f)]
    public void Extreme_scales_in_float_factor_correctly(float scale)
    {
        var sigma = KnownSpectrum.Halving(20);
        var w = KnownSpectrum.Matrix<float>(30, 20, sigma, seed: 8) * scale;
        var factors = RandomizedSvd.Of(w, 4, new TorchGenerator(0));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(sigma[i], factors.SingularValues[i] / scale, 5);
        }
    }

    [Fact]
    public void Float_W_whose_largest_singular_value_overflows_float_is_rejected_by_name()
    {
        // The FloatRangeTests W: entries up to 3·2^126 fit, σ₁ = √18·2^126 ≈ 3.609e38 does not.
        var unit = Math.ScaleB(1.0, 126);
        var w = Gaussian.Of<float>(new double[,] { { 3 * unit, 3 * unit }, { unit, -unit } });
        var exception = Assert.Throws<ArgumentException>(() => RandomizedSvd.Of(w, 1, new TorchGenerator(0)));
        Assert.Equal("w", exception.ParamName);
        Assert.Contains("σ₁ = 3.609E+38", exception.Message, StringComparison.Ordinal);
        Assert.Contains("largest |entry| is 2.552E+38", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Single.MaxValue", exception.Message, StringComparison.Ordinal);
        Assert.Contains("stored in Single", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Double_W_whose_largest_singular_value_overflows_double_is_rejected_with_a_readable_value()
    {
        // [[m, m], [m, m]]·(3/4) with m = double.MaxValue: σ₁ = 2·(3/4)·m = 1.5·m, written as 1.5·(m/2^1023)·2^1023.
        var entry = 0.75 * double.MaxValue;
        var w = Matrix<double>.Build.Dense(2, 2, entry);
        var exception = Assert.Throws<ArgumentException>(() => RandomizedSvd.Of(w, 1, new TorchGenerator(0)));
        Assert.Equal("w", exception.ParamName);
        var scaled = 2 * (entry / Math.ScaleB(1.0, 1023));
        Assert.Contains($"σ₁ = {scaled.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}·2^1023", exception.Message,
            StringComparison.Ordinal);
        Assert.Contains("Double.MaxValue", exception.Message, StringComparison.Ordinal);
    }
}
