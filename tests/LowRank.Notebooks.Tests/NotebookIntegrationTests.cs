using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

using LowRank;

namespace LowRank.Notebooks.Tests;

/// <summary>The pieces that make charts and tables work in the kernels: offline plotly.js, chart HTML, formatters.</summary>
public partial class NotebookIntegrationTests
{
    private static GenericChart Chart(string title) =>
        Plotly.NET.Chart.withTitle(title, null).Invoke(
            Plotly.NET.CSharp.Chart.Column<double, int, string>([1.0, 2.0], Keys: new[] { 1, 2 }));

    [Fact]
    public void Plotly_js_is_read_from_Plotly_NET_and_is_the_version_it_targets()
    {
        Assert.Equal("2.28.0", PlotlyJs.Version);
        Assert.True(PlotlyJs.Source.Length > 3_000_000, $"plotly.js is {PlotlyJs.Source.Length} characters");
        Assert.Contains("plotly.js v2.28.0", PlotlyJs.Source[..300], StringComparison.Ordinal);
    }

    [Fact]
    public void The_loader_carries_plotly_js_once_and_hides_requirejs_while_it_runs()
    {
        var loader = ChartHtml.Loader();

        Assert.Equal(1, Regex.Count(loader, Regex.Escape("plotly.js v2.28.0")));
        Assert.Contains("if (!window.Plotly)", loader, StringComparison.Ordinal);
        Assert.Contains("window.define = undefined", loader, StringComparison.Ordinal);
        Assert.Contains("finally { window.define = amd; }", loader, StringComparison.Ordinal);
        // The one closing tag is the loader's own: the embedded source cannot end the script early.
        Assert.Equal(1, Regex.Count(loader, "</script", RegexOptions.IgnoreCase));
        Assert.StartsWith("<div class=\"lowrank-plotly-loader\" style=\"font-size:smaller;opacity:0.7\">plotly.js 2.28.0 loaded from the " +
            "LowRank library: the charts below draw without network access.</div>\n<script type=\"text/javascript\">\nif (!window.Plotly)",
            loader, StringComparison.Ordinal);
        Assert.EndsWith("})(); }\n</script>\n", loader, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_fragment_holds_the_figure_and_waits_for_plotly_without_any_script_source()
    {
        var html = ChartHtml.Fragment(Chart("</script><b>title</b>"));

        var figure = JsonNode.Parse(FigureJson().Match(html).Groups[1].Value)!;
        Assert.Equal("bar", (string?)figure["data"]![0]!["type"]);
        Assert.Equal("</script><b>title</b>", (string?)figure["layout"]!["title"]!["text"]);
        Assert.Equal(1, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
        Assert.Contains("window.Plotly.newPlot(element", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fallback_message_is_a_javascript_string_so_text_content_shows_it_as_written()
    {
        var html = ChartHtml.Fragment(Chart("t"));

        // textContent shows an HTML entity such as &#39; literally, so the message must carry none.
        var literal = Regex.Match(html, "element\\.textContent = (\"[^\"]*\");").Groups[1].Value;
        Assert.DoesNotMatch("&#?[A-Za-z0-9]+;", literal);
        Assert.Equal(
            "plotly.js is not loaded on this page: run the notebook's setup cell (Notebook.UseOfflineCharts()) first.",
            System.Text.Json.JsonSerializer.Deserialize<string>(literal));
    }

    [Fact]
    public void Chart_fragments_get_distinct_element_ids()
    {
        var fragments = Enumerable.Range(0, 3).Select(_ => ChartHtml.Fragment(Chart("t"))).ToArray();
        var ids = fragments.Select(html => ElementId().Match(html).Groups[1].Value).ToArray();

        Assert.Equal(3, ids.Distinct().Count());
        // A counter for order and 8 hex digits of a GUID, so two kernels' charts on one report page cannot share an id.
        Assert.All(ids, id => Assert.Matches("^lowrank-chart-[0-9]+-[0-9a-f]{8}$", id));
        Assert.All(fragments.Zip(ids), pair => Assert.Contains($"document.getElementById('{pair.Second}')", pair.First,
            StringComparison.Ordinal));
    }

    [Fact]
    public void Html_for_a_null_chart_or_title_is_refused_by_name()
    {
        Assert.Equal("chart", Assert.Throws<ArgumentNullException>(() => ChartHtml.Fragment(null!)).ParamName);
        Assert.Equal("title", Assert.Throws<ArgumentNullException>(() => ChartHtml.Page(null!, [Chart("a")])).ParamName);
    }

    [Fact]
    public void A_page_is_self_contained_with_every_chart()
    {
        var page = ChartHtml.Page("two charts", [Chart("a"), Chart("b")]);

        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(page, "class=\"lowrank-chart\""));
        Assert.Equal(1, Regex.Count(page, Regex.Escape("plotly.js v2.28.0")));
        Assert.Contains("<title>two charts</title>", page, StringComparison.Ordinal);
        Assert.EndsWith("</script>\n</body>\n</html>\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void After_setup_the_kernel_formatter_renders_charts_tables_and_the_loader_as_our_html()
    {
        var loader = Notebook.UseOfflineCharts();

        Assert.Equal("2.28.0", loader.Version);
        Assert.Contains("lowrank-plotly-loader", loader.ToDisplayString(HtmlFormatter.MimeType), StringComparison.Ordinal);
        Assert.Contains("class=\"lowrank-chart\"", Chart("t").ToDisplayString(HtmlFormatter.MimeType), StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", Chart("t").ToDisplayString(HtmlFormatter.MimeType), StringComparison.Ordinal);
        var table = new Table(["a"], [["1"]]);
        Assert.Equal(
            "<table class=\"lowrank-table\"><thead><tr><th style=\"text-align:right;padding:0 0.75em\">a</th></tr></thead>" +
            "<tbody><tr><td style=\"text-align:right;padding:0 0.75em\">1</td></tr></tbody></table>",
            table.ToDisplayString(HtmlFormatter.MimeType));
    }

    [Fact]
    public async Task Setup_warms_the_chart_code_up_without_an_error()
    {
        Notebook.UseOfflineCharts();

        // A warm-up that threw would leave the task faulted, and awaiting it rethrows the exception.
        Assert.NotSame(Task.CompletedTask, Notebook.WarmedUp);
        await Notebook.WarmedUp.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(Notebook.WarmedUp.IsCompletedSuccessfully);
    }

    [GeneratedRegex(@"var figure = (\{.*\});")]
    private static partial Regex FigureJson();

    [GeneratedRegex("<div id=\"([^\"]+)\"")]
    private static partial Regex ElementId();
}
