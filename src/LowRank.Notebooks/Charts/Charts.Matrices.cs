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
    /// Heatmaps of the given matrices side by side, each drawn to its shape with square cells and row 0 on top, all
    /// on one diverging colour scale centred on 0 (red positive, blue negative) with one colour bar.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="matrices">
    /// Named matrices; at least one, every name non-null, every matrix at least 1×1 with finite entries, and together
    /// small enough to give each entry a pixel (at most 420 rows; one matrix up to about 850 columns, fewer side by side).
    /// </param>
    /// <param name="title">The chart title.</param>
    public static GenericChart Matrices<T>(IReadOnlyList<(string Name, Matrix<T> Matrix)> matrices,
        string title = "The matrices entry by entry: red positive, blue negative, one shared scale")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var named = Guard.NonEmptyList(matrices, "matrix");
        ArgumentNullException.ThrowIfNull(title);
        var panels = new Panel[named.Length];
        for (var i = 0; i < named.Length; i++)
        {
            var (name, matrix) = named[i];
            if (name is null)
            {
                throw Guard.Invalid(nameof(matrices), $"matrices[{i}].Name is null, but every matrix needs a name for its panel title.");
            }
            if (matrix is null)
            {
                throw new ArgumentNullException(nameof(matrices), $"matrices[\"{name}\"].Matrix is null, but every name needs a matrix.");
            }
            var label = $"matrices[\"{name}\"]";
            Drawable(matrix, label, nameof(matrices));
            panels[i] = new Panel(name, name, ToDouble(matrix), Scale: 0);
        }
        return Heatmaps(panels, title, nameof(matrices));
    }
}
