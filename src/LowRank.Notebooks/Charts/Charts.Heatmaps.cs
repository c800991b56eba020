using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using static LowRank.ChartStyle;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

// The side-by-side heatmaps behind Matrices and Factorization.
public static partial class Charts
{
    private sealed record Panel(string Title, string HoverName, double[][] Rows, int Scale)
    {
        public int RowCount => Rows.Length;

        public int ColumnCount => Rows[0].Length;
    }

    // Where the panels go: a cell is Cell×Cell px, so a panel is columns·Cell wide and rows·Cell tall, starting X[i] px
    // into a plot area of PlotWidth×PlotHeight whole pixels (the figure's size is given in them, and domains are
    // fractions of these, so cells stay square). LastOfScale[i]: panel i is followed by its scale's colour bar.
    // Bottom: the margin under the plots, more than the column labels need when a slider goes there.
    private sealed record HeatmapGrid(
        double Cell, double PlotWidth, double PlotHeight, int Left, double[] X, bool[] LastOfScale, int Bottom)
    {
        public int Right => HeatmapFigure.MarginRight;

        public int Top => HeatmapFigure.MarginTop;
    }

    // A colour scale fixed in advance, for panels whose data a slider replaces: the scale must hold every step's values.
    private sealed record FixedScale(StyleParam.Colorscale Colours, double Min, double Max);

    private static GenericChart Heatmaps(Panel[] panels, string title, string parameter, FixedScale? scale = null,
        int extraBottom = 0)
    {
        var grid = Grid(panels, title, parameter, extraBottom);
        var limits = ScaleLimits(panels);
        var chart = Chart.Combine(panels.Select((panel, i) => HeatmapTrace(panels, i, grid,
                scale ?? new FixedScale(Colours.Diverging, -limits[panel.Scale], limits[panel.Scale]))))
            .WithSize(Width: (int)grid.PlotWidth + grid.Left + grid.Right, Height: (int)grid.PlotHeight + grid.Top + grid.Bottom);
        for (var i = 0; i < panels.Length; i++)
        {
            chart = Plotly.NET.Chart.withXAxis(ColumnAxis(panels[i], i, grid), StyleParam.SubPlotId.NewXAxis(i + 1)).Invoke(chart);
            chart = Plotly.NET.Chart.withYAxis(RowAxis(panels[i], i, grid), StyleParam.SubPlotId.NewYAxis(i + 1)).Invoke(chart);
        }
        chart = Plotly.NET.Chart.withAnnotations(panels.Select((panel, i) => PanelTitle(panel, i, grid)), null).Invoke(chart);
        return WithLayout(chart, new
        {
            Title = HeatmapTitle(title, grid),
            Margin = Plotly.NET.LayoutObjects.Margin.init<int, int, int, int, int, bool>(
                FSharpOption<int>.Some(grid.Left), FSharpOption<int>.Some(grid.Right), FSharpOption<int>.Some(grid.Top),
                FSharpOption<int>.Some(grid.Bottom), null, FSharpOption<bool>.Some(false)),
            Font = FontOf(FontSize.Body),
            PlotBGColor = Colours.HeatmapBackground,
        });
    }

    // Left-aligned at the plot's left edge, its top under plotly's mode bar, which a narrow figure would lay over it.
    private static Title HeatmapTitle(string title, HeatmapGrid grid) => Styling.Init<Title>(new
    {
        Text = title,
        Font = FontOf(FontSize.Title),
        X = 0.0,
        XAnchor = StyleParam.XAnchorPosition.Left,
        XRef = "paper",
        Y = 1 - HeatmapFigure.TitleBelowTop / (grid.PlotHeight + grid.Top + grid.Bottom),
        YAnchor = StyleParam.YAnchorPosition.Top,
    });

