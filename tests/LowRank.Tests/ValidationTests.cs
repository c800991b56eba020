using MathNet.Numerics.LinearAlgebra;
using static LowRank.Tests.Rejects;

namespace LowRank.Tests;

/// <summary>Every public entry point rejects bad input with the argument's name, the value received and what is allowed.</summary>
public class ValidationTests
{
    private static readonly Matrix<double> W = Gaussian.Random<double>(4, 3, 1);
    private static readonly Vector<double> X = Gaussian.RandomVector<double>(3, 2);
    private static readonly Vector<double> Bias = Gaussian.RandomVector<double>(4, 3);
    private static readonly LowRankFactors<double> Factors = Truncation.Of(W, 2);

    private static Matrix<double> WithEntry(double value)
    {
        var w = W.Clone();
        w[2, 1] = value;
        return w;
    }

    private static Vector<double> WithEntry(Vector<double> v, double value)
    {
        var copy = v.Clone();
        copy[1] = value;
        return copy;
    }


    // Rank out of range: 1 ≤ r ≤ min(d, k) = 3 for the 4x3 W.

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void Truncation_rejects_rank_outside_1_to_min_d_k(int rank)
        => Throws<ArgumentOutOfRangeException>(() => Truncation.Of(W, rank), "rank", $"but was {rank}", "between 1 and min(rows, cols) = 3",
            "4x3");

    [Fact]
    public void Truncation_of_svd_rejects_rank_above_min_d_k()
        => Throws<ArgumentOutOfRangeException>(() => Truncation.Of(W.Svd(), 5), "rank", "but was 5", "= 3");

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void ParameterCount_rejects_rank_outside_1_to_min_d_k(int rank)
        => Throws<ArgumentOutOfRangeException>(() => ParameterCount.Of(10, 12, rank), "rank", $"but was {rank}", "= 10");

    // Non-positive dimensions.

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ParameterCount_rejects_non_positive_rows(int rows)
        => Throws<ArgumentOutOfRangeException>(() => ParameterCount.Of(rows, 10, 1), "rows");

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ParameterCount_rejects_non_positive_columns(int columns)
        => Throws<ArgumentOutOfRangeException>(() => ParameterCount.Of(10, columns, 1), "columns");

    // NaN or infinity in W.

