using Plotly.NET;

namespace LowRank;

/// <summary>
/// Every size, font, colour and margin of the workbook's figures, in pixels unless named otherwise, so that the figures
/// agree with each other and a change to one look is a change in one place.
/// </summary>
internal static class ChartStyle
{
    /// <summary>The colours the figures draw with.</summary>
    internal static class Colours
    {
        /// <summary>What a figure measures: singular values, measured errors, the trained adapter.</summary>
        internal static readonly Color Signal = Color.fromHex("#1f77b4");

        /// <summary>What counts as nothing or as the baseline: numerical zeros, the best possible error.</summary>
        internal static readonly Color Muted = Color.fromHex("#bbbbbb");

        /// <summary>A reference drawn against the signal: tolerances, floors, predictions.</summary>
        internal static readonly Color Accent = Color.fromHex("#d62728");

        /// <summary>Behind a note laid over the plot, so the lines under it stay visible but do not cross its text.</summary>
        internal static readonly Color NoteBackground = Color.fromString("rgba(255,255,255,0.8)");

        /// <summary>Behind heatmaps, where plotly's default grey would read as an entry's colour.</summary>
        internal static readonly Color HeatmapBackground = Color.fromString("white");

        /// <summary>Grey levels of a picture: black at its darkest, white at its brightest.</summary>
        internal static readonly StyleParam.Colorscale Grey = StyleParam.Colorscale.NewCustom(
            [Tuple.Create(0.0, Color.fromString("#000000")), Tuple.Create(1.0, Color.fromString("#ffffff"))]);

        /// <summary>ColorBrewer RdBu, reversed so that positive entries are red and negative ones blue, white at 0.</summary>
        internal static readonly StyleParam.Colorscale Diverging = StyleParam.Colorscale.NewCustom(
            new[] { "#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b",
                "#67001f" }
                .Select((hex, i) => Tuple.Create(i / 10.0, Color.fromString(hex))));
    }

    /// <summary>Font sizes: the figure title largest, axis titles above the body text, tick labels and notes below it.</summary>
    internal static class FontSize
    {
        internal const int Title = 18;
        internal const int Body = 13;
        internal const int AxisTitle = 14;
        internal const int Ticks = 12;
        internal const int Note = 12;
        internal const int PanelTitle = 14;
        internal const int PanelAxisTitle = 12;
        internal const int PanelTicks = 11;
        internal const int ColourBarTicks = 11;
    }

    /// <summary>
    /// Line and bar charts: the legend goes in a row under the x-axis title, so however long its entries are they
    /// never take width from the plot.
    /// </summary>
    internal static class LineFigure
    {
        internal const int Width = 900;
        internal const int Height = 560;
        internal const int MarginLeft = 80;
        internal const int MarginRight = 30;
        internal const int MarginTop = 80;
        internal const int MarginBottom = 130;

        /// <summary>From the bottom of the plot to the top of the legend: below the tick labels and the x-axis title.</summary>
        internal const int LegendBelowAxis = 68;

        /// <summary>The title's left edge, as a fraction of the plot's width.</summary>
        internal const double TitleX = 0.02;

        /// <summary>The y range of a bar chart over its tallest bar, leaving room for the value printed above it.</summary>
        internal const double BarHeadroom = 1.12;
    }

    /// <summary>
    /// Heatmaps side by side: every cell a square of the same size, as large as fits the figure's width and height
    /// budget, panels separated by the next panel's row labels and by colour bars.
    /// </summary>
    internal static class HeatmapFigure
    {
        /// <summary>The widest figure, to fit a notebook's output area.</summary>
        internal const int MaxWidth = 980;

        /// <summary>The narrowest figure, before the title asks for more.</summary>
        internal const int MinWidth = 560;

        /// <summary>The tallest a panel may be; a matrix with more rows than this gets cells under a pixel.</summary>
        internal const double MaxPlotHeight = 420;

        /// <summary>The shortest plot area, so a one-row matrix still leaves room for its colour bar.</summary>
        internal const double MinPlotHeight = 160;

        /// <summary>The largest cell, so a 2×2 matrix does not fill the screen.</summary>
        internal const double MaxCell = 40;

        /// <summary>Width a digit of a tick label takes at the panels' tick font size.</summary>
        internal const int DigitWidth = 7;

        /// <summary>Width a character of the title takes at its font size, so a figure narrowed to tall panels keeps its title.</summary>
        internal const int TitleCharWidth = 10;

        /// <summary>Added to the title's width for the space around it.</summary>
        internal const int TitlePadding = 40;

        /// <summary>Between panels, besides the next panel's row labels.</summary>
        internal const int PanelGap = 22;

        /// <summary>What a colour bar with its tick labels takes after the last panel of its scale.</summary>
        internal const int ColourBarSpace = 78;

        /// <summary>From a panel's right edge to its colour bar.</summary>
        internal const int ColourBarOffset = 8;

        internal const int ColourBarThickness = 12;

        /// <summary>The shortest colour bar, so a short panel's bar still has room for its labels.</summary>
        internal const double ColourBarMinLength = 100;

        /// <summary>Left margin besides the row labels: room for the first panel's "row i".</summary>
        internal const int MarginLeft = 40;
        internal const int MarginRight = 10;

        /// <summary>Room for the title and the panel titles above the plots.</summary>
        internal const int MarginTop = 100;

        /// <summary>Room for the column tick labels and "column j".</summary>
        internal const int MarginBottom = 62;

        /// <summary>The title's top below the figure's top, under plotly's mode bar, which a narrow figure would otherwise lay over the
        /// title.</summary>
        internal const double TitleBelowTop = 34;

        /// <summary>Space between an axis and its title.</summary>
        internal const int AxisTitleStandoff = 4;

        /// <summary>A panel title's lift above its panel.</summary>
        internal const int PanelTitleShift = 6;

        /// <summary>Free space beside a column tick label besides its digits.</summary>
        internal const int ColumnTickPadding = 6;

        /// <summary>The least space between row tick labels: a line of tick text.</summary>
        internal const double RowTickSpacing = 14;
    }

    /// <summary>
    /// Heatmaps under a plotly.js slider: a readout line under the column labels, then the slider, whose steps the browser
    /// runs without a kernel.
    /// </summary>
    internal static class SliderFigure
    {
        /// <summary>The readout line's height, under the column axis titles.</summary>
        internal const int ReadoutHeight = 30;

        /// <summary>The slider with its current value above the rail and the step labels below it.</summary>
        internal const int SliderHeight = 84;

        /// <summary>Space above the slider's current value, below the readout.</summary>
        internal const int SliderPadTop = 8;

        /// <summary>The most matrix entries all steps together may send: about 1 MB of JSON at 20 characters a number.</summary>
        internal const long MaxMatrixNumbers = 50_000;

        /// <summary>The most grey levels a picture and its steps may send: about 1 MB of JSON at 4 characters a number.</summary>
        internal const long MaxPictureNumbers = 250_000;
    }
}