    // Between panels sit the next panel's row labels, and after the last panel of each colour scale its colour bar;
    // the first panel names its axes (row i, column j), and the left and bottom margins leave room for that.
    private static HeatmapGrid Grid(Panel[] panels, string title, string parameter, int extraBottom)
    {
        var maxRows = panels.Max(p => p.RowCount);
        var labelWidth = HeatmapFigure.DigitWidth * Digits(maxRows - 1);
        var gap = HeatmapFigure.PanelGap + labelWidth;
        var left = HeatmapFigure.MarginLeft + labelWidth;
        var lastOfScale = panels.Select((p, i) => i == panels.Length - 1 || panels[i + 1].Scale != p.Scale).ToArray();
        var spacing = Enumerable.Range(0, panels.Length)
            .Sum(i => (lastOfScale[i] ? HeatmapFigure.ColourBarSpace : 0) + (i < panels.Length - 1 ? gap : 0));
        var available = HeatmapFigure.MaxWidth - left - HeatmapFigure.MarginRight - spacing;
        var columns = panels.Sum(p => p.ColumnCount);
        var cell = Math.Min(Math.Min((double)available / columns, HeatmapFigure.MaxPlotHeight / maxRows), HeatmapFigure.MaxCell);
        // Below a pixel per entry a heatmap shows averages, not entries; many panels would leave no room at all.
        if (cell < 1)
        {
            throw Guard.OutOfRange(parameter,
                $"{panels.Length} panel(s) side by side, {columns} columns in all and up to {maxRows} rows, leave less than a pixel per " +
                    $"entry: the figure has room for {Math.Max(available, 0)} columns and {HeatmapFigure.MaxPlotHeight} rows. Draw " +
                    $"fewer or smaller matrices, e.g. a corner such as W.SubMatrix(0, 64, 0, 64).");
        }
        // A figure narrowed to tall panels stays wide enough for its title.
        var titleWidth = Math.Min(Math.Max(HeatmapFigure.MinWidth, HeatmapFigure.TitleCharWidth * title.Length
            + HeatmapFigure.TitlePadding), HeatmapFigure.MaxWidth);
        var plotWidth = Math.Ceiling(Math.Max(columns * cell + spacing, titleWidth - left - HeatmapFigure.MarginRight));
        var plotHeight = Math.Ceiling(Math.Max(maxRows * cell, HeatmapFigure.MinPlotHeight));
        var x = new double[panels.Length];
        for (var i = 1; i < panels.Length; i++)
        {
            x[i] = x[i - 1] + (panels[i - 1].ColumnCount * cell + (lastOfScale[i - 1] ? HeatmapFigure.ColourBarSpace : 0) + gap);
        }
        return new HeatmapGrid(cell, plotWidth, plotHeight, left, x, lastOfScale, HeatmapFigure.MarginBottom + extraBottom);
    }

    // The largest |entry| of each colour scale's panels, which the scale runs to on either side of 0; an all-zero
    // matrix still needs a colour range, and ±1 draws it white.
    private static Dictionary<int, double> ScaleLimits(Panel[] panels) =>
        panels.Select(p => p.Scale).Distinct().ToDictionary(
            s => s,
            s =>
            {
                var largest = panels.Where(p => p.Scale == s).SelectMany(p => p.Rows).SelectMany(r => r).Select(Math.Abs)
                    .DefaultIfEmpty(0).Max();
                return largest > 0 ? largest : 1;
            });

    private static GenericChart HeatmapTrace(Panel[] panels, int i, HeatmapGrid grid, FixedScale scale)
    {
        var panel = panels[i];
        var heatmap = Chart.Heatmap<double, int, int, string>(
            panel.Rows,
            X: Enumerable.Range(0, panel.ColumnCount).ToArray(),
            Y: Enumerable.Range(0, panel.RowCount).ToArray(),
            Name: panel.Title,
            ShowLegend: false,
            ShowScale: grid.LastOfScale[i]);
        var rows = panels.Where(p => p.Scale == panel.Scale).Max(p => p.RowCount);
        var style = Styling.Call<FSharpFunc<Trace, Trace>>(typeof(Trace2DStyle), nameof(Trace2DStyle.Heatmap), new
        {
            XAxis = StyleParam.LinearAxisId.NewX(i + 1),
            YAxis = StyleParam.LinearAxisId.NewY(i + 1),
            ColorScale = scale.Colours,
            ZAuto = false,
            ZMin = scale.Min,
            ZMax = scale.Max,
            HoverTemplate = $"{panel.HoverName}[%{{y}}, %{{x}}] = %{{z:.4~g}}<extra></extra>",
        });
        var styled = GenericChart.mapTrace(style, heatmap);
        return grid.LastOfScale[i]
            ? Plotly.NET.Chart.withColorBar(ColourBar(grid.X[i] + panel.ColumnCount * grid.Cell, rows * grid.Cell, grid.PlotWidth))
                .Invoke(styled)
            : styled;
    }

    // Beside the panel it ends, as tall as its scale's tallest panel.
    private static ColorBar ColourBar(double panelRight, double length, double plotWidth) => Styling.Init<ColorBar>(new
    {
        X = (panelRight + HeatmapFigure.ColourBarOffset) / plotWidth,
        XAnchor = StyleParam.HorizontalAlign.Left,
        Y = 1.0,
        YAnchor = StyleParam.VerticalAlign.Top,
        Len = Math.Max(length, HeatmapFigure.ColourBarMinLength),
        LenMode = StyleParam.UnitMode.Pixels,
        Thickness = (double)HeatmapFigure.ColourBarThickness,
        OutlineWidth = 0.0,
        XPad = 0.0,
        YPad = 0.0,
        ExponentFormat = StyleParam.ExponentFormat.E,
        TickFont = FontOf(FontSize.ColourBarTicks),
    });

