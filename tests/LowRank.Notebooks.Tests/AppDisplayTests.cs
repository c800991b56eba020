using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Plotly.NET;

using LowRank;

namespace LowRank.Notebooks.Tests;

/// <summary>What a generated file-based app shows where a notebook cell ends with a value.</summary>
public sealed partial class AppDisplayTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lowrank-appdisplay-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter output = new();

    public void Dispose()
    {
        output.Dispose();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static GenericChart Chart(string title) =>
        Plotly.NET.Chart.withTitle(title, null).Invoke(
            Plotly.NET.CSharp.Chart.Column<double, int, string>([1.0, 2.0], Keys: new[] { 1, 2 }));

    [Fact]
    public void Each_chart_becomes_a_numbered_self_contained_page_and_one_line_naming_it()
    {
        var display = new AppDisplay(folder, "02-svd-and-truncation", output);

        var first = display.Show(Chart("first"));
        var second = display.Show(Chart("second"));

        Assert.Equal(Path.Combine(folder, "chart-1.html"), first);
        Assert.Equal(Path.Combine(folder, "chart-2.html"), second);
        var page = File.ReadAllText(first!);
        Assert.Contains("<title>02-svd-and-truncation: chart 1</title>", page, StringComparison.Ordinal);
        Assert.Contains("plotly.js v2.28.0", page, StringComparison.Ordinal);
        var figure = JsonNode.Parse(FigureJson().Match(page).Groups[1].Value)!;
        Assert.Equal("first", (string?)figure["layout"]!["title"]!["text"]);
        Assert.Equal("bar", (string?)figure["data"]![0]!["type"]);
        Assert.Equal(new[] { 1.0, 2.0 }, figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("second",
            (string?)JsonNode.Parse(FigureJson().Match(File.ReadAllText(second!)).Groups[1].Value)!["layout"]!["title"]!["text"]);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [AppDisplay.ChartLine(1, Path.GetRelativePath(Directory.GetCurrentDirectory(), first!)), AppDisplay.ChartLine(2,
                Path.GetRelativePath(Directory.GetCurrentDirectory(), second!))],
            lines);
        Assert.StartsWith("Chart 1 written to ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("chart-1.html", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_is_printed_as_its_aligned_text()
    {
        var display = new AppDisplay(folder, "t", output);

        Assert.Null(display.Show(new Table(["r", "error"], [["1", "4.844"], ["10", "0"]])));

        Assert.Equal(" r  error\n 1  4.844\n10      0" + Environment.NewLine, output.ToString());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void The_plotly_loader_shows_nothing_and_other_values_print_as_text()
    {
        var display = new AppDisplay(folder, "t", output);

        display.Show(new PlotlyLoader("2.28.0"));
        display.Show(42);
        display.Show("text");

        Assert.Equal("42" + Environment.NewLine + "text" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Outside_a_file_based_app_the_pages_go_to_the_current_folder()
    {
        var display = AppDisplay.ForEntryPoint();

        // A test host is not a file-based app, so .NET sets no entry point folder.
        Assert.Null(AppContext.GetData(AppDisplay.EntryPointFolderKey));
        Assert.Equal(Path.GetFullPath(Directory.GetCurrentDirectory()), display.Folder);
        Assert.Equal(Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory.GetCurrentDirectory())), display.Title);
    }

    [Fact]
    public void Chart_file_names_count_from_one_and_bad_arguments_are_refused()
    {
        Assert.Equal("chart-1.html", AppDisplay.ChartFileName(1));
        Assert.Equal("chart-12.html", AppDisplay.ChartFileName(12));
        Assert.Equal("number", Assert.Throws<ArgumentOutOfRangeException>(() => AppDisplay.ChartFileName(0)).ParamName);
        Assert.Equal("folder", Assert.Throws<ArgumentException>(() => new AppDisplay(" ", "t", output)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => new AppDisplay(folder, "t", null!)).ParamName);
    }

    [GeneratedRegex(@"var figure = (\{.*\});", RegexOptions.CultureInvariant)]
    private static partial Regex FigureJson();
}
