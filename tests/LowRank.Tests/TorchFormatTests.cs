using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// Expected strings are PyTorch's printed output: copied from the reference notebook, or worked out by hand from the
/// rules in torch/_tensor_str.py (precision 4, line width 80, "tensor(" indent of 7).
/// </summary>
public class TorchFormatTests
{
    private static Vector<float> V(params float[] values) => Vector<float>.Build.Dense(values);

    private static Vector<double> D(params double[] values) => Vector<double>.Build.Dense(values);

    [Fact]
    public void Vector_of_ten_wraps_after_eight_elements_like_the_reference()
    {
        // "Output using W" in the reference notebook.
        var v = V(-4.2808f, -1.2647f, 2.9707f, -0.9784f, 0.9193f, 3.5211f, 5.3049f, 5.5870f, 1.8145f, 4.7644f);
        Assert.Equal(
            "tensor([-4.2808, -1.2647,  2.9707, -0.9784,  0.9193,  3.5211,  5.3049,  5.5870,\n" +
            "         1.8145,  4.7644])",
            TorchFormat.Format(v));
    }

    [Fact]
    public void Matrix_rows_wrap_with_a_nine_space_continuation_like_the_reference()
    {
        // First two rows of W in the reference notebook.
        var m = Matrix<float>.Build.DenseOfRowArrays(
            [-1.0797f, 0.5545f, 0.8058f, -0.7140f, -0.1518f, 1.0773f, 2.3690f, 0.8486f, -1.1825f, -3.2632f],
            [-0.3303f, 0.2283f, 0.4145f, -0.1924f, -0.0215f, 0.3276f, 0.7926f, 0.2233f, -0.3422f, -0.9614f]);
        Assert.Equal(
            "tensor([[-1.0797,  0.5545,  0.8058, -0.7140, -0.1518,  1.0773,  2.3690,  0.8486,\n" +
            "         -1.1825, -3.2632],\n" +
            "        [-0.3303,  0.2283,  0.4145, -0.1924, -0.0215,  0.3276,  0.7926,  0.2233,\n" +
            "         -0.3422, -0.9614]])",
            m.ToTorchString());
    }

    [Fact]
    public void A_two_digit_element_widens_every_column_so_seven_fit_per_line()
    {
        // Width 8 ("-10.4455") + ", " = 10 characters per element; (80 - 7) / 10 = 7 per line.
        var v = V(7.2684f, 2.3162f, 7.7151f, -10.4455f, -0.5f, -3.7270f, -11.1461f, 2.0207f, -9.6258f, -4.1163f);
        Assert.Equal(
            "tensor([  7.2684,   2.3162,   7.7151, -10.4455,  -0.5000,  -3.7270, -11.1461,\n" +
            "          2.0207,  -9.6258,  -4.1163])",
            TorchFormat.Format(v));
    }

    [Fact]
    public void Small_matrix_on_one_line_per_row()
    {
        var m = Matrix<float>.Build.DenseOfRowArrays([1.5410f, -0.2934f, -2.1788f], [0.5684f, -1.0845f, -1.3986f]);
        Assert.Equal("tensor([[ 1.5410, -0.2934, -2.1788],\n        [ 0.5684, -1.0845, -1.3986]])", TorchFormat.Format(m));
    }

    [Fact]
    public void Integer_valued_floats_print_with_a_trailing_point()
    {
        Assert.Equal("tensor([1., 2., 3.])", TorchFormat.Format(V(1, 2, 3)));
        Assert.Equal("tensor([-1., 10.])", TorchFormat.Format(V(-1, 10)));
        Assert.Equal(
            "tensor([[1., 2.],\n        [3., 4.]])",
            TorchFormat.Format(Matrix<float>.Build.DenseOfRowArrays([1f, 2f], [3f, 4f])));
    }

    [Fact]
    public void All_zeros_print_as_integers_of_width_one()
    {
        Assert.Equal("tensor([0., 0.])", TorchFormat.Format(V(0, 0)));
    }

    [Fact]
    public void Negative_zero_keeps_its_sign_and_is_not_padded()
    {
        Assert.Equal("tensor([-0., 1.])", TorchFormat.Format(V(-0.0f, 1)));
        // Zeros do not count towards the width, so "-0.0000" (7) overflows the width of "0.5000" (6) unpadded.
        Assert.Equal("tensor([-0.0000, 0.5000])", TorchFormat.Format(V(-0.0f, 0.5f)));
    }

    [Fact]
    public void Scientific_when_magnitudes_span_more_than_a_factor_1000()
    {
        Assert.Equal("tensor([1.0000e-03, 1.0000e+01], dtype=torch.float64)", TorchFormat.Format(D(0.001, 10)));

        Assert.Equal("tensor([1.0000e-02, 1.0001e+01], dtype=torch.float64)", TorchFormat.Format(D(0.01, 10.001)));

        // A ratio of exactly 1000 is not "more than 1000": stays fixed.
        Assert.Equal("tensor([ 0.0100, 10.0000], dtype=torch.float64)", TorchFormat.Format(D(0.01, 10)));
    }

    [Fact]
    public void Scientific_when_smallest_is_below_1e_minus_4_or_largest_above_1e8()
    {
        Assert.Equal("tensor([5.0000e-05, 2.0000e-02], dtype=torch.float64)", TorchFormat.Format(D(0.00005, 0.02)));
        Assert.Equal("tensor([1.0000e+09, 2.0000e+09])", TorchFormat.Format(V(1e9f, 2e9f)));
        Assert.Equal("tensor([-1.5000e-05,  2.0000e-05], dtype=torch.float64)", TorchFormat.Format(D(-0.000015, 0.00002)));
    }

