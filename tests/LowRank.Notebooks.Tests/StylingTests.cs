using System.Text.Json.Nodes;
using Plotly.NET;
using Plotly.NET.LayoutObjects;

namespace LowRank.Notebooks.Tests;

/// <summary>
/// The charts style figures through Plotly.NET's own functions, passing only the arguments they set: each one reaches
/// the JSON under Plotly.NET's name, the others are left out, and a name or value Plotly.NET does not take throws.
/// </summary>
public class StylingTests
{
    private static JsonNode XAxis(LinearAxis axis) =>
        FigureJson.Figure(Plotly.NET.Chart.withXAxis(axis, null).Invoke(Plotly.NET.CSharp.Chart.Point<int, int, string>([1], [2])))
            ["layout"]!["xaxis"]!;

    [Fact]
    public void Given_arguments_reach_the_json_under_plotly_names_and_no_other_key_is_written()
    {
        var axis = Styling.Init<LinearAxis>(new
        {
            TickVals = new[] { 0, 5, 10 },
            ScaleAnchor = StyleParam.ScaleAnchor.NewX(2),
            Constrain = StyleParam.AxisConstraint.Domain,
        });

        Assert.Equal("""{"scaleanchor":"x2","constrain":"domain","tickvals":[0,5,10]}""", XAxis(axis).ToJsonString());
    }

    [Fact]
    public void A_function_returning_a_style_is_called_with_the_named_arguments()
    {
        var chart = Plotly.NET.CSharp.Chart.Point<int, int, string>([1], [2]);

        var styled = Styling.Call<Microsoft.FSharp.Core.FSharpFunc<GenericChart, GenericChart>>(
            typeof(Plotly.NET.Chart), nameof(Plotly.NET.Chart.withLayoutStyle), new { Width = 321 }).Invoke(chart);

        Assert.Equal(321, (int)JsonNode.Parse(GenericChart.toJson(styled))!["layout"]!["width"]!);
    }

    [Fact]
    public void A_name_the_function_does_not_have_throws_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => Styling.Init<LinearAxis>(new { TickVals = new[] { 1 }, TickFontt = 3 }));

        Assert.Equal("arguments", ex.ParamName);
        Assert.Contains("LinearAxis.init has no parameter TickFontt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_throws_instead_of_being_written()
    {
        Assert.ThrowsAny<ArgumentException>(() => Styling.Init<LinearAxis>(new { ShowGrid = "no" }));
    }

    [Fact]
    public void A_null_value_throws_since_leaving_the_argument_out_is_how_to_pass_none()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => Styling.Init<LinearAxis>(new { Title = (Title?)null }));

        Assert.Contains("leave it out", ex.Message, StringComparison.Ordinal);
    }
}
