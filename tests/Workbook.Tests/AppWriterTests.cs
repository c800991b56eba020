using System.Text.Json.Nodes;
using Workbook;
using Workbook.Apps;

namespace Workbook.Tests;

/// <summary>The notebook-to-app converter on small hand-written notebooks, and on the workbook's own.</summary>
[Trait(Speed.Name, Speed.Fast)]
public sealed class AppWriterTests
{
    private const string Project = "../../src/LowRank.Notebooks/LowRank.Notebooks.csproj";

    private static NotebookCell Code(int number, string source) => new(number, "code", source, []);

    private static NotebookCell Markdown(int number, string source) => new(number, "markdown", source, []);

    private static string[] Lines(string app) => app.Split('\n');

    // The code an app runs, without the header and the comments the converter writes.
    private static string[] CodeLines(string app) =>
        Lines(app).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void Kernel_references_become_package_and_project_directives_ahead_of_all_code()
    {
        var app = AppWriter.Convert(
            [Code(1, """
                #r "nuget: MathNet.Numerics, 5.0.0"
                #r "nuget: Plotly.NET, 6.0.0" // charts
                // The helper library.
                #r "../src/LowRank.Notebooks/bin/Release/net10.0/LowRank.dll"
                #r "../src/LowRank.Notebooks/bin/Release/net10.0/LowRank.Notebooks.dll"
                """), Code(2, "#r \"nuget: MathNet.Numerics, 5.0.0\"\nvar x = 1;")],
            "notebooks/t.ipynb", Project);

        var code = CodeLines(app);
        Assert.Equal(
            [
                "#:property ManagePackageVersionsCentrally=false",
                "#:property RestorePackagesWithLockFile=false",
                "#:property NoWarn=$(NoWarn);NU1603",
                "#:property PublishAot=false",
                "#:package MathNet.Numerics@5.0.0",
                "#:package Plotly.NET@6.0.0",
                "#:project " + Project,
                "var appDisplay = LowRank.Notebooks.AppDisplay.ForEntryPoint();",
                "var x = 1;",
            ],
            code);
        Assert.Contains("// The helper library.", Lines(app));
        Assert.DoesNotContain(Lines(app), l => l.StartsWith("#r", StringComparison.Ordinal));
    }

    [Fact]
    public void Usings_from_any_cell_are_hoisted_to_the_top_once_and_comments_above_them_stay()
    {
        var app = AppWriter.Convert(
            [
                Markdown(1, "# Title"),
                Code(2, "using LowRank;\nusing MathNet.Numerics.LinearAlgebra;\n// set up\nvar a = 1;"),
                Code(3, "// more\nusing System.Text;\nusing LowRank;\nvar b = new StringBuilder();"),
            ],
            "notebooks/t.ipynb", Project);

        Assert.Equal(
            [
                "using LowRank;",
                "using MathNet.Numerics.LinearAlgebra;",
                "using System.Text;",
                "var appDisplay = LowRank.Notebooks.AppDisplay.ForEntryPoint();",
                "var a = 1;",
                "var b = new StringBuilder();",
            ],
            CodeLines(app).Where(l => !l.StartsWith("#:", StringComparison.Ordinal)));
        var lines = Lines(app);
        Assert.Equal("// set up", lines[Array.IndexOf(lines, "var a = 1;") - 1]);
        Assert.Equal("// more", lines[Array.IndexOf(lines, "var b = new StringBuilder();") - 1]);
    }

