using System.Text.RegularExpressions;
using Workbook;

namespace Workbook.Tests;

/// <summary>Every notebook in notebooks/ (found by listing) runs headless without an error, and runs the same twice.</summary>
[Collection(WorkbookCollection.Name)]
public sealed partial class NotebookExecutionTests(WorkbookRun workbook)
{
    public static TheoryData<string> Notebooks =>
        new(Repository.Find(AppContext.BaseDirectory).ListNotebooks().Select(Path.GetFileName)!);

    [Fact]
    public void The_workbook_has_notebooks_and_all_of_them_ran()
    {
        Assert.NotEmpty(workbook.Notebooks);
        Assert.Equal(workbook.Notebooks.Select(Path.GetFileName), workbook.First.Select(r => r.Name));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_headless_without_errors(string name)
    {
        var run = workbook.FirstRunOf(name);
        Assert.True(run.Succeeded, $"{name} failed (exit {run.ExitCode}):\n{run.FailureSummary}");
        var executed = ExecutedNotebook.Load(run.ExecutedPath);
        Assert.Empty(executed.Errors);
        var source = ExecutedNotebook.Load(workbook.FirstRunOf(name).Notebook);
        Assert.Equal(source.Cells.Select(c => c.Source), executed.Cells.Select(c => c.Source));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Running_a_notebook_twice_gives_the_same_outputs(string name)
    {
        var first = ExecutedNotebook.Load(workbook.First.Single(r => r.Name == name).ExecutedPath);
        var second = ExecutedNotebook.Load(workbook.Second.Single(r => r.Name == name).ExecutedPath);
        Assert.Equal(first.Cells.Count, second.Cells.Count);
        foreach (var (a, b) in first.Cells.Zip(second.Cells))
        {
            Assert.Equal(Outputs(a), Outputs(b));
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Executed_notebooks_stay_small(string name)
    {
        var size = new FileInfo(workbook.FirstRunOf(name).ExecutedPath).Length;
        Assert.True(size < 5_000_000, $"{name} executed is {size:N0} bytes; plotly.js must be carried once, not once per chart.");
    }

    private static string Outputs(NotebookCell cell) => ChartId().Replace(
        string.Join("\n---\n", cell.Outputs.Select(o => $"{o.OutputType}|{o.StreamName}|{o.Text}|{string.Join("|", o.Data.OrderBy(d => d.Key).Select(d => d.Key + "=" + d.Value))}")),
        "lowrank-chart-#");

    [GeneratedRegex("lowrank-chart-[0-9]+-[0-9a-f]{8}")]
    private static partial Regex ChartId();
}
