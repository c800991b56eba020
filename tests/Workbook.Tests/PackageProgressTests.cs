using Workbook.Report;

namespace Workbook.Tests;

/// <summary>
/// A cell with <c>#r "nuget:"</c> shows "Installing Packages" again each time its progress advances, then "Installed
/// Packages". The executed copies and the report keep only that last list, by one rule. The fixture is notebook 1's
/// package cell and the cell after it exactly as dotnet-repl wrote them on a cold NuGet cache (an empty
/// NUGET_PACKAGES and home folder): eight outputs, seven of them progress. (The run command's own copy of such a cell is
/// checked in <see cref="RunCommandTests"/>.)
/// </summary>
[Trait(Speed.Name, Speed.Fast)]
public sealed class PackageProgressTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);
    private static readonly string ColdCache = Path.Combine(Repository.Root, "tests", "Workbook.Tests", "Fixtures",
        "cold-cache-restore.ipynb");

    private static string Html(CellOutput output) => output.Data.GetValueOrDefault("text/html") ?? "";

    [Fact]
    public void A_cold_cache_restore_keeps_only_its_installed_packages_list()
    {
        var executed = NotebookDocument.Load(ColdCache);
        var restore = executed.Cells[0].Outputs;
        Assert.Equal(8, restore.Count);
        Assert.Equal(7, restore.Count(o => Html(o).Contains("<strong>Installing Packages</strong>", StringComparison.Ordinal)));

        using var scratch = new Scratch();
        var path = scratch.PathOf("tidy.ipynb");

        NotebookDocument.Write(executed.WithoutPackageProgress(), path);

        var kept = Assert.Single(NotebookDocument.Load(path).Cells[0].Outputs);
        Assert.Equal(Html(restore[^1]), Html(kept));
        Assert.Contains("<strong>Installed Packages</strong><ul><li><span>MathNet.Numerics, 5.0.0</span></li><li><span>Plotly.NET, " +
            "6.0.0</span></li><li><span>Plotly.NET.CSharp, 0.14.0</span></li></ul>", Html(kept), StringComparison.Ordinal);
        Assert.Equal(executed.Cells.Select(c => c.Source), NotebookDocument.Load(path).Cells.Select(c => c.Source));
        // The loaded document is left as dotnet-repl wrote it.
        Assert.Equal(8, executed.Json["cells"]![0]!["outputs"]!.AsArray().Count);
    }

    [Fact]
    public void The_report_shows_the_same_single_list_of_the_same_cell()
    {
        var restore = NotebookDocument.Load(ColdCache).Cells[0].Outputs;

        var page = string.Concat(restore.Select(OutputHtml.Render));

        Assert.DoesNotContain("Installing Packages", page, StringComparison.Ordinal);
        Assert.Equal($"<div class=\"output html\">\n{Html(restore[^1])}\n</div>\n", page);
    }

    [Fact]
    public void A_notebook_written_back_keeps_dotnet_repls_bytes()
    {
        // One-space indents, text left unescaped, no final newline: a diff of a tidied copy shows only what was dropped.
        var executed = NotebookDocument.Load(ColdCache);
        using var scratch = new Scratch();
        var path = scratch.PathOf("same.ipynb");

        NotebookDocument.Write(executed.Json, path);

        Assert.Equal(File.ReadAllText(ColdCache), File.ReadAllText(path));
    }
}
