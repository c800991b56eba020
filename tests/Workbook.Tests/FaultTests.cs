using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Workbook.Tests;

/// <summary>
/// The runner, the report and the apps under faults, as their own processes on fake checkouts written for each test:
/// a notebook from elsewhere named like a lesson, malformed notebooks, reports killed mid-write or written at once.
/// Each test has its own artifacts root in its temporary folder.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class FaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_notebook_from_elsewhere_named_like_a_lesson_never_takes_the_lessons_place()
    {
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        scratch.Notebook("checkout/notebooks/05-lesson.ipynb", "Console.WriteLine(\"the lesson\");");
        var impostor = scratch.Notebook("elsewhere/05-lesson.ipynb", "Console.WriteLine(\"an impostor\");");
        var (first, log) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", "--repository", root], scratch.Artifacts, Bound);
        Assert.True(first == 0, log);

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", impostor, "--repository", root], scratch.Artifacts,
            Bound);
        var (reported, report) = await WorkbookCommand.RunAsync(scratch.Folder, ["report", "--repository", root], scratch.Artifacts, Bound);

        Assert.True(code == 0, output);
        Assert.Contains("Report not updated", output, StringComparison.Ordinal);
        var executed = Path.Combine(scratch.Artifacts, "notebooks");
        Assert.Equal("the lesson\n", NotebookDocument.Load(Path.Combine(executed, "05-lesson.ipynb")).Cells[0].StreamText);
        var other = Assert.Single(Directory.GetFiles(Path.Combine(executed, "other"), "*.ipynb", SearchOption.AllDirectories));
        Assert.Equal("an impostor\n", NotebookDocument.Load(other).Cells[0].StreamText);
        Assert.Contains("the lesson", File.ReadAllText(Path.Combine(scratch.Artifacts, "apps", "05-lesson", "app.cs")),
            StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(scratch.Artifacts, "apps", "other"), "app.cs", SearchOption.AllDirectories));
        Assert.True(reported == 0, report);
        var page = File.ReadAllText(Path.Combine(scratch.Artifacts, "report", "05-lesson.html"));
        Assert.Contains("the lesson", page, StringComparison.Ordinal);
        Assert.DoesNotContain("impostor", page, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(scratch.Artifacts, "report"), "*.html", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [InlineData("outputs", "[null]", "cell 1: output 1 is null, not a JSON object.")]
    [InlineData("outputs", "[5]", "cell 1: output 1 is the number 5, not a JSON object.")]
    [InlineData("cell_type", "5", "cell 1: 'cell_type' is the number 5, not a string.")]
    [InlineData("metadata", "{\"tags\": [1]}", "cell 1: a tag is the number 1, not a string.")]
    [InlineData("source", "[\"x\", 2]", "cell 1, 'source': a line is the number 2, not a string.")]
    public async Task A_malformed_notebook_fails_by_name_in_one_line_in_run_apps_and_report(string field, string json, string problem)
    {
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        var bad = Malformed(scratch.Notebook("checkout/notebooks/01-bad.ipynb", "Console.WriteLine(1);"), field, json);
        scratch.Notebook("checkout/notebooks/02-fine.ipynb", "Console.WriteLine(2);");

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", "--repository", root, "--jobs", "1"], scratch.Artifacts,
            Bound);
        var (apps, appsOutput) = await WorkbookCommand.RunAsync(scratch.Folder, ["apps", "--repository", root], scratch.Artifacts, Bound);
        // An executed copy spoilt after the run: the report leaves it out by name and shows the others.
        File.Copy(bad, Path.Combine(scratch.Artifacts, "notebooks", "01-bad.ipynb"));
        var (report, reportOutput) = await WorkbookCommand.RunAsync(scratch.Folder, ["report", "--repository", root], scratch.Artifacts,
            Bound);

        Assert.Equal(1, code);
        Assert.Contains($"{bad}: {problem}", output, StringComparison.Ordinal);
        Assert.Contains("ok      02-fine.ipynb", output, StringComparison.Ordinal);
        Assert.Contains("1 ok, 1 failed", output, StringComparison.Ordinal);
        Assert.Equal(1, apps);
        Assert.Contains($"no app  01-bad.ipynb: {bad}: {problem}", appsOutput, StringComparison.Ordinal);
        Assert.Contains("1 app(s) written", appsOutput, StringComparison.Ordinal);
        Assert.Equal(1, report);
        Assert.Contains($"report leaves out 01-bad.ipynb: {Path.Combine(scratch.Artifacts, "notebooks", "01-bad.ipynb")}: {problem}",
            reportOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(scratch.Artifacts, "report", "02-fine.html")), reportOutput);
        Assert.All([output, appsOutput, reportOutput], o => Assert.DoesNotContain("   at ", o, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_report_left_half_written_by_a_crash_is_replaced_not_refused()
    {
        using var scratch = new Scratch();
        var root = ExecutedCheckout(scratch, 1);
        var report = Path.Combine(scratch.Artifacts, "report");
        // What a report killed after its assets and before its index left: no index.html, and a staging folder.
        Directory.CreateDirectory(Path.Combine(report, "assets"));
        File.WriteAllText(Path.Combine(report, "assets", "report.js"), "");
        var staging = Directory.CreateDirectory(Path.Combine(scratch.Artifacts, ".report.0123.partial")).FullName;

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["report", "--repository", root], scratch.Artifacts, Bound);

        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(report, "index.html")));
        Assert.True(File.Exists(Path.Combine(report, "01-n.html")));
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public async Task Reports_written_at_once_all_succeed_and_leave_one_whole_report()
    {
        using var scratch = new Scratch();
        var root = ExecutedCheckout(scratch, 6);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            WorkbookCommand.RunAsync(scratch.Folder, ["report", "--repository", root], scratch.Artifacts, Bound)));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));
        AssertWholeReport(scratch, 6);
    }

    [SkippableFact]
    public async Task A_report_killed_at_any_moment_leaves_the_previous_report_whole_or_none()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SIGKILL");
        using var scratch = new Scratch();
        var root = ExecutedCheckout(scratch, 12);
        var report = Path.Combine(scratch.Artifacts, "report");
        var (first, log) = await WorkbookCommand.RunAsync(scratch.Folder, ["report", "--repository", root], scratch.Artifacts, Bound);
        Assert.True(first == 0, log);

        foreach (var delay in new[] { 100, 300, 600, 1000, 1500, 2500 })
        {
            using var process = Process.Start(WorkbookCommand.StartInfo(scratch.Folder, ["report", "--repository", root],
                scratch.Artifacts))!;
            await Task.Delay(delay);
            process.Kill();
            await process.WaitForExitAsync();
            Assert.True(!Directory.Exists(report) || File.Exists(Path.Combine(report, "index.html")), $"killed after {delay} ms");
        }
        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["report", "--repository", root], scratch.Artifacts, Bound);

        Assert.True(code == 0, output);
        AssertWholeReport(scratch, 12);
    }

    [Fact]
    public async Task A_report_page_stays_offline_and_runs_no_script_from_markdown_whatever_the_notebook_holds()
    {
        var browser = Browser.Find() ?? throw new InvalidOperationException($"No Chromium-family browser found; set {Browser.Variable}.");
        using var scratch = new Scratch();
        var root = ExecutedCheckout(scratch, 1);
        var executed = Path.Combine(scratch.Artifacts, "notebooks", "01-n.ipynb");
        var json = JsonNode.Parse(File.ReadAllText(executed))!;
        json["cells"]!.AsArray().Insert(0, new JsonObject
        {
            ["cell_type"] = "markdown",
            ["metadata"] = new JsonObject(),
            ["source"] = "<script>document.title = 'markdown ran';</script><img src=\"x.png\" onerror=\"document.title = 'handler ran'\">\n"
                + "![remote](https://example.org/remote.png)",
        });
        // An output may hold anything; the page's policy keeps it from the network.
        json["cells"]![1]!["outputs"]!.AsArray().Add(new JsonObject
        {
            ["output_type"] = "display_data",
            ["metadata"] = new JsonObject(),
            ["data"] = new JsonObject { ["text/html"] = "<img src=\"https://example.org/output.png\">" },
        });
        File.WriteAllText(executed, json.ToJsonString());

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["report", "--repository", root], scratch.Artifacts, Bound);
        var dom = await HeadlessChromium.DumpDomAsync(browser, Path.Combine(scratch.Artifacts, "report", "01-n.html"));

        Assert.True(code == 0, output);
        Assert.Contains("<title>01-n · LowRankNotebooks</title>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("remote.png", dom, StringComparison.Ordinal);
        // Refused by the page's Content-Security-Policy before any name was looked up, and recorded.
        Assert.Contains("blocked https://example.org/output.png (img-src)", dom, StringComparison.Ordinal);
        Assert.Contains("data-rendered=\"true\"", dom, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Apps_say_which_notebooks_have_none_and_why_and_an_odd_name_still_builds()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "a double quote in a file name");
        using var scratch = new Scratch();
        var quoted = scratch.Notebook("odd/say \"hi\".ipynb", "Console.WriteLine(\"hi\");");
        var twice = scratch.Notebook("odd/twice.ipynb", "class Point { }", "class Point { }");

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["apps", quoted, twice], scratch.Artifacts, Bound);
        var app = Assert.Single(Directory.GetFiles(Path.Combine(scratch.Artifacts, "apps"), "app.cs", SearchOption.AllDirectories));
        // Built as `dotnet run app.cs` builds it, in Release as the test run built the library it references.
        var build = await ProcessRunner.RunAsync(
            "dotnet", ["build", "-c", "Release", app], Path.GetDirectoryName(app)!, TimeSpan.FromMinutes(5), stopLeftovers: false);

        Assert.Equal(1, code);
        Assert.Contains("app     say \"hi\".ipynb -> ", output, StringComparison.Ordinal);
        Assert.Contains("no app  twice.ipynb: ", output, StringComparison.Ordinal);
        Assert.Contains("CS0101: The namespace '<global namespace>' already contains a definition for 'Point'.", output,
            StringComparison.Ordinal);
        Assert.Contains("1 app(s) written", output, StringComparison.Ordinal);
        Assert.True(build.ExitCode == 0, build.Output);
    }

    private static void AssertWholeReport(Scratch scratch, int notebooks)
    {
        var report = Path.Combine(scratch.Artifacts, "report");
        Assert.True(File.Exists(Path.Combine(report, "index.html")));
        Assert.Equal(notebooks + 1, Directory.GetFiles(report, "*.html", SearchOption.AllDirectories).Length);
        // Nothing but the report and its lock beside it: no staging or retired folder left over.
        Assert.Equal(["notebooks", "report"], Directory.GetDirectories(scratch.Artifacts).Select(Path.GetFileName).Order());
    }

    // A checkout with notebooks 01-n … and an executed copy of each (with a page's worth of output), as a run leaves them.
    private static string ExecutedCheckout(Scratch scratch, int count)
    {
        var root = scratch.Checkout("checkout");
        for (var i = 1; i <= count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{i:00}-n.ipynb");
            var notebook = scratch.Notebook($"checkout/notebooks/{name}", "Console.WriteLine(1);");
            var json = JsonNode.Parse(File.ReadAllText(notebook))!;
            json["cells"]![0]!["outputs"] = new JsonArray(new JsonObject
            {
                ["output_type"] = "stream",
                ["name"] = "stdout",
                ["text"] = string.Concat(Enumerable.Repeat("0.1234 0.5678 0.9012\n", 2000)),
            });
            var executed = Path.Combine(scratch.Artifacts, "notebooks", name);
            Directory.CreateDirectory(Path.GetDirectoryName(executed)!);
            File.WriteAllText(executed, json.ToJsonString());
        }
        return root;
    }

    private static string Malformed(string notebook, string field, string json)
    {
        var document = JsonNode.Parse(File.ReadAllText(notebook))!;
        document["cells"]![0]![field] = JsonNode.Parse(json);
        File.WriteAllText(notebook, document.ToJsonString());
        return notebook;
    }
}
