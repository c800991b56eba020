namespace LowRank.Tests;

/// <summary>Sweep and parameter tables show the records' values, as HTML and as aligned text.</summary>
public class TablesTests
{
    [Fact]
    public void Parameter_table_has_one_row_per_layer_with_counts_and_share()
    {
        var table = Tables.ParameterCounts([ParameterCount.Of(10, 10, 2), ParameterCount.Of(4096, 4096, 8)]);

        Assert.Equal(["layer d×k", "r", "W: d·k", "B and A: r·(d + k)", "share", "saved"], table.Headers);
        Assert.Equal(["10×10", "2", "100", "40", "40.00 %", "60"], table.Rows[0]);
        Assert.Equal(["4096×4096", "8", "16,777,216", "65,536", "0.39 %", "16,711,680"], table.Rows[1]);
    }

    [Fact]
    public void Sweep_table_adds_the_output_error_column_only_when_the_sweep_had_an_input()
    {
        var diagonal = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfDiagonalArray([3.0, 2.0, 1.0]);
        var x = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(3, 1);

        var plain = Tables.Sweep(RankSweep.Of(diagonal));
        var withInput = Tables.Sweep(RankSweep.Of(diagonal, x, x));

        Assert.Equal(["r", "‖W − B·A‖ (Frobenius)", "Eckart–Young", "relative error", "energy kept", "parameters"], plain.Headers);
        Assert.Equal([.. plain.Headers, "‖y − y′‖₂"], withInput.Headers);
        // diag(3, 2, 1): keeping one rank leaves √(2² + 1²) = √5 ≈ 2.2361, and keeps 9 of 14 parts of the energy.
        Assert.Equal(["1", "2.2361", "2.2361", "0.5976", "64.2857 %", "6"], plain.Rows[0]);
        Assert.Equal("2.2361", withInput.Rows[0][^1]);
    }

    [Fact]
    public void Text_form_right_aligns_columns_and_html_form_encodes_cells()
    {
        var table = new Table(["name", "n"], [["a<b", "1"], ["c", "100"]]);

        Assert.Equal("name    n\n a<b    1\n   c  100", table.ToString());
        Assert.Contains("<td style=\"text-align:right;padding:0 0.75em\">a&lt;b</td>", table.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_reject_bad_input()
    {
        Assert.Equal("sweep", Assert.Throws<ArgumentNullException>(() => Tables.Sweep(null!)).ParamName);
        Assert.Equal("layers", Assert.Throws<ArgumentNullException>(() => Tables.ParameterCounts(null!)).ParamName);
        var ragged = Assert.Throws<ArgumentException>(() => new Table(["a", "b"], [["1"]]));
        Assert.Contains("rows[0] has 1 cells, but there are 2 headers", ragged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_layers_rows_and_cells_are_rejected_by_position()
    {
        var layer = Assert.Throws<ArgumentException>(() => Tables.ParameterCounts([null!, ParameterCount.Of(10, 10, 2)]));
        Assert.Equal("layers", layer.ParamName);
        Assert.Contains("layers[0] is null, but every element must be a ParameterCount", layer.Message, StringComparison.Ordinal);

        var cell = Assert.Throws<ArgumentException>(() => new Table(["a", "b"], [["1", "2"], ["3", null!]]));
        Assert.Equal("rows", cell.ParamName);
        Assert.Contains("rows[1][1] is null", cell.Message, StringComparison.Ordinal);
        var row = Assert.Throws<ArgumentException>(() => new Table(["a"], [null!]));
        Assert.Equal("rows", row.ParamName);
        Assert.Contains("rows[0] is null", row.Message, StringComparison.Ordinal);
        var header = Assert.Throws<ArgumentException>(() => new Table([null!], [["1"]]));
        Assert.Equal("headers", header.ParamName);
        Assert.Contains("headers[0] is null", header.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_keeps_its_own_copy_of_the_lists_it_was_given()
    {
        List<string> headers = ["a", "b"];
        List<string> row = ["1", "2"];
        List<IReadOnlyList<string>> rows = [row];
        var table = new Table(headers, rows);

        // Changed after construction, each of these used to reach the table: a null cell failed in ToHtml.
        headers.Add("c");
        row[1] = null!;
        rows.Add(["3"]);

        Assert.Equal("a  b\n1  2", table.ToString());
        Assert.Contains(">2</td>", table.ToHtml(), StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)table.Headers).Add("d"));
    }
}
