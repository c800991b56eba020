using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LowRank;
using Workbook;
using Workbook.Apps;
using Xunit.Abstractions;

namespace Workbook.Tests;

/// <summary>
/// Every notebook's generated file-based app, run as the README says (<c>dotnet run app.cs</c> from its folder), prints
/// what the notebook printed under dotnet-repl, shows its tables as text and writes each of its charts to a page.
/// The apps are written to the fixture's temporary artifacts root and built in Release, against the library the fixture
/// built, so the test leaves the checkout's artifacts/ and bin/Debug/ (a learner's own app runs) alone.
/// </summary>
[Collection(WorkbookCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class AppRunTests(WorkbookRun run, ITestOutputHelper log)
{
    // A file-based app's first build restores and compiles the library with it, which takes a minute or more on a loaded
    // machine; two at a time keeps the two cores busy without starving the builds.
    private const int ParallelApps = 2;
    private static readonly TimeSpan AppTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Every_app_prints_what_its_notebook_printed_and_writes_each_chart()
    {
        var repository = run.Repository;
        var output = Path.Combine(run.Output, "apps");

        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(ParallelApps);
        var apps = await Task.WhenAll(run.Notebooks.Select(async notebook =>
        {
            var app = AppWriter.Write(repository, notebook, output);
            await gate.WaitAsync();
            try
            {
                // Release builds LowRank.Notebooks through #:project in the configuration the fixture already built, so
                // the two apps that start together find it up to date instead of both writing its output at once.
                var result = await ProcessRunner.RunAsync("dotnet", ["run", "-c", "Release", AppWriter.AppFileName],
                    Path.GetDirectoryName(app)!, AppTimeout);
                return (Name: repository.RelativeName(notebook), App: app, Result: result);
            }
            finally
            {
                gate.Release();
            }
        }));
        log.WriteLine($"{apps.Length} apps in {clock.Elapsed.TotalSeconds:0} s, {ParallelApps} at a time:");
        foreach (var (name, _, result) in apps)
        {
            log.WriteLine($"  {name}: {result.Elapsed.TotalSeconds:0.0} s, exit code {result.ExitCode}");
        }

        var problems = new StringBuilder();
        foreach (var (name, app, result) in apps)
        {
            if (result.ExitCode != 0)
            {
                problems.Append($"{name}: `dotnet run app.cs` exited with {result.ExitCode}:\n{result.Output}\n");
                continue;
            }
            var expected = Expected(run.Executed(name), NotebookDocument.Load(run.FirstRunOf(name).Notebook).MeasurementCells);
            var (printed, charts) = Split(result.Output);
            if (!printed.SequenceEqual(expected.Lines))
            {
                problems.Append($"{name}: the app printed\n{string.Join('\n', printed)}\n--- but the notebook " +
                    $"printed\n{string.Join('\n', expected.Lines)}\n");
            }
            var folder = Path.GetDirectoryName(app)!;
            if (charts.Count != expected.Figures.Count)
            {
                problems.Append($"{name}: the app wrote {charts.Count} chart(s), the notebook shows {expected.Figures.Count}.\n");
            }
            foreach (var (chart, i) in charts.Select((c, i) => (c, i)).Take(expected.Figures.Count))
            {
                var page = Path.Combine(folder, chart);
                if (chart != AppDisplay(i + 1) || !File.Exists(page))
                {
                    problems.Append($"{name}: chart {i + 1} should be written to {AppDisplay(i + 1)}; the app names '{chart}' (exists: " +
                        $"{File.Exists(page)}).\n");
                    continue;
                }
                var html = File.ReadAllText(page);
                if (expected.Figures[i] is { } figure && Figure(html) != figure)
                {
                    problems.Append($"{name}: {chart} does not hold the notebook's chart {i + 1} figure.\n");
                }
                if (!html.Contains("plotly.js v2.28.0", StringComparison.Ordinal) || html.Contains(" src=", StringComparison.Ordinal))
                {
                    problems.Append($"{name}: {chart} does not carry plotly.js itself.\n");
                }
            }
        }
        Assert.True(problems.Length == 0, problems.ToString());
    }

    // AppDisplay's names for chart pages and the line naming each (tested in LowRank.Notebooks.Tests); written out here
    // because this project does not load the kernel integration library.
    private static string AppDisplay(int number) => $"chart-{number.ToString(CultureInfo.InvariantCulture)}.html";

    /// <summary>
    /// What the app should print, from the notebook's dotnet-repl run: its stream outputs, and each table it displayed
    /// as that table's text; and the figures of the charts it displayed, in order. The plotly.js loader shows nothing.
    /// </summary>
    private static (IReadOnlyList<string> Lines, IReadOnlyList<string?> Figures) Expected(NotebookDocument notebook,
        IReadOnlySet<int> measurements)
    {
        var text = new StringBuilder();
        // A measurement cell's chart (timings) differs from run to run: null, so only its place is checked.
        var figures = new List<string?>();
        foreach (var (cell, output) in notebook.Cells.SelectMany(c => c.Outputs.Select(o => (c, o))))
        {
            var html = output.Data.GetValueOrDefault("text/html");
            if (output.OutputType == "stream")
            {
                text.Append(output.Text);
            }
            else if (cell.Source.Contains("#r \"nuget:", StringComparison.Ordinal))
            {
                // The kernel's "Installed Packages" list: an app restores its packages when it is built, silently.
                continue;
            }
            else if (html is not null && html.Contains("class=\"lowrank-table\"", StringComparison.Ordinal))
            {
                text.Append(TableOf(html)).Append('\n');
            }
            else if (html is not null && html.Contains("class=\"lowrank-chart\"", StringComparison.Ordinal))
            {
                figures.Add(measurements.Contains(cell.Number) ? null : Figure(html));
            }
            else if (html is null || !html.Contains("lowrank-plotly-loader", StringComparison.Ordinal))
            {
                // Any other displayed value: the app prints its text, as the kernel's text/plain shows it.
                text.Append(output.Data.GetValueOrDefault("text/plain")
                    ?? throw new InvalidDataException($"{notebook.Path}, cell {cell.Number}: a display with neither text nor a known " +
                        $"HTML form:\n{html}")).Append('\n');
            }
        }
        return (Lines(text.ToString()), figures);
    }

    // The app's output without the lines naming chart pages, and the pages those lines name.
    private static (IReadOnlyList<string> Printed, IReadOnlyList<string> Charts) Split(string output)
    {
        var printed = new List<string>();
        var charts = new List<string>();
        foreach (var line in Lines(output))
        {
            if (ChartLine().Match(line) is { Success: true } m)
            {
                charts.Add(m.Groups["path"].Value);
            }
            else
            {
                printed.Add(line);
            }
        }
        return (printed, charts);
    }

    private static string[] Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    // The notebook's HTML table, read back into a Table: what the kernel showed, as the app should print it.
    private static string TableOf(string html)
    {
        var rows = Row().Matches(html)
            .Select(r => Cell().Matches(r.Groups[1].Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToArray())
            .ToArray();
        Assert.True(rows.Length > 0, $"No rows in the table output:\n{html}");
        return new Table(rows[0], rows[1..]).ToString();
    }

    private static string Figure(string html) =>
        FigureJson().Match(html) is { Success: true } m
            ? m.Groups[1].Value : throw new InvalidDataException($"No figure in:\n{html[..Math.Min(html.Length, 300)]}");

    [GeneratedRegex(@"^Chart (?<n>\d+) written to (?<path>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChartLine();

    [GeneratedRegex(@"var figure = (\{.*\});", RegexOptions.CultureInvariant)]
    private static partial Regex FigureJson();

    [GeneratedRegex("<tr>(.*?)</tr>", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Cell();
}
