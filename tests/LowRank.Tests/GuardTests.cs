using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>The shared argument checks on their own: what each lets through, what it refuses, and what its message says.</summary>
public class GuardTests
{
    [Fact]
    public void A_vector_of_an_unsupported_type_is_refused_as_such_before_it_is_looked_at()
        => Assert.Throws<NotSupportedException>(() => Guard.Finite((Vector<Half>?)null));

    [Fact]
    public void A_matrix_of_an_unsupported_type_is_refused_as_such_before_it_is_looked_at()
        => Assert.Throws<NotSupportedException>(() => Guard.Finite((Matrix<Half>?)null));

    [Fact]
    public void Rows_times_columns_of_exactly_an_arrays_largest_length_fit_and_one_more_does_not()
    {
        // Only the count is checked, so the limit itself can be tried without allocating anything.
        Guard.Elements(1, Array.MaxLength);
        Guard.Elements(Array.MaxLength, 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Elements(1, Array.MaxLength + 1, "rows", "cols"));
        Assert.Equal("rows", error.ParamName);
        Assert.StartsWith("rows x cols = 1 x 2147483592 = 2147483592 elements, but an array holds at most 2147483591.", error.Message,
            StringComparison.Ordinal);
        // The product is taken in long: 65536 x 65536 wraps to 0 in int.
        Assert.Contains("= 4294967296 elements", Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Elements(65536, 65536)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_x_of_the_wrong_length_is_told_the_columns_of_W()
    {
        var w = Matrix<double>.Build.Dense(4, 3);
        var error = Assert.Throws<ArgumentException>(() => Guard.LayerInput(w, Vector<double>.Build.Dense(2), Vector<double>.Build.Dense(4),
            "x", "bias"));
        Assert.Equal("x", error.ParamName);
        Assert.StartsWith("x must have length 3 (the columns of the 4x3 W), but has length 2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_vector_entry_is_named_with_its_index_and_the_vectors_length()
    {
        var error = Assert.Throws<ArgumentException>(() => Guard.Finite(Vector<double>.Build.Dense([5.0, double.NaN, 7.0]), "x"));
        Assert.Equal("x", error.ParamName);
        Assert.StartsWith("x must contain only finite numbers, but x[1] is NaN (length 3).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matrix_of_exactly_an_arrays_largest_length_is_factorable_and_one_more_entry_is_not()
    {
        // 1 x 2147483591 entries fit in one array; the NaN at [0, 0] shows the size check let it through to the entry scan.
        var largest = Matrix<double>.Build.Sparse(1, Array.MaxLength);
        largest[0, 0] = double.NaN;
        var fits = Assert.Throws<ArgumentException>(() => Guard.Factorable(largest, "w"));
        Assert.Contains("w[0, 0] is NaN", fits.Message, StringComparison.Ordinal);

        var tooMany = Assert.Throws<ArgumentException>(() => Guard.Factorable(Matrix<double>.Build.Sparse(1, Array.MaxLength + 1), "w"));
        Assert.Equal("w", tooMany.ParamName);
        Assert.StartsWith("w is 1x2147483592 = 2147483592 entries, but its SVD needs them in one array, which holds at most 2147483591.",
            tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bias_of_the_wrong_length_is_told_the_rows_of_W()
    {
        var w = Matrix<double>.Build.Dense(4, 3);
        var error = Assert.Throws<ArgumentException>(() => Guard.LayerInput(w, Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(2),
            "x", "bias"));
        Assert.Equal("bias", error.ParamName);
        Assert.StartsWith("bias must have length 4 (the rows of the 4x3 W), but has length 2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finite_number_passes_and_NaN_or_an_infinity_is_named()
    {
        Assert.Equal(-2.5, Guard.Finite(-2.5, "expected"));
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Finite(bad, "expected"));
            Assert.Equal("expected", error.ParamName);
            Assert.StartsWith($"expected must be a finite number, but was {bad.ToString(System.Globalization.CultureInfo.InvariantCulture)}.",
                error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_list_with_a_null_element_is_named_with_its_index_and_one_without_passes_as_it_is()
    {
        string?[] names = ["a", "b", "c"];
        Assert.Same(names, Guard.NoNulls(names, "names"));
        Assert.Same(Array.Empty<string>(), Guard.NoNulls(Array.Empty<string?>(), "names"));
        var last = Assert.Throws<ArgumentException>(() => Guard.NoNulls(new string?[] { "a", "b", null }, "names"));
        Assert.Equal("names", last.ParamName);
        Assert.StartsWith("names[2] is null, but every element must be a String.", last.Message, StringComparison.Ordinal);
        // How the message names the list can differ from the parameter it belongs to; a generic type loses its arity mark.
        var first = Assert.Throws<ArgumentException>(() => Guard.NoNulls(new List<int>?[] { null, [] }, "layers[..]", "layers"));
        Assert.Equal("layers", first.ParamName);
        Assert.StartsWith("layers[..][0] is null, but every element must be a List.", first.Message, StringComparison.Ordinal);
        Assert.Equal("names", Assert.Throws<ArgumentNullException>(() => Guard.NoNulls<string>(null, "names")).ParamName);
        Assert.Equal("layers", Assert.Throws<ArgumentNullException>(() => Guard.NoNulls<string>(null, "x", "layers")).ParamName);
    }

    [Fact]
    public void A_non_empty_list_is_copied_and_needs_one_item()
    {
        var losses = new List<double> { 1.0, 0.5 };
        var copy = Guard.NonEmptyList(losses, "loss", "losses");
        losses[0] = double.NaN;
        Assert.Equal([1.0, 0.5], copy);
        var error = Assert.Throws<ArgumentException>(() => Guard.NonEmptyList(new List<double>(), "loss", "losses"));
        Assert.Equal("losses", error.ParamName);
        Assert.StartsWith("losses must contain at least one loss, but was empty.", error.Message, StringComparison.Ordinal);
        Assert.Equal("losses", Assert.Throws<ArgumentNullException>(() => Guard.NonEmptyList<double>(null, "loss", "losses")).ParamName);
    }
}