    public static TheoryData<double> NonFinite => new() { double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void MatrixRank_rejects_non_finite_W(double bad)
    {
        Throws<ArgumentException>(() => MatrixRank.Of(WithEntry(bad)), "w", $"[2, 1] is {bad}", "finite");
        Throws<ArgumentException>(() => MatrixRank.Of(WithEntry(bad), 1e-3), "w", $"is {bad}");
        Throws<ArgumentException>(() => MatrixRank.DefaultTolerance(WithEntry(bad)), "w", $"is {bad}");
    }

    [Fact]
    public void MatrixRank_rejects_non_finite_float_W()
    {
        var w = Matrix<float>.Build.DenseIdentity(3);
        w[0, 2] = float.NaN;
        Throws<ArgumentException>(() => MatrixRank.Of(w), "w", "w[0, 2] is NaN");
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Truncation_rejects_non_finite_W(double bad)
        => Throws<ArgumentException>(() => Truncation.Of(WithEntry(bad), 1), "w", $"[2, 1] is {bad}");

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void RankSweep_rejects_non_finite_W(double bad)
    {
        Throws<ArgumentException>(() => RankSweep.Of(WithEntry(bad)), "w", $"is {bad}");
        Throws<ArgumentException>(() => RankSweep.Of(WithEntry(bad), X, Bias), "w", $"is {bad}");
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void OutputComparison_rejects_non_finite_W_B_or_A(double bad)
    {
        Throws<ArgumentException>(() => OutputComparison.Of(WithEntry(bad), Factors, X, Bias), "w", $"is {bad}");
        var b = Factors.B.Clone();
        b[3, 1] = bad;
        Throws<ArgumentException>(() => OutputComparison.Of(W, b, Factors.A, X, Bias), "b", $"b[3, 1] is {bad}");
        var a = Factors.A.Clone();
        a[0, 2] = bad;
        Throws<ArgumentException>(() => OutputComparison.Of(W, Factors.B, a, X, Bias), "a", $"a[0, 2] is {bad}");
    }

    // NaN or infinity in x or b.

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void OutputComparison_rejects_non_finite_x_or_bias(double bad)
    {
        Throws<ArgumentException>(() => OutputComparison.Of(W, Factors, WithEntry(X, bad), Bias), "x", $"x[1] is {bad}");
        Throws<ArgumentException>(() => OutputComparison.Of(W, Factors, X, WithEntry(Bias, bad)), "bias", $"bias[1] is {bad}");
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void RankSweep_rejects_non_finite_x_or_bias(double bad)
    {
        Throws<ArgumentException>(() => RankSweep.Of(W, WithEntry(X, bad), Bias), "x", $"x[1] is {bad}");
        Throws<ArgumentException>(() => RankSweep.Of(W, X, WithEntry(Bias, bad)), "bias", $"bias[1] is {bad}");
    }

    [Fact]
    public void Truncation_of_svd_rejects_non_finite_singular_values()
    {
        var svd = W.Svd();
        svd.S[1] = double.NaN;
        Throws<ArgumentException>(() => Truncation.Of(svd, 1), "svd", "svd.S must contain only finite numbers, but svd.S[1] is NaN");
    }

    // x or b of the wrong length (W is 4x3: x has length 3, b length 4).

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void OutputComparison_rejects_x_of_wrong_length(int length)
        => Throws<ArgumentException>(() => OutputComparison.Of(W, Factors, Vector<double>.Build.Dense(length), Bias),
            "x", $"has length {length}", "must have length 3");

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void OutputComparison_rejects_bias_of_wrong_length(int length)
        => Throws<ArgumentException>(() => OutputComparison.Of(W, Factors, X, Vector<double>.Build.Dense(length)),
            "bias", $"has length {length}", "must have length 4");

    [Fact]
    public void RankSweep_rejects_x_or_bias_of_wrong_length()
    {
        Throws<ArgumentException>(() => RankSweep.Of(W, Vector<double>.Build.Dense(4), Bias), "x", "has length 4", "must have length 3");
        Throws<ArgumentException>(() => RankSweep.Of(W, X, Vector<double>.Build.Dense(3)), "bias", "has length 3", "must have length 4");
    }

    // B and A whose shapes do not chain into a d×k matrix.

    [Fact]
    public void OutputComparison_rejects_B_and_A_that_do_not_chain()
        => Throws<ArgumentException>(() => OutputComparison.Of(W, Factors.B, Truncation.Of(W, 1).A, X, Bias), "a", "b (4x2)", "a (1x3)",
            "do not chain");

    [Fact]
    public void OutputComparison_rejects_B_with_wrong_row_count()
        => Throws<ArgumentException>(() => OutputComparison.Of(W, Factors.B.SubMatrix(0, 3, 0, 2), Factors.A, X, Bias), "b", "3x2",
            "4 rows");

    [Fact]
    public void OutputComparison_rejects_A_with_wrong_column_count()
        => Throws<ArgumentException>(() => OutputComparison.Of(W, Factors.B, Factors.A.SubMatrix(0, 2, 0, 2), X, Bias), "a", "2x2",
            "3 columns");

    // Tolerance below 0 or NaN.

    [Theory]
    [InlineData(-1e-9)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    public void MatrixRank_rejects_a_tolerance_that_is_negative_or_not_finite(double tolerance)
        => Throws<ArgumentOutOfRangeException>(() => MatrixRank.Of(W, tolerance), "tolerance");

    // Nulls.

    [Fact]
    public void Null_arguments_are_rejected_by_name()
    {
        Throws<ArgumentNullException>(() => MatrixRank.Of<double>(null!), "w");
        Throws<ArgumentNullException>(() => MatrixRank.Of<double>(null!, 1.0), "w");
        Throws<ArgumentNullException>(() => MatrixRank.DefaultTolerance<double>(null!), "w");
        Throws<ArgumentNullException>(() => Truncation.Of<double>((Matrix<double>)null!, 1), "w");
        Throws<ArgumentNullException>(() => Truncation.Of<double>((MathNet.Numerics.LinearAlgebra.Factorization.Svd<double>)null!, 1),
            "svd");
        Throws<ArgumentNullException>(() => OutputComparison.Of(null!, Factors, X, Bias), "w");
        Throws<ArgumentNullException>(() => OutputComparison.Of(W, (LowRankFactors<double>)null!, X, Bias), "factors");
        Throws<ArgumentNullException>(() => OutputComparison.Of(W, null!, Factors.A, X, Bias), "b");
        Throws<ArgumentNullException>(() => OutputComparison.Of(W, Factors.B, null!, X, Bias), "a");
        Throws<ArgumentNullException>(() => OutputComparison.Of(W, Factors, null!, Bias), "x");
        Throws<ArgumentNullException>(() => OutputComparison.Of(W, Factors, X, null!), "bias");
        Throws<ArgumentNullException>(() => RankSweep.Of<double>(null!), "w");
        Throws<ArgumentNullException>(() => RankSweep.Of(W, null!, Bias), "x");
        Throws<ArgumentNullException>(() => RankSweep.Of(W, X, null!), "bias");
        Throws<ArgumentNullException>(() => ParameterCount.Of<double>(null!), "factors");
    }

    [Fact]
    public void Truncation_of_svd_without_vectors_is_rejected()
        => Throws<ArgumentException>(() => Truncation.Of(W.Svd(computeVectors: false), 1), "svd", "computeVectors: true");

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void LowRankMatrix_rejects_rank_outside_1_to_min_d_k_without_drawing(int rank)
    {
        var generator = new TorchGenerator(0);
        Throws<ArgumentOutOfRangeException>(() => LowRankMatrix.Random(generator, 10, 12, rank), "rank", $"but was {rank}", "= 10");
        // The failed call must not have consumed random numbers: the next draw is still the seed's first.
        Assert.Equal(new TorchGenerator(0).Randn(3), generator.Randn(3));
    }

    [Theory]
    [InlineData(3, 1_000_000_000, 3, "3000000000")]   // the second factor, 3 x 1e9, is too big: the first must not be drawn
    [InlineData(100_000, 100_000, 1, "10000000000")]  // both factors fit, but W itself would not
    public void LowRankMatrix_rejects_shapes_beyond_an_array_without_drawing(int rows, int cols, int rank, string elements)
    {
        var generator = new TorchGenerator(0);
        Throws<ArgumentOutOfRangeException>(() => LowRankMatrix.Random(generator, rows, cols, rank), "rows", $"= {elements} elements",
            "at most 2147483591");
        Assert.Equal(new TorchGenerator(0).Randn(3), generator.Randn(3));
    }

    [Theory]
    [InlineData(3000, 3000, 3000, "27000000000")]
    [InlineData(2048, 2048, 1025, "4299161600")]
    public void LowRankMatrix_rejects_a_product_beyond_its_work_bound_without_drawing(int rows, int cols, int rank, string work)
    {
        var generator = new TorchGenerator(0);
        Throws<ArgumentOutOfRangeException>(() => LowRankMatrix.Random(generator, rows, cols, rank), "rank",
            $"= {work} multiply-adds", "limited to 4294967296", "Keep W as its factors");
        Assert.Equal(new TorchGenerator(0).Randn(3), generator.Randn(3));
    }

    [Fact]
    public void LowRankMatrix_rejects_non_positive_dimensions_and_null_generator()
    {
        Throws<ArgumentOutOfRangeException>(() => LowRankMatrix.Random(new TorchGenerator(0), 0, 10, 1), "rows");
        Throws<ArgumentOutOfRangeException>(() => LowRankMatrix.Random<double>(new TorchGenerator(0), 10, -3, 1), "cols");
        Throws<ArgumentNullException>(() => LowRankMatrix.Random(null!, 10, 10, 2), "generator");
    }

    // Empty matrices: rank 0 has a meaning, a rank-r factorization or sweep does not.

    public static TheoryData<int, int> EmptyShapes => new() { { 0, 0 }, { 0, 3 }, { 3, 0 } };

    [Theory]
    [MemberData(nameof(EmptyShapes))]
    public void An_empty_matrix_has_rank_0_and_tolerance_0(int rows, int cols)
    {
        Assert.Equal(0, MatrixRank.Of(Matrix<double>.Build.Dense(rows, cols)));
        Assert.Equal(0, MatrixRank.Of(Matrix<float>.Build.Dense(rows, cols), 1e-3));
        Assert.Equal(0, MatrixRank.DefaultTolerance(Matrix<double>.Build.Dense(rows, cols)));
    }

    [Theory]
    [MemberData(nameof(EmptyShapes))]
    public void An_empty_matrix_has_no_factors_and_no_sweep(int rows, int cols)
    {
        var w = Matrix<double>.Build.Dense(rows, cols);
        Throws<ArgumentException>(() => Truncation.Of(w, 1), "w");
        Throws<ArgumentException>(() => RankSweep.Of(w), "w");
        Throws<ArgumentException>(() => RankSweep.Of(w, Vector<double>.Build.Dense(cols), Vector<double>.Build.Dense(rows)), "w");
    }

    // A precomputed SVD is checked as far as it can be without W.

    [Fact]
    public void Truncation_of_svd_rejects_non_finite_singular_vectors()
    {
        var svd = W.Svd();
        svd.U[0, 1] = double.NaN;
        Throws<ArgumentException>(() => Truncation.Of(svd, 1), "svd", "svd.U[0, 1] is NaN");
        svd = W.Svd();
        svd.VT[2, 0] = double.PositiveInfinity;
        Throws<ArgumentException>(() => Truncation.Of(svd, 1), "svd", "svd.VT[2, 0]");
    }

    [Theory]
    [InlineData(1e-310)]
    [InlineData(1e-20)]
    public void Truncation_of_the_svd_of_a_tiny_double_W_is_refused_because_MathNet_gets_it_wrong(double scale)
    {
        // MathNet gives this W's σ as (1e-310, 0, 0) or (1e-20, 0, 0) with permutations for U and V: orthonormal, finite and wrong.
        Throws<ArgumentException>(() => Truncation.Of((scale * Gaussian.Diagonal<double>(3, 2, 1)).Svd(), 1), "svd",
            "Truncation.Of(W, rank)");
        Throws<ArgumentException>(() => Truncation.Of((scale * Gaussian.Random<double>(6, 6, 1)).Svd(), 1), "svd");
    }

    [Fact]
    public void Truncation_of_the_svd_of_a_tiny_float_W_is_refused_and_of_the_zero_matrix_accepted()
    {
        Throws<ArgumentException>(() => Truncation.Of((1e-12f * Gaussian.Random<float>(4, 3, 1)).Svd(), 1), "svd");
        Assert.Equal(0, Truncation.Of(Matrix<double>.Build.Dense(3, 2).Svd(), 1).Reconstruct().FrobeniusNorm());
    }

    // Element types other than float and double fail by name at the entry point, not inside MathNet.

    [Fact]
    public void Element_types_other_than_float_and_double_are_not_supported()
    {
        var half = Assert.Throws<NotSupportedException>(() => LowRankMatrix.Random<Half>(new TorchGenerator(0), 3, 3, 1));
        Assert.Contains(nameof(Half), half.Message, StringComparison.Ordinal);
        var nfloat = Assert.Throws<NotSupportedException>(
            () => LoraAdapter.Initial<System.Runtime.InteropServices.NFloat>(new TorchGenerator(0), 3, 3, 1, 1));
        Assert.Contains("NFloat", nfloat.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => LoraAdapter.Initial(new TorchGenerator(0), 3, 3, 1, 1).Cast<Half>());
        Assert.Throws<NotSupportedException>(() => MachineEpsilon.Of<Half>());
        Assert.Throws<NotSupportedException>(() => MatrixRank.Of<Half>(null!));
    }
}
