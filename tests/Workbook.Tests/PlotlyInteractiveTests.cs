using System.Text.RegularExpressions;
using Workbook;

namespace Workbook.Tests;

/// <summary>
/// Plotly.NET users reference Plotly.NET.Interactive out of habit; its formatter loads plotly.js from a CDN. Referenced
/// before the setup cell, it must not take the charts away from the offline formatter.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class PlotlyInteractiveTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);

    [Fact]
    public async Task Charts_still_draw_offline_with_Plotly_NET_Interactive_referenced_before_the_setup_cell()
    {
        using var scratch = new Scratch();
        var notebook = Path.Combine(Repository.Root, "tests", "Workbook.Tests", "Fixtures", "plotly-interactive",
            "with-plotly-interactive.ipynb");
        var runner = new NotebookRunner(Repository);
        await LocalTool.RestoreAsync(Repository.Root);

        var run = await runner.RunAsync(notebook, scratch.PathOf("with-plotly-interactive.ipynb"));

        Assert.True(run.Succeeded, run.FailureSummary);
        var executed = NotebookDocument.Load(run.ExecutedPath);
        Assert.Contains("Plotly.NET.Interactive.dll", string.Concat(executed.Cells[0].Outputs.SelectMany(o => o.Data.Values)),
            StringComparison.Ordinal);
        var chart = Assert.Single(executed.Cells[2].Outputs.SelectMany(o => o.Data), d => d.Key == "text/html").Value;
        Assert.Contains("class=\"lowrank-chart\"", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", chart, StringComparison.Ordinal);

        var browser = Browser.Find() ?? throw new InvalidOperationException(
            $"No Chromium-family browser found: run the tests with the README's test command, or set {Browser.Variable}.");
        var page = Path.ChangeExtension(run.ExecutedPath, ".html");
        await File.WriteAllTextAsync(page, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" +
            string.Join("\n", executed.HtmlOutputs) + "\n</body></html>\n");
        var dom = await HeadlessChromium.DumpDomAsync(browser, page);
        Assert.Equal(1, Regex.Count(dom, "class=\"plot-container plotly\""));
        Assert.Equal(1, Regex.Count(dom, "class=\"trace scatter[ \"]"));
    }
}
