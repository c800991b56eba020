using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
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
    private sealed record HeatmapGrid(double Cell, double PlotWidth, double PlotHeight, int Left, double[] X, bool[] LastOfScale, int Bottom)
    {
        public int Right => HeatmapFigure.MarginRight;

        public int Top => HeatmapFigure.MarginTop;
    }

    // A colour scale fixed in advance, for panels whose data a slider replaces: the scale must hold every step's values.
    private sealed record FixedScale(object[][] Colours, double Min, double Max);

    private static GenericChart Heatmaps(Panel[] panels, string title, string parameter, FixedScale? scale = null, int extraBottom = 0)
    {
        var grid = Grid(panels, title, parameter, extraBottom);
        var limits = ScaleLimits(panels);
        var traces = panels.Select((panel, i) => HeatmapTrace(panels, i, grid,
            scale ?? new FixedScale(Colours.Diverging, -limits[panel.Scale], limits[panel.Scale]))).ToList();
        var figureHeight = (int)grid.PlotHeight + grid.Top + grid.Bottom;
        var chart = Plotly.NET.Chart.withTitle(title, null).Invoke(Chart.Combine(traces))
            .WithSize(Width: (int)grid.PlotWidth + grid.Left + grid.Right, Height: figureHeight);
        for (var i = 0; i < panels.Length; i++)
        {
            var id = AxisId(i);
            SetLayout(chart, "xaxis" + id, ColumnAxis(panels[i], i, grid));
            SetLayout(chart, "yaxis" + id, RowAxis(panels[i], i, grid));
        }
        SetLayout(chart, "annotations", panels.Select((panel, i) => PanelTitle(panel, i, grid)).ToList<object>());
        SetLayout(chart, "margin", Plotly.NET.LayoutObjects.Margin.init<int, int, int, int, int, bool>(
            FSharpOption<int>.Some(grid.Left), FSharpOption<int>.Some(grid.Right), FSharpOption<int>.Some(grid.Top), FSharpOption<int>.Some(grid.Bottom),
            null, FSharpOption<bool>.Some(false)));
        SetLayout(chart, "font", FontOf(FontSize.Body));
        SetLayout(chart, "title", Title.init(
            FSharpOption<string>.Some(title), FSharpOption<Font>.Some(FontOf(FontSize.Title)), null, null,
            FSharpOption<double>.Some(0), FSharpOption<StyleParam.XAnchorPosition>.Some(StyleParam.XAnchorPosition.Left), FSharpOption<string>.Some("paper"),
            FSharpOption<double>.Some(1 - HeatmapFigure.TitleBelowTop / figureHeight), FSharpOption<StyleParam.YAnchorPosition>.Some(StyleParam.YAnchorPosition.Top),
            null, null, null));
        SetLayout(chart, "plot_bgcolor", Colours.HeatmapBackground);
        return chart;
    }

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
                $"{panels.Length} panel(s) side by side, {columns} columns in all and up to {maxRows} rows, leave less than a pixel per entry: the figure has room for {Math.Max(available, 0)} columns and {HeatmapFigure.MaxPlotHeight} rows. Draw fewer or smaller matrices, e.g. a corner such as W.SubMatrix(0, 64, 0, 64).");
        }
        // A figure narrowed to tall panels stays wide enough for its title.
        var titleWidth = Math.Min(Math.Max(HeatmapFigure.MinWidth, HeatmapFigure.TitleCharWidth * title.Length + HeatmapFigure.TitlePadding), HeatmapFigure.MaxWidth);
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
                var largest = panels.Where(p => p.Scale == s).SelectMany(p => p.Rows).SelectMany(r => r).Select(Math.Abs).DefaultIfEmpty(0).Max();
                return largest > 0 ? largest : 1;
            });

    private static string AxisId(int panel) => panel == 0 ? "" : (panel + 1).ToString(CultureInfo.InvariantCulture);

    private static GenericChart HeatmapTrace(Panel[] panels, int i, HeatmapGrid grid, FixedScale scale)
    {
        var panel = panels[i];
        var id = AxisId(i);
        var heatmap = Chart.Heatmap<double, int, int, string>(
            panel.Rows,
            X: Enumerable.Range(0, panel.ColumnCount).ToArray(),
            Y: Enumerable.Range(0, panel.RowCount).ToArray(),
            Name: panel.Title,
            ShowLegend: false,
            ShowScale: grid.LastOfScale[i]);
        foreach (var trace in GenericChart.getTraces(heatmap))
        {
            trace.SetProperty("xaxis", "x" + id);
            trace.SetProperty("yaxis", "y" + id);
            trace.SetProperty("colorscale", scale.Colours);
            trace.SetProperty("zauto", false);
            trace.SetProperty("zmin", scale.Min);
            trace.SetProperty("zmax", scale.Max);
            trace.SetProperty("hovertemplate", $"{panel.HoverName}[%{{y}}, %{{x}}] = %{{z:.4~g}}<extra></extra>");
            if (grid.LastOfScale[i])
            {
                var rows = panels.Where(p => p.Scale == panel.Scale).Max(p => p.RowCount);
                trace.SetProperty("colorbar", ColourBar(grid.X[i] + panel.ColumnCount * grid.Cell, rows * grid.Cell, grid.PlotWidth));
            }
        }
        return heatmap;
    }

    // Beside the panel it ends, as tall as its scale's tallest panel.
    private static Dictionary<string, object> ColourBar(double panelRight, double length, double plotWidth) => Obj(
        ("x", (panelRight + HeatmapFigure.ColourBarOffset) / plotWidth), ("xanchor", "left"),
        ("y", 1), ("yanchor", "top"),
        ("len", Math.Max(length, HeatmapFigure.ColourBarMinLength)), ("lenmode", "pixels"),
        ("thickness", HeatmapFigure.ColourBarThickness), ("outlinewidth", 0), ("xpad", 0), ("ypad", 0),
        ("exponentformat", "e"), ("tickfont", FontOf(FontSize.ColourBarTicks)));

    // The domains give square cells; constrain keeps them square should plotly resize the plot.
    private static Dictionary<string, object> ColumnAxis(Panel panel, int i, HeatmapGrid grid)
    {
        var x = grid.X[i];
        return Obj(
            ("domain", new[] { x / grid.PlotWidth, (x + panel.ColumnCount * grid.Cell) / grid.PlotWidth }),
            ("anchor", "y" + AxisId(i)),
            ("range", new[] { -0.5, panel.ColumnCount - 0.5 }),
            ("tickvals", Ticks(panel.ColumnCount, grid.Cell, HeatmapFigure.ColumnTickPadding + HeatmapFigure.DigitWidth * Digits(panel.ColumnCount - 1))),
            ("title", PanelAxisTitle(i == 0 ? "column j" : "")),
            ("tickfont", FontOf(FontSize.PanelTicks)),
            ("showgrid", false), ("zeroline", false),
            ("constrain", "domain"), ("constraintoward", "left"));
    }

    // Row 0 on top, as a matrix is printed; scaleanchor keeps cells square should plotly resize the plot.
    private static Dictionary<string, object> RowAxis(Panel panel, int i, HeatmapGrid grid)
    {
        var id = AxisId(i);
        return Obj(
            ("domain", new[] { 1 - panel.RowCount * grid.Cell / grid.PlotHeight, 1.0 }),
            ("anchor", "x" + id),
            ("range", new[] { panel.RowCount - 0.5, -0.5 }),
            ("tickvals", Ticks(panel.RowCount, grid.Cell, HeatmapFigure.RowTickSpacing)),
            ("title", PanelAxisTitle(i == 0 ? "row i" : "")),
            ("tickfont", FontOf(FontSize.PanelTicks)),
            ("showgrid", false), ("zeroline", false),
            ("scaleanchor", "x" + id), ("scaleratio", 1),
            ("constrain", "domain"), ("constraintoward", "top"));
    }

    private static Dictionary<string, object> PanelAxisTitle(string text) =>
        Obj(("text", text), ("font", FontOf(FontSize.PanelAxisTitle)), ("standoff", HeatmapFigure.AxisTitleStandoff));

    private static Dictionary<string, object> PanelTitle(Panel panel, int i, HeatmapGrid grid) => Obj(
        ("text", panel.Title),
        ("x", (grid.X[i] + panel.ColumnCount * grid.Cell / 2) / grid.PlotWidth), ("xref", "paper"), ("xanchor", "center"),
        ("y", 1), ("yref", "paper"), ("yanchor", "bottom"), ("yshift", HeatmapFigure.PanelTitleShift),
        ("showarrow", false), ("font", FontOf(FontSize.PanelTitle)));

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

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;

    private static double[][] ToDouble<T>(Matrix<T> matrix)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => matrix.ToRowArrays().Select(row => row.Select(v => double.CreateChecked(v)).ToArray()).ToArray();
}