    [Fact]
    public void Scientific_rounding_can_carry_into_the_exponent()
    {
        Assert.Equal("tensor([1.0000e+01, 1.0000e-05], dtype=torch.float64)", TorchFormat.Format(D(9.999996, 0.00001)));
    }

    [Fact]
    public void Ties_round_half_to_even_as_python_does()
    {
        // 0.03125 and 0.09375 are exact binary fractions halfway between two 4-decimal values.
        Assert.Equal("tensor([0.0312, 0.0938, 0.5000])", TorchFormat.Format(V(0.03125f, 0.09375f, 0.5f)));
    }

    [Fact]
    public void Non_finite_values_print_like_python()
    {
        Assert.Equal("tensor([nan, 1., inf])", TorchFormat.Format(V(float.NaN, 1, float.PositiveInfinity)));
        // Only finite nonzero values set the width (6 for "0.5000"); "-inf" is padded up to it.
        Assert.Equal("tensor([  -inf, 0.5000])", TorchFormat.Format(V(float.NegativeInfinity, 0.5f)));
    }

    [Fact]
    public void Float64_suffix_moves_to_its_own_line_when_the_last_line_is_long()
    {
        Assert.Equal("tensor([1.5000, 2.5000], dtype=torch.float64)", TorchFormat.Format(D(1.5, 2.5)));
        Assert.Equal(
            "tensor([-4.2808, -1.2647,  2.9707, -0.9784,  0.9193,  3.5211,  5.3049,  5.5870],\n" +
            "       dtype=torch.float64)",
            D(-4.2808, -1.2647, 2.9707, -0.9784, 0.9193, 3.5211, 5.3049, 5.5870).ToTorchString());
        Assert.Equal(
            "tensor([[1., 2.],\n        [3., 4.]], dtype=torch.float64)",
            Matrix<double>.Build.DenseOfRowArrays([1.0, 2.0], [3.0, 4.0]).ToTorchString());
    }

    [Fact]
    public void More_than_1000_elements_are_summarised_with_three_edge_items()
    {
        var v = Vector<float>.Build.Dense(1001, i => i);
        Assert.Equal("tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])", TorchFormat.Format(v));

        var ones = Matrix<float>.Build.Dense(40, 30, 1f);
        Assert.Equal(
            "tensor([[1., 1., 1.,  ..., 1., 1., 1.],\n" +
            "        [1., 1., 1.,  ..., 1., 1., 1.],\n" +
            "        [1., 1., 1.,  ..., 1., 1., 1.],\n" +
            "        ...,\n" +
            "        [1., 1., 1.,  ..., 1., 1., 1.],\n" +
            "        [1., 1., 1.,  ..., 1., 1., 1.],\n" +
            "        [1., 1., 1.,  ..., 1., 1., 1.]])",
            TorchFormat.Format(ones));

        // 1000 elements exactly are printed in full.
        Assert.DoesNotContain("...", TorchFormat.Format(Vector<float>.Build.Dense(1000, i => i)), StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_reads_like_torch_size()
    {
        Assert.Equal("torch.Size([10, 2])", Matrix<float>.Build.Dense(10, 2).TorchShape());
        Assert.Equal("torch.Size([2, 10])", Matrix<double>.Build.Dense(2, 10).TorchShape());
        Assert.Equal("torch.Size([10])", Vector<float>.Build.Dense(10).TorchShape());
        Assert.Equal("torch.Size([0, 3])", Matrix<float>.Build.Dense(0, 3).TorchShape());
    }

    [Fact]
    public void Empty_tensors_print_brackets_and_their_size_unless_they_are_vectors()
    {
        // print(torch.zeros(0, 3)), print(torch.zeros(3, 0)), print(torch.zeros(0)) and their float64 forms in PyTorch.
        Assert.Equal("tensor([], size=(0, 3))", TorchFormat.Format(Matrix<float>.Build.Dense(0, 3)));
        Assert.Equal("tensor([], size=(3, 0))", Matrix<float>.Build.Dense(3, 0).ToTorchString());
        Assert.Equal("tensor([], size=(0, 0), dtype=torch.float64)", Matrix<double>.Build.Dense(0, 0).ToTorchString());
        Assert.Equal("tensor([])", TorchFormat.Format(Vector<float>.Build.Dense(0)));
        Assert.Equal("tensor([], dtype=torch.float64)", Vector<double>.Build.Dense(0).ToTorchString());
    }

    [Theory]
    [InlineData(4.846704541705549e-06, "4.846704541705549e-06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(2.5e-05, "2.5e-05")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(123456789.0, "123456789.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void PythonFloat_matches_python_repr(double value, string expected)
    {
        Assert.Equal(expected, TorchFormat.PythonFloat(value));
    }

    [Fact]
    public void Every_entry_point_names_a_missing_argument()
    {
        Assert.Equal("matrix", Assert.Throws<ArgumentNullException>(() => TorchFormat.Format((Matrix<float>)null!)).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentNullException>(() => TorchFormat.Format((Matrix<double>)null!)).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentNullException>(() => TorchFormat.Format((Vector<float>)null!)).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentNullException>(() => TorchFormat.Format((Vector<double>)null!)).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentNullException>(() => ((Matrix<float>)null!).ToTorchString()).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentNullException>(() => ((Vector<double>)null!).ToTorchString()).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentNullException>(() => ((Matrix<float>)null!).TorchShape()).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentNullException>(() => ((Vector<float>)null!).TorchShape()).ParamName);
    }
}
