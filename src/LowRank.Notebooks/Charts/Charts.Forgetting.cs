using System.Globalization;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.TraceObjects;
using static LowRank.ChartStyle;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

public static partial class Charts
{
    /// <summary>
    /// For each way of fine-tuning, three bars: test accuracy on the new task, on the original task with the tuned
    /// weights, and on the original task with the frozen base alone (the adapter switched off, or nothing to switch off
    /// when the network itself was tuned), in percent, so forgetting shows as the drop between the last two.
    /// </summary>
    /// <param name="methods">
    /// One entry per method, at least one: a name of its own, and three accuracies from 0 to 1; the third is null where no
    /// frozen base remains (full fine-tuning, which changed every weight).
    /// </param>
    /// <param name="title">The chart title.</param>
    public static GenericChart Forgetting(
        IReadOnlyList<(string Method, double NewTask, double OriginalTuned, double? OriginalBase)> methods,
        string title = "New task learned, original task kept? Test accuracy per way of fine-tuning")
    {
        var list = Guard.NonEmptyList(methods, "method");
        ArgumentNullException.ThrowIfNull(title);
        for (var i = 0; i < list.Length; i++)
        {
            var (name, added, tuned, frozen) = list[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw Guard.Invalid(nameof(methods), $"methods[{i}].Method must be a name for its bars, but was '{name}'.");
            }
            // Bars are grouped by name: a repeated one would draw two methods' bars in one group.
            var first = Array.FindIndex(list, m => m.Method == name);
            if (first < i)
            {
                throw Guard.Invalid(nameof(methods),
                    $"methods[{i}].Method must differ from every other method's name, but repeats methods[{first}]'s '{name}'.");
            }
            if (!Fraction(added) || !Fraction(tuned) || (frozen is { } f && !Fraction(f)))
            {
                throw Guard.OutOfRange(nameof(methods), $"methods[{i}] must have accuracies from 0 to 1, " +
                    $"but has NewTask = {added}, OriginalTuned = {tuned}, OriginalBase = {frozen}.");
            }
        }
        var names = list.Select(m => m.Method).ToArray();
        var bars = new[]
        {
            Bars("new task", list.Select(m => (double?)m.NewTask), Colours.Signal),
            Bars("original task, tuned weights (adapter on)", list.Select(m => (double?)m.OriginalTuned), Colours.Accent),
            Bars("original task, frozen base (adapter off)", list.Select(m => m.OriginalBase), Colours.Muted),
        };
        var chart = Style(Chart.Combine(bars), title, xTitle: "what was trained", yTitle: "test accuracy (%)", logY: false);
        return WithAxis(chart, x: false, new { Range = StyleParam.Range.NewMinMax(0, LineFigure.BarHeadroom * 100) });

        GenericChart Bars(string series, IEnumerable<double?> values, Color colour)
        {
            var shown = names.Zip(values).Where(p => p.Second is not null).ToArray();
            var percent = shown.Select(p => 100 * p.Second!.Value).ToArray();
            var bar = Chart.Column<double, string, string>(percent, Keys: shown.Select(p => p.First).ToArray(), Name: series,
                MarkerColor: colour, MultiText: percent.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)).ToArray());
            bar = Hover(bar, shown.Select((p, i) => $"{p.First}, {series}: {percent[i].ToString("0.0", CultureInfo.InvariantCulture)} %"));
            // Values above the bars at a readable size, as in ParameterShare.
            return GenericChart.mapTrace(Styling.Call<FSharpFunc<Trace, Trace>>(typeof(Trace2DStyle), nameof(Trace2DStyle.Bar), new
            {
                TextPosition = StyleParam.TextPosition.Outside,
                TextFont = FontOf(FontSize.Note),
                ClipOnAxis = false,
            }), bar);
        }

        static bool Fraction(double v) => double.IsFinite(v) && v >= 0 && v <= 1;
    }
}
