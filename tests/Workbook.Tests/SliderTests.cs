using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LowRank;
using MathNet.Numerics.LinearAlgebra;
using Workbook;
using Workbook.Apps;
using Workbook.Report;

namespace Workbook.Tests;

/// <summary>
/// The slider charts of notebooks 2 and 8, in headless Chromium with every host unresolvable, wherever a learner meets
/// them: the executed notebook's outputs, the report's page and an app's chart page. A script on the page presses the
/// mouse on the slider's rail at one step's tick, as a learner does, and plotly.js's own slider handler runs that step;
/// the page then shows the step's rank-r matrix and readout, which must be the library's values for that r.
/// </summary>
[Collection(WorkbookCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class SliderTests(WorkbookRun workbook)
{
    // Notebook 8's slider offers ranks 1, 2, 4, 8, 12, 16, 28, 32, 55, 64, 128 (powers of two and the three it picks).
    private const int PictureStep = 4, PictureRank = 12;
    private const int MatrixStep = 4, MatrixRank = 5;

    // Waits for the charts, moves each slider chart to the step in the page's #fragment by the slider's own mousedown on
    // its rail (plotly.js turns the pointer's x into a step and runs the step's "update"), and writes what the page then
    // shows into <pre id="slider-probe">: the readout's text, the slider's active step, each trace's z and which heatmap
    // images plotly.js redrew.
    private const string Probe = """
        <script>
        window.addEventListener('load', () => setTimeout(async () => {
          const results = [];
          try {
            const step = Number(location.hash.slice(1));
            for (const gd of document.querySelectorAll('.js-plotly-plot')) {
              if (!gd.layout || !gd.layout.sliders) { continue; }
              const images = () => [...gd.querySelectorAll('.hm image')].map(i => i.getAttribute('href') || i.getAttribute('xlink:href'));
              const readout = () => [...gd.querySelectorAll('.annotation-text')].map(a => a.textContent).pop();
              const before = { images: images(), readout: readout(), active: gd._fullLayout.sliders[0].active };
              // The slider runs its step in the next animation frame. Headless Chromium's virtual clock runs timers at once
              // but gives frames only in real time, so a frame is served as a timer: the slider's own handler still runs it.
              window.requestAnimationFrame = callback => setTimeout(() => callback(performance.now()), 0);
              const tick = gd.querySelectorAll('.slider-tick-rect')[step].getBoundingClientRect();
              const at = { clientX: tick.left + tick.width / 2, clientY: tick.top + tick.height / 2, bubbles: true, view: window };
              gd.querySelector('.slider-rail-touch-rect').dispatchEvent(new MouseEvent('mousedown', at));
              gd.dispatchEvent(new MouseEvent('mouseup', at));
              for (let i = 0; i < 80 && readout() === before.readout; i++) {
                await new Promise(resolve => setTimeout(resolve, 100));
              }
              await new Promise(resolve => setTimeout(resolve, 200));
              const after = images();
              results.push({
                beforeActive: before.active, beforeReadout: before.readout,
                active: gd._fullLayout.sliders[0].active, readout: readout(), z: gd.data.map(t => t.z),
                redrawn: before.images.map((href, i) => href !== after[i]),
              });
            }
          } catch (e) { results.push({ error: String(e) }); }
          const out = document.createElement('pre'); out.id = 'slider-probe'; out.textContent = JSON.stringify(results);
          document.body.appendChild(out);
        }, 1000));
        </script>
        """;

    [Fact]
    public async Task Notebook_2s_slider_shows_W_r_and_its_error_and_parameters_for_the_step_dragged_to()
    {
        var page = NotebookPage("02-svd-and-truncation.ipynb");
        AssertMatrixStep(Assert.Single(await ProbeAsync(page, MatrixStep)));
    }

    [Fact]
    public async Task Notebook_8s_slider_shows_the_rank_r_picture_and_its_storage_and_error_for_the_step_dragged_to()
    {
        var page = NotebookPage("08-compressing-a-picture.ipynb");
        AssertPictureStep(Assert.Single(await ProbeAsync(page, PictureStep)));
    }

    [Fact]
    public async Task The_report_pages_sliders_work_without_a_kernel()
    {
        var output = Path.Combine(workbook.Output, "slider-report");
        var names = workbook.Notebooks.Select(n => workbook.Repository.RelativeName(n));
        ReportBuilder.Write(Path.Combine(workbook.Output, "first"), names, output);

        var matrixPage = WithProbe(Path.Combine(output, ReportPaths.PageFor("02-svd-and-truncation.ipynb")));
        AssertMatrixStep(Assert.Single(await ProbeAsync(matrixPage, MatrixStep)));
        var picturePage = WithProbe(Path.Combine(output, ReportPaths.PageFor("08-compressing-a-picture.ipynb")));
        AssertPictureStep(Assert.Single(await ProbeAsync(picturePage, PictureStep)));
    }

    [Fact]
    public async Task An_apps_chart_page_slider_works_without_a_kernel()
    {
        var notebook = workbook.Lessons.Single(n => Path.GetFileName(n) == "08-compressing-a-picture.ipynb");
        var app = AppWriter.Write(workbook.Repository, notebook, Path.Combine(workbook.Output, "slider-apps"));
        var folder = Path.GetDirectoryName(app)!;
        var run = await ProcessRunner.RunAsync("dotnet", ["run", "-c", "Release", AppWriter.AppFileName], folder, TimeSpan.FromMinutes(10));
        Assert.True(run.ExitCode == 0, run.Output);

        // The spectrum is chart 1, the slider chart 2.
        var page = WithProbe(Path.Combine(folder, "chart-2.html"));
        AssertPictureStep(Assert.Single(await ProbeAsync(page, PictureStep)));
    }

    private static void AssertMatrixStep(JsonNode result)
    {
        var generator = new TorchGenerator(seed: 0);
        var w = generator.Randn(10, 2) * generator.Randn(2, 10);
        var (b, a) = Truncation.Of(w, MatrixRank);
        var wr = (b * a).Map(v => (double)v);
        var sweep = RankSweep.Of(w);

        Assert.Equal(0, (int)result["beforeActive"]!);
        Assert.StartsWith("r = 1:", Text(result["beforeReadout"]), StringComparison.Ordinal);
        Assert.Equal(MatrixStep, (int)result["active"]!);
        // W stays; W_r and W − W_r are redrawn with the kernel's values for r = 5.
        Assert.Equal([false, true, true], result["redrawn"]!.AsArray().Select(v => (bool)v!));
        AssertClose(wr, Rows(result["z"]![1]));
        AssertClose(w.Map(v => (double)v) - wr, Rows(result["z"]![2]));
        var readout = Text(result["readout"]);
        Assert.StartsWith($"r = {MatrixRank}:", readout, StringComparison.Ordinal);
        Assert.Equal(sweep[MatrixRank - 1].Error, Number(MatrixError().Match(readout)), sweep[MatrixRank - 1].Error * 1e-3);
        var parameters = ParameterCount.Of(10, 10, MatrixRank).LowRank;
        Assert.Contains($"r·(d + k) = {parameters} parameters of d·k = 100", readout, StringComparison.Ordinal);
    }

    private static void AssertPictureStep(JsonNode result)
    {
        var picture = Pictures.Camera();
        var (b, a) = Truncation.Of(picture, PictureRank);
        var sweep = RankSweep.Of(picture);

        Assert.Equal(0, (int)result["beforeActive"]!);
        Assert.StartsWith("r = 1:", Text(result["beforeReadout"]), StringComparison.Ordinal);
        Assert.Equal(PictureStep, (int)result["active"]!);
        Assert.Equal([false, true], result["redrawn"]!.AsArray().Select(v => (bool)v!));
        Assert.Equal((b * a).Map(v => Math.Round(v, MidpointRounding.AwayFromZero)).ToRowArrays(), Rows(result["z"]![1]));
        var readout = Text(result["readout"]);
        Assert.StartsWith($"r = {PictureRank}:", readout, StringComparison.Ordinal);
        Assert.Contains($"storage r·(d + k + 1) = {PictureRank * 257:N0} of d·k = 16,384 numbers", readout, StringComparison.Ordinal);
        // Printed as a percentage to 0.1 %.
        Assert.Equal(100 * sweep[PictureRank - 1].RelativeError, Number(PictureError().Match(readout)), 0.05 + 1e-9);
    }

    // The executed notebook's HTML outputs on one page, as a notebook front end shows them.
    private string NotebookPage(string name)
    {
        var page = Path.Combine(workbook.Output, "slider-pages", Path.ChangeExtension(name, ".html"));
        Directory.CreateDirectory(Path.GetDirectoryName(page)!);
        File.WriteAllText(page, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" +
            string.Join("\n", workbook.Executed(name).HtmlOutputs) + "\n" + Probe + "\n</body></html>\n");
        return page;
    }

    // A copy of the page beside it, so its relative assets resolve, with the probe before </body>.
    private static string WithProbe(string page)
    {
        var html = File.ReadAllText(page);
        var end = html.LastIndexOf("</body>", StringComparison.Ordinal);
        Assert.True(end >= 0, $"{page} has no </body>");
        var copy = Path.Combine(Path.GetDirectoryName(page)!, "probed-" + Path.GetFileName(page));
        File.WriteAllText(copy, html[..end] + Probe + html[end..]);
        return copy;
    }

    private static async Task<JsonNode[]> ProbeAsync(string page, int step)
    {
        var browser = Browser.Find() ?? throw new InvalidOperationException(Browser.Missing);
        var address = new Uri(page).AbsoluteUri + "#" + step.ToString(CultureInfo.InvariantCulture);
        var dom = await HeadlessChromium.DumpDomAsync(browser, address);
        var probe = ProbeOutput().Match(dom);
        Assert.True(probe.Success, $"the probe did not run on {page}");
        var results = JsonNode.Parse(System.Net.WebUtility.HtmlDecode(probe.Groups[1].Value))!.AsArray();
        Assert.All(results, r => Assert.Null(r!["error"]));
        return [.. results.Select(r => r!)];
    }

    // plotly.js sets sub- and superscripts apart with zero-width spaces.
    private static string Text(JsonNode? node) => ((string)node!).Replace("\u200b", "", StringComparison.Ordinal);

    private static double Number(Match match)
    {
        Assert.True(match.Success, "the readout shows the number");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    // Plotly.NET writes a double to 17 digits, not always the shortest that reads back: the last digit may be one off.
    private static void AssertClose(Matrix<double> expected, double[][] actual)
    {
        Assert.Equal(expected.RowCount, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected.ColumnCount, actual[i].Length);
            for (var j = 0; j < actual[i].Length; j++)
            {
                Assert.True(Math.Abs(actual[i][j] - expected[i, j]) <= 1e-15 * Math.Abs(expected[i, j]),
                    $"entry [{i}, {j}]: the page shows {actual[i][j]:R}, the library computes {expected[i, j]:R}");
            }
        }
    }

    private static double[][] Rows(JsonNode? z) => z!.AsArray().Select(row => row!.AsArray().Select(v => (double)v!).ToArray()).ToArray();

    [GeneratedRegex("<pre id=\"slider-probe\">(.*?)</pre>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ProbeOutput();

    [GeneratedRegex(@"‖W − Wr‖F = ([0-9.e+-]+) of", RegexOptions.CultureInvariant)]
    private static partial Regex MatrixError();

    [GeneratedRegex(@"‖P − Pr‖F / ‖P‖F = ([0-9.]+) %", RegexOptions.CultureInvariant)]
    private static partial Regex PictureError();
}
