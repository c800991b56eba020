using System.Text.Json.Nodes;
using LowRank.Tests;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;

namespace LowRank.Notebooks.Tests;

/// <summary>What the chart tests share: a figure as the JSON plotly.js receives in a notebook, and factors to draw.</summary>
internal static class FigureJson
{
    public static JsonNode Figure(GenericChart chart) => JsonNode.Parse(ChartHtml.FigureJson(chart))!;

    public static double[] Doubles(JsonNode? array) => array!.AsArray().Select(v => (double)v!).ToArray();

    /// <summary>A seeded d×k product of rank <paramref name="rank"/> and its truncated factors B and A.</summary>
    public static (Matrix<double> W, Matrix<double> B, Matrix<double> A) Factors(int rows, int cols, int rank, int seed = 11)
    {
        var w = Gaussian.Product<double>(rows, cols, rank, seed);
        var (b, a) = Truncation.Of(w, rank);
        return (w, b, a);
    }
}
