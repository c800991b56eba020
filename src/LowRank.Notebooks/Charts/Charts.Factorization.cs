using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using Plotly.NET.CSharp;
using static LowRank.ChartStyle;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

public static partial class Charts
{
    /// <summary>
    /// W, its factors B and A, their product B·A and what is left, W − B·A, as heatmaps side by side. The first four
    /// share one colour scale so they can be compared; W − B·A is usually rounding-sized and gets its own scale and colour bar.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w">The d×k matrix; every entry finite, with d ≤ 420 and k small enough that the five panels give each entry a pixel (4k
    /// + r ≤ about 600).</param>
    /// <param name="b">B, d×r; every entry finite.</param>
    /// <param name="a">A, r×k; every entry finite.</param>
    /// <param name="title">The chart title.</param>
    public static GenericChart Factorization<T>(Matrix<T> w, Matrix<T> b, Matrix<T> a,
        string title = "W = B·A: the matrix, its factors, their product and what is left")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Drawable(w);
        Drawable(b);
        Drawable(a);
        ArgumentNullException.ThrowIfNull(title);
        Guard.Chain(b, a, w.RowCount, w.ColumnCount);
        // The product is taken in T, as a layer would compute it, so W − B·A shows that rounding too.
        var product = b * a;
        if (!product.Enumerate().All(T.IsFinite))
        {
            throw new ArgumentException(
                $"b·a overflows {typeof(T).Name}: some entry exceeds {LargestFinite.Describe<T>()}, so W − B·A cannot be drawn. Scale b " +
                    $"and a down or use double.",
                nameof(b));
        }
        return Heatmaps(
            [
                new Panel("W", "W", ToDouble(w), Scale: 0),
                new Panel("B", "B", ToDouble(b), Scale: 0),
                new Panel("A", "A", ToDouble(a), Scale: 0),
                new Panel("B·A", "(B·A)", ToDouble(product), Scale: 0),
                new Panel("W − B·A (own scale)", "(W − B·A)", ToDouble(w - product), Scale: 1),
            ],
            title,
            nameof(w));
    }
}
