using System.Text;
using System.Text.Json.Nodes;
using Workbook;
using Workbook.Report;

namespace Workbook.Tests;

/// <summary>
/// The report's parts on small inputs, without running the workbook: LaTeX reaches KaTeX untouched, notebook links
/// point at pages, relative paths between pages, KaTeX's fonts inside its stylesheet, and a whole report written from
/// two tiny executed notebooks.
/// </summary>
[Trait(Speed.Name, Speed.Fast)]
public sealed class ReportHtmlTests
{
    [Fact]
    public void Math_keeps_underscores_stars_and_double_backslashes_for_KaTeX()
    {
        var html = MarkdownHtml.Render(@"Let $u_i * v_j$ and $x_{k}^*$ be; then

$$\begin{pmatrix} a_1 & b_1 \\ c_2 & d_2 \end{pmatrix}$$

and *emphasis* with $a<b$ inline.");
        Assert.Contains(@"<span class=""math"">\(u_i * v_j\)</span>", html, StringComparison.Ordinal);
        Assert.Contains(@"<span class=""math"">\(x_{k}^*\)</span>", html, StringComparison.Ordinal);
        Assert.Contains(@"a_1 &amp; b_1 \\ c_2 &amp; d_2", html, StringComparison.Ordinal);
        Assert.Contains(@"<span class=""math"">\(a&lt;b\)</span>", html, StringComparison.Ordinal);
        Assert.Contains("<em>emphasis</em>", html, StringComparison.Ordinal);
        Assert.Contains("x^2^ and H~2~O", MarkdownHtml.Render("x^2^ and H~2~O"), StringComparison.Ordinal);
        Assert.DoesNotContain("<em>i", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Display_math_inside_a_paragraph_is_marked_for_display()
    {
        var html = MarkdownHtml.Render("Every matrix factors as\n$$W = U S V^\\top,$$\nwith orthonormal $U$.");
        Assert.Contains(@"<span class=""math display"">\(W = U S V^\top,\)</span>", html, StringComparison.Ordinal);
        Assert.Contains(@"<span class=""math"">\(U\)</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Math_wrapped_over_lines_is_one_formula()
    {
        var display = MarkdownHtml.Render("first rows:\n\n$$U_r \\in \\mathbb{R}^{10 \\times 2},\n\\qquad A = V_r^\\top.$$");
        Assert.Contains(@"<span class=""math display"">\(U_r \in \mathbb{R}^{10 \times 2}, \qquad A = V_r^\top.\)</span>", display,
            StringComparison.Ordinal);
        var html = MarkdownHtml.Render("the next number, $2^{-23}\n\\approx 1.19 \\cdot 10^{-7}$, is close.");
        Assert.Contains(@"<span class=""math"">\(2^{-23} \approx 1.19 \cdot 10^{-7}\)</span>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a $x\ny$ b", "a $x y$ b")]
    [InlineData("a $x$ and $y\nz$", "a $x$ and $y z$")]
    // Code, display math, escaped dollars and paragraph ends are not math to join.
    [InlineData("`$\"{x}\"` and `y$`\nnext", "`$\"{x}\"` and `y$`\nnext")]
    [InlineData("$$a\nb$$ then $c\nd$", "$$a b$$ then $c d$")]
    [InlineData("$$\na \\\\\nb\n$$\nthen $c\nd$", "$$\na \\\\\nb\n$$\nthen $c d$")]
    [InlineData("costs \\$5\nand $x$", "costs \\$5\nand $x$")]
    [InlineData("a $x\n\nb$ c", "a $x\n\nb$ c")]
    [InlineData("```\n$a\nb$\n```\n$c\nd$", "```\n$a\nb$\n```\n$c d$")]
    // A stray dollar does not pull the next list item, heading or table row into its line.
    [InlineData("price $5\n- item $x$", "price $5\n- item $x$")]
    [InlineData("a $b\n# c$", "a $b\n# c$")]
    [InlineData("", "")]
    public void Line_breaks_are_joined_only_inside_inline_math(string markdown, string expected) =>
        Assert.Equal(expected, InlineMathLines.Join(markdown));

    [Fact]
    public void Pipe_tables_and_links_to_notebooks_become_tables_and_links_to_pages()
    {
        var html = MarkdownHtml.Render("| r | error |\n|---|---|\n| 1 | 0.5 |\n\nNext: [notebook 2](02-svd.ipynb), " +
            "[back](../01-x.ipynb#your-turn), [site](https://example.org/a.ipynb).");
        Assert.Contains("<td>0.5</td>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"02-svd.html\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"../01-x.html#your-turn\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/a.ipynb\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("02-svd.ipynb", "02-svd.html")]
    [InlineData("../01-x.ipynb?x=1#part", "../01-x.html?x=1#part")]
    [InlineData("solutions/", "solutions/")]
    [InlineData("notes.md", "notes.md")]
    [InlineData("#top", "#top")]
    [InlineData("/abs/a.ipynb", "/abs/a.ipynb")]
    [InlineData("file:///a.ipynb", "file:///a.ipynb")]
    public void Only_relative_notebook_links_are_rewritten(string url, string expected) =>
        Assert.Equal(expected, MarkdownHtml.PageLink(url));

    [Theory]
    [InlineData("index.html", "assets/report.css", "assets/report.css")]
    [InlineData("solutions/01-x.html", "assets/report.css", "../assets/report.css")]
    [InlineData("solutions/01-x.html", "01-x.html", "../01-x.html")]
    [InlineData("01-x.html", "solutions/01-x.html", "solutions/01-x.html")]
    [InlineData("solutions/01-x.html", "solutions/02-y.html", "02-y.html")]
    [InlineData("index.html", "a b.html", "a%20b.html")]
    public void Hrefs_between_pages_are_relative(string from, string to, string expected) =>
        Assert.Equal(expected, ReportPaths.Href(from, to));

    [Fact]
    public void Pages_keep_their_notebooks_place()
    {
        Assert.Equal("solutions/01-x.html", ReportPaths.PageFor("solutions/01-x.ipynb"));
        Assert.Equal("01-x.html", ReportPaths.PageFor("01-x.ipynb"));
    }

    [Fact]
    public void KaTeX_fonts_go_into_its_stylesheet_without_the_fallbacks()
    {
        var css = "@font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) " +
            "format(\"woff2\"),url(fonts/KaTeX_AMS-Regular.woff) format(\"woff\"),url(fonts/KaTeX_AMS-Regular.ttf) format(\"truetype\")}";
        var inlined = KatexFonts.Inline(css, name => Encoding.ASCII.GetBytes(name));
        Assert.Equal(
            "@font-face{font-family:KaTeX_AMS;src:url(data:font/woff2;base64," +
            Convert.ToBase64String("KaTeX_AMS-Regular.woff2"u8.ToArray()) + ") format(\"woff2\")}",
            inlined);
    }

    [Fact]
    public void The_vendored_KaTeX_stylesheet_needs_no_font_files()
    {
        var css = Encoding.UTF8.GetString(ReportAssets.Read("katex/katex.min.css"));
        var inlined = KatexFonts.Inline(css, font => ReportAssets.Read($"katex/fonts/{font}"));
        Assert.DoesNotContain("url(fonts/", inlined, StringComparison.Ordinal);
        // KaTeX 0.19 declares 20 font faces, each now a woff2 data URL.
        Assert.Equal(20, System.Text.RegularExpressions.Regex.Count(inlined, @"url\(data:font/woff2;base64,[A-Za-z0-9+/=]+\)"));
    }

    [Fact]
    public void Outputs_show_text_escaped_html_as_is_and_errors_by_name()
    {
        Assert.Equal("<pre class=\"output stream\">a &lt; b</pre>\n", OutputHtml.Render(Output("stream", text: "a < b\n",
            stream: "stdout")));
        Assert.Equal("<div class=\"output html\">\n<b>x</b>\n</div>\n",
            OutputHtml.Render(Output("display_data", data: new() { ["text/html"] = "<b>x</b>", ["text/plain"] = "x" })));
        Assert.Equal("<pre class=\"output plain\">42</pre>\n", OutputHtml.Render(Output("execute_result",
            data: new() { ["text/plain"] = "42" })));
        Assert.Equal("<pre class=\"output error\">Error: CS0103: no &#39;x&#39;</pre>\n",
            OutputHtml.Render(new CellOutput("error", new Dictionary<string, string>(), null, null, "Error", "CS0103: no 'x'")));
    }

    [Fact]
    public void The_kernels_package_progress_is_left_out_and_the_installed_list_kept()
    {
        const string installing = "<div><div></div><div><strong>Installing " +
            "Packages</strong><ul><li><span>MathNet.Numerics</span></li></ul></div><div></div></div>";
        const string installed = "<div><div></div><div></div><div><strong>Installed Packages</strong><ul><li><span>MathNet.Numerics, " +
            "5.0.0</span></li></ul></div></div>";

        Assert.Equal("", OutputHtml.Render(Output("display_data", data: new() { ["text/html"] = installing })));
        Assert.Equal($"<div class=\"output html\">\n{installed}\n</div>\n", OutputHtml.Render(Output("display_data",
            data: new() { ["text/html"] = installed })));
    }

    [Fact]
    public void Titles_come_from_the_first_heading_as_plain_text()
    {
        var notebook = Notebook(("markdown", "Intro\n\n# 2. SVD of `W` and $B$ *now*\n\n# later", []));
        Assert.Equal("2. SVD of W and B now", NotebookTitle.Of(notebook, "fallback"));
        Assert.Equal("fallback", NotebookTitle.Of(Notebook(("code", "# not markdown", [])), "fallback"));
    }

    [Fact]
    public void A_report_of_a_lesson_and_its_solution_links_them_both_ways_and_from_the_index()
    {
        var root = Directory.CreateTempSubdirectory("lowrank-report-");
        try
        {
            var executed = Path.Combine(root.FullName, "executed");
            WriteNotebook(Path.Combine(executed, "01-a.ipynb"), "# 1. First\n\nSee the [solution](solutions/01-a.ipynb) and $x_1$.",
                "Console.WriteLine(1);", "1\n");
            WriteNotebook(Path.Combine(executed, "02-b.ipynb"), "# 2. Second", "var y = 2;", null);
            WriteNotebook(Path.Combine(executed, "solutions", "01-a.ipynb"), "# Solutions to 1. First\n\n[Lesson](../01-a.ipynb)",
                "// solved", null);
            var output = Path.Combine(root.FullName, "report");

            var pages = ReportBuilder.Write(executed, ["01-a.ipynb", "02-b.ipynb", "solutions/01-a.ipynb"], output);

            Assert.Equal(["1. First", "2. Second", "Solutions to 1. First"], pages.Select(p => p.Title));
            var index = File.ReadAllText(Path.Combine(output, "index.html"));
            Assert.Contains("<a href=\"01-a.html\">1. First</a> <span class=\"solution-link\">· <a href=\"solutions/01-a.html\">worked " +
                "solution</a></span>", index, StringComparison.Ordinal);
            Assert.Contains("<a href=\"02-b.html\">2. Second</a></li>", index, StringComparison.Ordinal);
            var lesson = File.ReadAllText(Path.Combine(output, "01-a.html"));
            Assert.Contains("<a class=\"index\" href=\"index.html\">Index</a>", lesson, StringComparison.Ordinal);
            Assert.Contains("<a class=\"counterpart\" href=\"solutions/01-a.html\">Worked solution</a>", lesson, StringComparison.Ordinal);
            Assert.Contains("<a class=\"next\" rel=\"next\" href=\"02-b.html\">2. Second →</a>", lesson, StringComparison.Ordinal);
            Assert.Contains("<span class=\"previous\"></span>", lesson, StringComparison.Ordinal);
            Assert.Contains("<pre class=\"output stream\">1</pre>", lesson, StringComparison.Ordinal);
            Assert.Contains("<pre class=\"source\"><code class=\"language-csharp\">Console.WriteLine(1);</code></pre>", lesson,
                StringComparison.Ordinal);
            var solution = File.ReadAllText(Path.Combine(output, "solutions", "01-a.html"));
            Assert.Contains("<a class=\"previous\" rel=\"prev\" href=\"../02-b.html\">← 2. Second</a>", solution, StringComparison.Ordinal);
            Assert.Contains("<a href=\"../01-a.html\">Lesson</a>", solution, StringComparison.Ordinal);
            Assert.Contains("<link rel=\"stylesheet\" href=\"../assets/katex/katex.min.css\">", solution, StringComparison.Ordinal);
            Assert.Contains("<script src=\"../assets/report.js\"></script>", solution, StringComparison.Ordinal);
            foreach (var asset in new[] { "katex/katex.min.js", "katex/katex.min.css", "katex/LICENSE", "highlight/highlight.min.js",
                "highlight/github.min.css", "highlight/LICENSE", "report.css", "report.js" })
            {
                Assert.True(File.Exists(Path.Combine(output, "assets", asset)), $"assets/{asset} is written");
            }

            // Written again, the report replaces itself; a folder that is not a report is left alone.
            File.WriteAllText(Path.Combine(output, "stale.html"), "");
            ReportBuilder.Write(executed, ["01-a.ipynb"], output);
            Assert.False(File.Exists(Path.Combine(output, "stale.html")));
            Assert.False(File.Exists(Path.Combine(output, "02-b.html")));
            var other = Directory.CreateDirectory(Path.Combine(root.FullName, "other")).FullName;
            File.WriteAllText(Path.Combine(other, "keep.txt"), "mine");
            var refused = Assert.Throws<InvalidOperationException>(() => ReportBuilder.Write(executed, ["01-a.ipynb"], other));
            Assert.Contains("is not a report", refused.Message, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(other, "keep.txt")));
            Assert.Throws<FileNotFoundException>(() => ReportBuilder.Write(executed, ["03-missing.ipynb"], output));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Markdown_html_is_cleaned_to_an_allow_list_and_loads_nothing_from_the_network()
    {
        var html = MarkdownHtml.Render("""
            # Title

            <script>alert(1)</script><img src="x.png" onerror="alert(2)"> and <b onclick="alert(3)">bold</b>
            [run](javascript:alert(4)) [site](https://example.org/page) ![remote](https://example.org/x.png)
            <iframe src="https://example.org/frame"></iframe><p style="background:url(https://example.org/bg.png)">styled</p>

            ![inline](data:image/png;base64,iVBORw0KGgo=) and $x_1$
            """);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("iframe", html, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org/x.png", html, StringComparison.Ordinal);
        Assert.DoesNotContain("bg.png", html, StringComparison.Ordinal);
        // Kept: a link to click, a local image, an inline image, the math span and the heading's anchor.
        Assert.Contains("<a href=\"https://example.org/page\">site</a>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"x.png\">", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", html, StringComparison.Ordinal);
        Assert.Contains("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.Contains(@"<span class=""math"">\(x_1\)</span>", html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"title\">Title</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_output_is_cut_with_a_note_of_what_was_cut()
    {
        var lines = string.Concat(Enumerable.Range(1, 5000).Select(i => $"line {i}\n"));
        var huge = new string('x', 50_000_000);

        var cutLines = OutputHtml.Render(Output("stream", text: lines, stream: "stdout"));
        var cutHuge = OutputHtml.Render(Output("execute_result", data: new() { ["text/plain"] = huge }));
        var cutHtml = OutputHtml.Render(Output("display_data", data: new() { ["text/html"] = $"<p>{huge}</p>" }));

        Assert.Contains("line 2000</pre>", cutLines, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2001", cutLines, StringComparison.Ordinal);
        Assert.Contains("… output cut here: 3,000 more line(s), 29,999 more characters; the executed copy holds all of it.", cutLines,
            StringComparison.Ordinal);
        Assert.InRange(cutHuge.Length, 200_000, 201_000);
        Assert.Contains("49,800,000 more characters", cutHuge, StringComparison.Ordinal);
        Assert.Contains("An HTML output of 50,000,007 characters is not shown here", cutHtml, StringComparison.Ordinal);
        Assert.Equal("<pre class=\"output stream\">a\nb</pre>\n", OutputHtml.Render(Output("stream", text: "a\nb\n", stream: "stdout")));
    }

    private static CellOutput Output(string type, string? text = null, string? stream = null, Dictionary<string, string>? data = null) =>
        new(type, data ?? [], stream, text, null, null);

    private static NotebookDocument Notebook(params (string Type, string Source, CellOutput[] Outputs)[] cells) =>
        new("test.ipynb", [], cells.Select((c, i) => new NotebookCell(i + 1, c.Type, c.Source, c.Outputs)).ToArray());

    private static void WriteNotebook(string path, string markdown, string code, string? printed)
    {
        var outputs = new JsonArray();
        if (printed is not null)
        {
            outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = printed });
        }
        var json = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject(),
            ["cells"] = new JsonArray(
                new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = markdown },
                new JsonObject { ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["source"] = code, ["outputs"] = outputs }),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json.ToJsonString());
    }
}
