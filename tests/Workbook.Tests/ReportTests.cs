using System.Net;
using System.Text.RegularExpressions;
using Workbook;
using Workbook.Report;

namespace Workbook.Tests;

/// <summary>
/// The HTML report of the workbook's executed notebooks, written by the report builder from the test run's copies,
/// opened page by page in headless Chromium with every network request refused: no page records a JavaScript or
/// loading error, every formula is typeset by KaTeX and none is left as raw LaTeX, every chart draws, every code cell
/// is highlighted, and every link between pages reaches a file of the report.
/// </summary>
[Collection(WorkbookCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class ReportTests(WorkbookRun workbook)
{
    private static readonly Lock Gate = new();
    private static IReadOnlyList<ReportPage>? written;

    private string Output => Path.Combine(workbook.Output, "report");

    /// <summary>Every page of the report, by its path relative to the report's root: the index, each lesson's and each
    /// solution's.</summary>
    public static TheoryData<string> Pages
    {
        get
        {
            var repository = Repository.Find(AppContext.BaseDirectory);
            var rows = new TheoryData<string> { ReportPaths.Index };
            foreach (var notebook in repository.ListWorkbook())
            {
                rows.Add(ReportPaths.PageFor(repository.RelativeName(notebook)));
            }
            return rows;
        }
    }

    // Written once per test run, from the copies the fixture executed, as the report command does from artifacts/notebooks/.
    private IReadOnlyList<ReportPage> Report()
    {
        lock (Gate)
        {
            return written ??= ReportBuilder.Write(
                Path.Combine(workbook.Output, "first"),
                workbook.Notebooks.Select(n => workbook.Repository.RelativeName(n)),
                Output);
        }
    }

    [Fact]
    public void The_index_links_every_lesson_and_every_solution()
    {
        var pages = Report();
        Assert.Equal(workbook.Notebooks.Count, pages.Count);
        var index = File.ReadAllText(Path.Combine(Output, ReportPaths.Index));
        var linked = LocalLinks(index).Select(l => l.Split('#')[0]).Where(l => l.EndsWith(".html", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(pages.Select(p => p.Path).Order(), linked.Order());
        Assert.Contains("<a href=\"solutions/01-seeding-and-rank.html\">worked solution</a>", index, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_link_and_asset_of_every_page_is_a_file_of_the_report()
    {
        Report();
        var files = Directory.GetFiles(Output, "*.html", SearchOption.AllDirectories);
        Assert.Equal(workbook.Notebooks.Count + 1, files.Length);
        foreach (var file in files)
        {
            var html = File.ReadAllText(file);
            var links = LocalLinks(html).ToArray();
            Assert.NotEmpty(links);
            foreach (var link in links)
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(link.Split('#', '?')[0])));
                Assert.True(File.Exists(target), $"{Path.GetRelativePath(Output, file)} links to {link}, which is not in the report");
                Assert.StartsWith(Path.GetFullPath(Output), target, StringComparison.Ordinal);
            }
            // Nothing is fetched from elsewhere: no script, image or stylesheet outside inline scripts has a remote address.
            Assert.DoesNotMatch(RemoteAttribute(), WithoutInlineScripts(html));
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_renders_offline_in_headless_Chromium(string page)
    {
        var pages = Report();
        var browser = Browser.Find() ?? throw new InvalidOperationException(
            $"No Chromium-family browser found: run the tests with the README's test command, which installs one, or set " +
                $"{Browser.Variable}.");
        var path = Path.Combine(Output, page.Replace('/', Path.DirectorySeparatorChar));
        var html = await File.ReadAllTextAsync(path);

        var dom = await HeadlessChromium.DumpDomAsync(browser, path);
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".dom.txt"), dom);

        var root = HtmlElement().Match(dom).Value;
        Assert.DoesNotContain(PageShell.ErrorsAttribute, root, StringComparison.Ordinal);
        Assert.Contains($"{PageShell.RenderedAttribute}=\"true\"", root, StringComparison.Ordinal);

        var notebook = pages.SingleOrDefault(p => p.Path == page)?.Notebook;
        if (notebook is null)
        {
            return; // the index: no math, code or charts, but it loads the same assets with no error
        }
        // Every math element Markdig marked became one KaTeX formula; lessons and solutions all have some.
        var formulas = MathElement().Count(html);
        Assert.True(formulas > 0, $"{page} has math");
        Assert.Equal(formulas, Regex.Count(dom, "class=\"katex\""));
        Assert.DoesNotContain("math-error", dom, StringComparison.Ordinal);
        // No LaTeX left as text in the markdown: no $, \( or \[ outside code (KaTeX's MathML annotation keeps the source, so it is left
        // out).
        foreach (Match section in MarkdownSection().Matches(dom))
        {
            var text = WebUtility.HtmlDecode(Tag().Replace(Annotation().Replace(Code().Replace(section.Value, ""), ""), ""));
            Assert.DoesNotContain("$", text, StringComparison.Ordinal);
            Assert.DoesNotContain(@"\(", text, StringComparison.Ordinal);
            Assert.DoesNotContain(@"\[", text, StringComparison.Ordinal);
        }
        // Every code cell highlighted as C#.
        Assert.Equal(notebook.Cells.Count(c => c.CellType == "code"), Regex.Count(dom, "<code class=\"language-csharp hljs\""));
        Assert.True(Regex.Count(dom, "class=\"hljs-") > 0, $"{page} has highlighted tokens");
        // Every chart of the notebook drawn by plotly.js, which the page carries once (from the setup cell's output).
        var charts = notebook.HtmlOutputs.Sum(h => Regex.Count(h, "class=\"lowrank-chart\""));
        Assert.Equal(charts, Regex.Count(dom, "class=\"plot-container plotly\""));
        Assert.Equal(charts > 0 ? 1 : 0, Regex.Count(html, "class=\"lowrank-plotly-loader\""));
        Assert.DoesNotContain("data-lowrank-plotly=\"missing\"", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Lesson_charts_are_counted_where_the_notebooks_draw_them()
    {
        // The chart check above compares with the notebooks' own chart count; this keeps that count from being zero everywhere.
        var pages = Report();
        Assert.Equal(
            [0, 3, 1, 3, 3, 3, 3, 2],
            pages.Where(p => !p.IsSolution).Select(p => p.Notebook.HtmlOutputs.Sum(h => Regex.Count(h, "class=\"lowrank-chart\""))));
    }

    // href and src values outside inline scripts that point at a file: no scheme, no bare fragment.
    private static IEnumerable<string> LocalLinks(string html) =>
        LinkAttribute().Matches(WithoutInlineScripts(html))
            .Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value))
            .Where(u => u.Length > 0 && !u.StartsWith('#') && !Scheme().IsMatch(u));

    private static string WithoutInlineScripts(string html) => InlineScript().Replace(html, "<script></script>");

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>[\s\S]*?</script>", RegexOptions.CultureInvariant)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\s(?:href|src)=""(?<url>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex LinkAttribute();

    [GeneratedRegex(@"(?:<link[^>]*\shref|\ssrc)=""(?:https?:)?//", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RemoteAttribute();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"<html[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlElement();

    [GeneratedRegex(@"<(?:span|div) class=""math(?: display)?""", RegexOptions.CultureInvariant)]
    private static partial Regex MathElement();

    [GeneratedRegex(@"<section class=""cell markdown"">[\s\S]*?</section>", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownSection();

    [GeneratedRegex(@"<code[^>]*>[\s\S]*?</code>", RegexOptions.CultureInvariant)]
    private static partial Regex Code();

    [GeneratedRegex(@"<annotation[^>]*>[\s\S]*?</annotation>", RegexOptions.CultureInvariant)]
    private static partial Regex Annotation();

    [GeneratedRegex(@"<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
