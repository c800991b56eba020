using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbook;

namespace Workbook.Tests;

/// <summary>
/// Each chart output is there with the expected traces, and draws in a real headless browser with the network
/// blocked: plotly.js comes from the notebook's own loader output, once per notebook, and accepts every figure.
/// </summary>
[Collection(WorkbookCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class ChartTests(WorkbookRun workbook)
{
    // The trace types of each lesson's charts, in the order the notebook shows them.
    private static readonly Dictionary<string, string[]> LessonCharts = new()
    {
        ["01-seeding-and-rank.ipynb"] = [],
        ["02-svd-and-truncation.ipynb"] = ["bar scatter", "heatmap heatmap heatmap heatmap heatmap", "heatmap heatmap heatmap"],
        ["03-outputs-and-parameters.ipynb"] = ["bar bar bar bar"],
        ["04-choosing-the-rank.ipynb"] = ["scatter scatter", "scatter scatter", "scatter scatter scatter scatter"],
        ["05-training-a-lora-adapter.ipynb"] = ["scatter", "heatmap heatmap", "scatter scatter scatter"],
        ["06-low-rank-at-real-scale.ipynb"] = ["bar bar bar bar bar", "scatter scatter", "scatter scatter"],
        ["07-lora-on-a-real-network.ipynb"] = [string.Join(' ', Enumerable.Repeat("heatmap", 12)), "scatter", "bar bar bar"],
        ["08-compressing-a-picture.ipynb"] = ["bar scatter", "heatmap heatmap"],
    };

    // A solution draws no chart unless listed here, by its path relative to notebooks/ (e.g. "solutions/04-x.ipynb").
    private static readonly Dictionary<string, string[]> SolutionCharts = new()
    {
        // Exercise 1's W3 under the lesson's rank slider.
        ["solutions/02-svd-and-truncation.ipynb"] = ["heatmap heatmap heatmap"],
        // Its lesson up to the training loop the exercises use, so only the loss chart.
        ["solutions/05-training-a-lora-adapter.ipynb"] = ["scatter"],
        ["solutions/07-lora-on-a-real-network.ipynb"] = [string.Join(' ', Enumerable.Repeat("heatmap", 12)), "scatter", "bar bar bar"],
    };

    /// <summary>Every lesson with its listed charts, then every solution on disk with its listed charts or none.</summary>
    public static TheoryData<string, string[]> ExpectedCharts
    {
        get
        {
            var rows = new TheoryData<string, string[]>();
            foreach (var (name, charts) in LessonCharts)
            {
                rows.Add(name, charts);
            }
            var repository = Repository.Find(AppContext.BaseDirectory);
            foreach (var name in repository.ListSolutions().Select(s => repository.RelativeName(s)))
            {
                rows.Add(name, SolutionCharts.GetValueOrDefault(name, []));
            }
            return rows;
        }
    }

    [Fact]
    public void Every_notebook_has_its_expected_charts_listed()
    {
        Assert.Equal(workbook.Lessons.Select(Path.GetFileName).Order(), LessonCharts.Keys.Order());
        Assert.All(SolutionCharts.Keys, name => Assert.Contains(name, workbook.Solutions.Select(s => workbook.Repository.RelativeName(s))));
    }

    [Theory]
    [MemberData(nameof(ExpectedCharts))]
    public void Chart_outputs_carry_the_expected_traces(string name, string[] charts)
    {
        var html = workbook.Executed(name).HtmlOutputs.ToArray();
        var figures = html.SelectMany(h => Figure().Matches(h)).Select(m => JsonNode.Parse(m.Groups[1].Value)!).ToArray();
        Assert.Equal(charts, figures.Select(f => string.Join(' ', f["data"]!.AsArray().Select(t => (string?)t!["type"]))));
        Assert.All(figures, f => Assert.False(string.IsNullOrWhiteSpace((string?)f["layout"]!["title"]?["text"]), "every chart has a " +
            "title"));
        Assert.All(figures, f => Assert.NotNull(f["layout"]!["xaxis"]?["title"]?["text"]));
        Assert.All(figures, f => Assert.NotNull(f["layout"]!["yaxis"]?["title"]?["text"]));
        // plotly.js once per notebook that draws charts, inline: no script is fetched from anywhere.
        Assert.Equal(charts.Length > 0 ? 1 : 0, html.Count(h => h.Contains("lowrank-plotly-loader", StringComparison.Ordinal)));
        Assert.DoesNotContain(html, h => ScriptSource().IsMatch(h) || h.Contains("require.config", StringComparison.Ordinal));
    }

    public static TheoryData<string, string[]> NotebooksWithCharts
    {
        get
        {
            var rows = new TheoryData<string, string[]>();
            foreach (var row in ExpectedCharts.Where(row => ((string[])row[1]).Length > 0))
            {
                rows.Add((string)row[0], (string[])row[1]);
            }
            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(NotebooksWithCharts))]
    public async Task Charts_draw_offline_in_headless_Chromium(string name, string[] charts)
    {
        var browser = Browser.Find() ?? throw new InvalidOperationException(Browser.Missing);
        var page = Path.Combine(workbook.Output, "pages", Path.ChangeExtension(name, ".html"));
        Directory.CreateDirectory(Path.GetDirectoryName(page)!);
        var html = workbook.Executed(name).HtmlOutputs.ToArray();
        var figures = html.SelectMany(h => Figure().Matches(h)).Select(m => m.Groups[1].Value);
        await File.WriteAllTextAsync(page,
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" +
            string.Join("\n", html) + "\n" +
            // plotly.js's own check of each figure as the notebook wrote it: it ignores what it does not accept, silently.
            "<script>window.addEventListener('load', () => setTimeout(() => {\n" +
            $"  const figures = [{string.Join(",\n", figures)}];\n" +
            // Plotly.NET writes an empty marker object into every line trace; plotly.js reports it unused, and it changes nothing.
            "  const at = (f, p) => p.path.reduce((o, k) => o?.[k], p.container === 'data' ? f.data[p.trace] : f.layout);\n" +
            "  const empty = v => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;\n" +
            // A slider step's args are 'any' values that plotly.js copies while it fills in defaults; validate compares them by
            // identity and reports each copy as "got reset to" the same value.
            "  const copiedArgs = p => p.code === 'dynamic' && p.path[0] === 'sliders' && p.path.includes('args');\n" +
            "  const problems = window.Plotly ? figures.flatMap((f, i) => (Plotly.validate(f.data, f.layout) || [])\n" +
            "    .filter(p => !(p.code === 'unused' && empty(at(f, p))) && !copiedArgs(p)).map(p => `figure ${i + 1}: ${p.msg}`))\n" +
            "    : ['plotly.js did not load'];\n" +
            "  const out = document.createElement('pre'); out.id = 'plotly-validate'; out.textContent = JSON.stringify(problems); " +
                "document.body.appendChild(out);\n" +
            "}, 500));</script>\n</body></html>\n");

        var dom = await HeadlessChromium.DumpDomAsync(browser, page);
        await File.WriteAllTextAsync(Path.ChangeExtension(page, ".dom.html"), dom);

        Assert.Equal(charts.Length, Regex.Count(dom, "class=\"plot-container plotly\""));
        var expected = charts.SelectMany(c => c.Split(' ')).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (type, count) in expected)
        {
            // plotly.js draws bar traces as "trace bars", line/scatter traces as "trace scatter" and each heatmap as an "hm" group.
            var css = type switch { "bar" => "trace bars[ \"]", "heatmap" => "hm\"", _ => "trace scatter[ \"]" };
            Assert.Equal(count, Regex.Count(dom, $"class=\"{css}"));
        }
        Assert.DoesNotContain("data-lowrank-plotly=\"missing\"", dom, StringComparison.Ordinal);
        var validation = Regex.Match(dom, "<pre id=\"plotly-validate\">(.*?)</pre>", RegexOptions.Singleline);
        Assert.True(validation.Success, "plotly.js's validation did not run");
        Assert.Empty(JsonNode.Parse(System.Net.WebUtility.HtmlDecode(validation.Groups[1].Value))!.AsArray().Select(p => (string?)p));
    }

    [GeneratedRegex(@"<script[^>]*\ssrc\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptSource();

    [GeneratedRegex(@"var figure = (\{.*\});\s*\n", RegexOptions.CultureInvariant)]
    private static partial Regex Figure();
}
