using Plotly.NET;
using Plotly.NET.CSharp;
using static LowRank.ChartStyle;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

// Measurements that a notebook makes itself (times, errors against a size) drawn side by side.
public static partial class Charts
{
    /// <summary>
    /// Named series of (x, y) measurements as lines with markers, e.g. the seconds two SVDs take as n grows; a log y axis
    /// where the values span decades.
    /// </summary>
    /// <param name="series">At least one series, each with a name and as many finite x as y values (at least one); on a log axis every y
    /// &gt; 0.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="logY">Whether the y axis is logarithmic.</param>
    public static GenericChart Lines(IReadOnlyList<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series,
        string title, string xTitle, string yTitle, bool logY = false)
    {
        var list = Guard.NonEmptyList(series, "series");
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xTitle);
        ArgumentNullException.ThrowIfNull(yTitle);
        for (var i = 0; i < list.Length; i++)
        {
            var (name, x, y) = list[i];
            if (name is null || x is null || y is null || x.Count == 0 || x.Count != y.Count)
            {
                throw new ArgumentException(
                    $"series[{i}] needs a name and as many x as y values (at least one), but has name " +
                        $"{(name is null ? "null" : $"\"{name}\"")}, " +
                        $"{x?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} x and " +
                        $"{y?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} y.",
                    nameof(series));
            }
            if (x.Concat(y).Any(v => !double.IsFinite(v)) || (logY && y.Any(v => v <= 0)))
            {
                throw new ArgumentOutOfRangeException(nameof(series),
                    $"series[{i}] (\"{name}\") must hold finite values{(logY ? ", and y > 0 on a log axis" : "")}.");
            }
        }
        var lines = list.Select(s =>
        {
            var line = Chart.Line<double, double, string>(s.X.ToArray(), s.Y.ToArray(), ShowMarkers: true, Name: s.Name);
            line = Hover(line, s.X.Zip(s.Y, (x, y) => $"{s.Name}: {Numbers.Short(x)} → {Numbers.Short(y)}"));
            return line;
        });
        return Style(Chart.Combine(lines), title, xTitle, yTitle, logY, yValues: list.SelectMany(s => s.Y).ToArray());
    }
}