    [Fact]
    public void A_trailing_bare_expression_is_shown_and_statements_stay_as_they_are()
    {
        var app = AppWriter.Convert(
            [
                Code(1, "var x = 2;\nCharts.SingularValues(S, 1e-5)"),
                Code(2, "x + 1 // what the kernel displays"),
                Code(3, "Tables.Sweep(\n    sweep)\n"),
                Code(4, "Console.WriteLine(x);"),
                Code(5, "\"a;\""),
                Code(6, "var y = 3; // not displayed: it ends with a semicolon"),
            ],
            "notebooks/t.ipynb", Project);

        var code = CodeLines(app);
        Assert.Contains("appDisplay.Show(Charts.SingularValues(S, 1e-5));", code);
        Assert.Contains("appDisplay.Show(x + 1); // what the kernel displays", code);
        Assert.Contains("appDisplay.Show(Tables.Sweep(", code);
        Assert.Contains("    sweep));", code);
        Assert.Contains("Console.WriteLine(x);", code);
        Assert.Contains("appDisplay.Show(\"a;\");", code);
        Assert.Contains("var y = 3; // not displayed: it ends with a semicolon", code);
        Assert.Equal(4, code.Count(l => l.Contains("appDisplay.Show(", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_kernel_setup_call_is_dropped_with_a_comment_saying_why()
    {
        var app = AppWriter.Convert(
            [Code(1, "using LowRank.Notebooks;\n// Charts draw offline.\nNotebook.UseOfflineCharts()")], "notebooks/t.ipynb", Project);

        Assert.DoesNotContain(CodeLines(app), l => l.Contains("UseOfflineCharts", StringComparison.Ordinal));
        Assert.Contains(
            "// Notebook.UseOfflineCharts() sets up the notebook kernel's chart display; here each chart page carries plotly.js itself.",
            Lines(app));
    }

    [Fact]
    public void Markdown_cells_become_line_comments_under_a_cell_header()
    {
        var app = AppWriter.Convert(
            [Markdown(1, "# 2. SVD\n\nThe SVD finds $B$ and $A$.  \n- a list"), Code(2, "var a = 1;")], "notebooks/t.ipynb", Project);

        var lines = Lines(app);
        var header = Array.IndexOf(lines, "// ---- cell 1 (markdown) ----");
        Assert.True(header > 0, app);
        Assert.Equal(["// # 2. SVD", "//", "// The SVD finds $B$ and $A$.", "// - a list", "", "// ---- cell 2 (code) ----", "var a = 1;"],
            lines[(header + 1)..(header + 8)]);
        Assert.Equal("// # Title\n//\n// text", AppWriter.Comment("# Title\r\n\r\ntext\n"));
    }

    [Fact]
    public void Types_declared_in_a_cell_move_after_the_top_level_statements()
    {
        var app = AppWriter.Convert(
            [Code(1, "record Point(int X, int Y);\nvar p = new Point(1, 2);"), Code(2, "Console.WriteLine(p);")], "notebooks/t.ipynb",
                Project);

        var code = CodeLines(app);
        Assert.Equal("record Point(int X, int Y);", code[^1]);
        Assert.True(Array.IndexOf(code, "Console.WriteLine(p);") < code.Length - 1);
    }

    [Fact]
    public void A_name_declared_in_two_cells_is_reported_with_both_cells()
    {
        var error = Assert.Throws<AppConversionException>(() => AppWriter.Convert(
            [
                Code(1, "var W = 1;\nvar (U, S) = (1, 2);"),
                Code(2, "int.TryParse(\"3\", out var S);"),
                Code(3, "var W = 2;"),
                Code(4, "var ok = new[] { 1 }.Select(v => v is int W ? W : 0);"),
            ],
            "notebooks/t.ipynb", Project));

        Assert.Equal(
            "notebooks/t.ipynb: declared more than once: 'W' in cell 1 and cell 3; 'S' in cell 1 and cell 2. A file-based app runs all " +
                "cells " +
            "in one scope: give each declaration its own name, or assign to the earlier variable instead of declaring it again.",
            error.Message);
    }

    [Fact]
    public void The_apps_display_variable_is_a_reserved_name()
    {
        var error = Assert.Throws<AppConversionException>(() => AppWriter.Convert([Code(4, "var appDisplay = 1;")], "notebooks/t.ipynb",
            Project));

        Assert.Contains("'appDisplay' in cell 4 and the app's display", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#!time\nvar a = 1;", "notebooks/t.ipynb, cell 1: the magic command '#!time' only works in a notebook kernel")]
    [InlineData("#r \"nuget: MathNet.Numerics\"",
        "notebooks/t.ipynb, cell 1: '#r \"nuget: MathNet.Numerics\"' has no file-based app equivalent here")]
    [InlineData("#r \"other/Foo.dll\"", "notebooks/t.ipynb, cell 1: '#r \"other/Foo.dll\"' has no file-based app equivalent here")]
    [InlineData("var a = ;", "notebooks/t.ipynb, cell 1: Invalid expression term ';' (line 1 of the cell).")]
    public void What_an_app_cannot_do_is_reported_with_the_cell(string source, string message)
    {
        var error = Assert.Throws<AppConversionException>(() => AppWriter.Convert([Code(1, source)], "notebooks/t.ipynb", Project));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("class Point { }", "class Point { }",
        "the types moved from the cells: CS0101: The namespace '<global namespace>' already contains a definition for 'Point'.")]
    [InlineData("using M = System.Math;", "using M = System.MathF;",
        "the usings hoisted from the cells: CS1537: The using alias 'M' appeared previously in this namespace.")]
    [InlineData("top: Console.WriteLine(1);", "top: Console.WriteLine(2);", "cell 2: CS0140: The label 'top' is a duplicate.")]
    [InlineData("object o = 1; switch (o) { case int n: break; }", "var n = 2;",
        "cell 1: CS0136: A local or parameter named 'n' cannot be declared in this scope")]
    [InlineData("for (var i = 0; i < 1; i++) { }", "var i = 1;",
        "cell 1: CS0136: A local or parameter named 'i' cannot be declared in this scope")]
    public void Cells_that_compile_alone_but_not_in_one_scope_have_no_app_and_the_compiler_says_why(string first, string second,
        string message)
    {
        var error = Assert.Throws<AppConversionException>(() => AppWriter.Convert([Code(1, first), Code(2, second)], "notebooks/t.ipynb",
            Project));

        Assert.StartsWith($"notebooks/t.ipynb: its app would not compile: {message}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_in_another_language_has_no_app_and_says_which_kernel()
    {
        var fsharp = new NotebookCell(3, "code", "let x = 1", []) { Kernel = "fsharp" };

        var error = Assert.Throws<AppConversionException>(() => AppWriter.Convert([Code(1, "var a = 1;"), fsharp], "notebooks/t.ipynb",
            Project));

        Assert.Equal("notebooks/t.ipynb, cell 3 runs in the fsharp kernel; a C# file-based app can hold only C# cells.", error.Message);
    }

    [Fact]
    public void A_notebook_name_csc_or_MSBuild_cannot_take_gets_a_safe_folder_of_its_own()
    {
        var repository = new Repository(Path.Combine(Path.GetTempPath(), "lowrank-apps"));
        var notebooks = repository.Notebooks;

        var quoted = AppWriter.AppPath(repository, Path.Combine(notebooks, "a\"b;c.ipynb"), "out");
        var plain = AppWriter.AppPath(repository, Path.Combine(notebooks, "a_b_c.ipynb"), "out");

        Assert.Matches(@"^out/a_b_c-[0-9a-f]{8}/app\.cs$", quoted.Replace('\\', '/'));
        Assert.Equal(Path.Combine("out", "a_b_c", "app.cs"), plain);
    }

    [Fact]
    public void Apps_go_under_the_notebooks_relative_path_and_reference_the_library_from_there()
    {
        var root = Path.Combine(Path.GetTempPath(), "lowrank-apps-" + Guid.NewGuid().ToString("N"));
        try
        {
            var repository = new Repository(root);
            var notebook = Path.Combine(repository.Solutions, "07-x.ipynb");
            Directory.CreateDirectory(repository.Solutions);
            var json = new JsonObject
            {
                ["cells"] = new JsonArray(
                    new JsonObject { ["cell_type"] = "markdown", ["source"] = new JsonArray("# Seven\n", "text") },
                    new JsonObject { ["cell_type"] = "code", ["source"] = new JsonArray("#r \"nuget: MathNet.Numerics, 5.0.0\"\n",
                        "1 + 1") }),
            };
            File.WriteAllText(notebook, json.ToJsonString());
            var output = Path.Combine(root, "artifacts", "apps");

            var path = AppWriter.Write(repository, notebook, output);

            Assert.Equal(Path.Combine(output, "solutions", "07-x", "app.cs"), path);
            var app = File.ReadAllText(path);
            Assert.StartsWith("// Generated from notebooks/solutions/07-x.ipynb by `dotnet run --project src/Workbook -c Release -- " +
                "apps`", app, StringComparison.Ordinal);
            Assert.Contains("\n#:project ../../../../src/LowRank.Notebooks/LowRank.Notebooks.csproj\n", app, StringComparison.Ordinal);
            Assert.Contains("\n// # Seven\n// text\n", app, StringComparison.Ordinal);
            Assert.Contains("\nappDisplay.Show(1 + 1);\n", app, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_workbooks_notebooks_convert_and_show_what_their_cells_display()
    {
        var repository = Repository.Find(AppContext.BaseDirectory);
        var svd = NotebookDocument.Load(Path.Combine(repository.Notebooks, "02-svd-and-truncation.ipynb"));

        var app = AppWriter.Convert(svd.Cells, "notebooks/02-svd-and-truncation.ipynb",
            "../../../src/LowRank.Notebooks/LowRank.Notebooks.csproj");

        Assert.Equal(
            [
                "appDisplay.Show(Charts.SingularValues(S, MatrixRank.DefaultTolerance(W)));",
                "appDisplay.Show(Charts.Factorization(W, B, A));",
                "appDisplay.Show(Charts.RankSlider(W));",
            ],
            CodeLines(app).Where(l => l.Contains("appDisplay.Show", StringComparison.Ordinal)));
        Assert.Equal(
            ["#:package MathNet.Numerics@5.0.0", "#:package Plotly.NET@6.0.0", "#:package Plotly.NET.CSharp@0.14.0"],
            CodeLines(app).Where(l => l.StartsWith("#:package", StringComparison.Ordinal)));
        foreach (var notebook in repository.ListWorkbook())
        {
            var converted = AppWriter.Convert(NotebookDocument.Load(notebook).Cells, repository.RelativeName(notebook), Project);
            Assert.Contains("\nusing LowRank;\n", converted, StringComparison.Ordinal);
        }
    }
}