    // The domains give square cells; constrain keeps them square should plotly resize the plot.
    private static LinearAxis ColumnAxis(Panel panel, int i, HeatmapGrid grid)
    {
        var x = grid.X[i];
        var labelWidth = HeatmapFigure.ColumnTickPadding + HeatmapFigure.DigitWidth * Digits(panel.ColumnCount - 1);
        return Styling.Init<LinearAxis>(new
        {
            Domain = StyleParam.Range.NewMinMax(x / grid.PlotWidth, (x + panel.ColumnCount * grid.Cell) / grid.PlotWidth),
            Anchor = StyleParam.LinearAxisId.NewY(i + 1),
            Range = StyleParam.Range.NewMinMax(-0.5, panel.ColumnCount - 0.5),
            TickVals = Ticks(panel.ColumnCount, grid.Cell, labelWidth),
            Title = PanelAxisTitle(i == 0 ? "column j" : ""),
            TickFont = FontOf(FontSize.PanelTicks),
            ShowGrid = false,
            ZeroLine = false,
            Constrain = StyleParam.AxisConstraint.Domain,
            ConstrainToward = StyleParam.AxisConstraintDirection.Left,
        });
    }

    // Row 0 on top, as a matrix is printed; scaleanchor keeps cells square should plotly resize the plot.
    private static LinearAxis RowAxis(Panel panel, int i, HeatmapGrid grid) => Styling.Init<LinearAxis>(new
    {
        Domain = StyleParam.Range.NewMinMax(1 - panel.RowCount * grid.Cell / grid.PlotHeight, 1.0),
        Anchor = StyleParam.LinearAxisId.NewX(i + 1),
        Range = StyleParam.Range.NewMinMax(panel.RowCount - 0.5, -0.5),
        TickVals = Ticks(panel.RowCount, grid.Cell, HeatmapFigure.RowTickSpacing),
        Title = PanelAxisTitle(i == 0 ? "row i" : ""),
        TickFont = FontOf(FontSize.PanelTicks),
        ShowGrid = false,
        ZeroLine = false,
        ScaleAnchor = StyleParam.ScaleAnchor.NewX(i + 1),
        ScaleRatio = 1.0,
        Constrain = StyleParam.AxisConstraint.Domain,
        ConstrainToward = StyleParam.AxisConstraintDirection.Top,
    });

    private static Title PanelAxisTitle(string text) => Styling.Init<Title>(new
    {
        Text = text,
        Font = FontOf(FontSize.PanelAxisTitle),
        Standoff = HeatmapFigure.AxisTitleStandoff,
    });

    private static Annotation PanelTitle(Panel panel, int i, HeatmapGrid grid) => Styling.Init<Annotation>(new
    {
        Text = panel.Title,
        X = (grid.X[i] + panel.ColumnCount * grid.Cell / 2) / grid.PlotWidth,
        XRef = "paper",
        XAnchor = StyleParam.XAnchorPosition.Center,
        Y = 1,
        YRef = "paper",
        YAnchor = StyleParam.YAnchorPosition.Bottom,
        YShift = HeatmapFigure.PanelTitleShift,
        ShowArrow = false,
        Font = FontOf(FontSize.PanelTitle),
    });

    // Tick marks every 1, 2, 5, 10, 20, … indices: the first step that leaves at least minPixels between labels.
    private static int[] Ticks(int count, double cell, double minPixels)
    {
        var step = 1;
        for (var n = 1; step * cell < minPixels; n++)
        {
            step = new[] { 1, 2, 5 }[n % 3] * (int)Math.Pow(10, n / 3);
        }
        return Enumerable.Range(0, (count - 1) / step + 1).Select(i => i * step).ToArray();
    }

    // Finite entries, and at least one of them: a 0×5 panel has no cell to draw and no size to give the others.
    private static Matrix<T> Drawable<T>(Matrix<T>? matrix, [CallerArgumentExpression(nameof(matrix))] string name = "",
        string? paramName = null)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var finite = Guard.Finite(matrix, name, paramName ?? name);
        if (finite.RowCount == 0 || finite.ColumnCount == 0)
        {
            throw Guard.Invalid(paramName ?? name,
                $"{name} must have at least one row and one column to be drawn, but is {Guard.Shape(finite)}.");
        }
        return finite;
    }

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;

    private static double[][] ToDouble<T>(Matrix<T> matrix)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => matrix.ToRowArrays().Select(row => row.Select(v => double.CreateChecked(v)).ToArray()).ToArray();
}
