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

    [Fact]
    public void A_file_where_the_folder_should_be_is_named_in_one_message_and_the_numbering_goes_on()
    {
        Directory.CreateDirectory(folder);
        var shadow = Path.Combine(folder, "pages");
        File.WriteAllText(shadow, "not a folder");
        var display = new AppDisplay(shadow, "t", output);

        var error = Assert.Throws<IOException>(() => display.Show(Chart("c")));

        Assert.Equal(
            $"Cannot write the chart page chart-1.html into the folder {shadow}: {shadow} is a file, not a folder. Pass AppDisplay a " +
            "folder that exists or can be created, and that this user can write to.",
            error.Message);
        Assert.NotNull(error.InnerException);
        Assert.Equal("", output.ToString());
        File.Delete(shadow);
        Assert.Equal(Path.Combine(shadow, "chart-1.html"), display.Show(Chart("c")));
    }

    [Fact]
    public void A_file_above_the_folder_is_named_as_the_reason()
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "file");
        File.WriteAllText(file, "not a folder");
        var below = Path.Combine(file, "a", "b");

        var error = Assert.Throws<IOException>(() => new AppDisplay(below, "t", output).Show(Chart("c")));

        Assert.StartsWith(
            $"Cannot write the chart page chart-1.html into the folder {below}: {file} is a file, not a folder.",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_numbers_below_1_and_missing_paths_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AppDisplay.ChartFileName(-2));
        Assert.Equal("number", error.ParamName);
        Assert.StartsWith("number must be at least 1 (charts are numbered from 1), but was -2.", error.Message, StringComparison.Ordinal);
        Assert.Equal("number", Assert.Throws<ArgumentOutOfRangeException>(() => AppDisplay.ChartLine(0, "chart-1.html")).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => AppDisplay.ChartLine(1, null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => AppDisplay.ChartLine(1, " ")).ParamName);
    }

    [Fact]
    public void A_folder_that_is_no_path_is_named_as_folder()
    {
        var error = Assert.Throws<ArgumentException>(() => new AppDisplay("pages\0x", "t", output));
        Assert.Equal("folder", error.ParamName);
        Assert.StartsWith("folder must be a valid path, but was \"pages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_refuses_a_null_chart_and_a_null_list_by_name()
    {
        var nullChart = Assert.Throws<ArgumentException>(() => ChartHtml.Page("t", [Chart("a"), null!]));
        Assert.Equal("charts", nullChart.ParamName);
        Assert.StartsWith("charts[1] is null, but every element must be a GenericChart.", nullChart.Message, StringComparison.Ordinal);
        Assert.Equal("charts", Assert.Throws<ArgumentNullException>(() => ChartHtml.Page("t", null!)).ParamName);
    }

    [GeneratedRegex(@"var figure = (\{.*\});", RegexOptions.CultureInvariant)]
    private static partial Regex FigureJson();
}
