using System.Text.RegularExpressions;
using Workbook;

namespace Workbook.Tests;

/// <summary>
/// Every lesson in notebooks/ and solution in notebooks/solutions/ (found by listing) runs headless without an error,
/// and runs the same twice; each is named by its path relative to notebooks/.
/// </summary>
[Collection(WorkbookCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class NotebookExecutionTests(WorkbookRun workbook)
{
    public static TheoryData<string> Notebooks
    {
        get
        {
            var repository = Repository.Find(AppContext.BaseDirectory);
            return new(repository.ListWorkbook().Select(n => repository.RelativeName(n)));
        }
    }

    [Fact]
    public void The_workbook_has_notebooks_and_all_of_them_ran()
    {
        Assert.NotEmpty(workbook.Lessons);
        Assert.Equal(
            [.. workbook.Lessons.Select(Path.GetFileName), .. workbook.Solutions.Select(s => "solutions/" + Path.GetFileName(s))],
            workbook.First.Select(r => r.Name));
        // Each executed copy has a path of its own, mirroring notebooks/.
        Assert.All(workbook.First, r => Assert.Equal(Path.Combine(workbook.Output, "first", r.Name.Replace('/',
            Path.DirectorySeparatorChar)), r.ExecutedPath));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_headless_without_errors(string name)
    {
        var run = workbook.FirstRunOf(name);
        Assert.True(run.Succeeded, $"{name} failed (exit {run.ExitCode}):\n{run.FailureSummary}");
        var executed = NotebookDocument.Load(run.ExecutedPath);
        Assert.Empty(executed.Errors);
        var source = NotebookDocument.Load(workbook.FirstRunOf(name).Notebook);
        Assert.Equal(source.Cells.Select(c => c.Source), executed.Cells.Select(c => c.Source));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Running_a_notebook_again_gives_the_same_outputs(string name)
    {
        // A fresh kernel (the doubled copy's first half) and the same kernel again (its second half, as Run All
        // twice in VS Code) both reproduce the first run; the #r cell is left out, as a kernel reports package
        // installation only the first time.
        var first = NotebookDocument.Load(workbook.FirstRunOf(name).ExecutedPath).Cells;
        var measurements = NotebookDocument.Load(workbook.FirstRunOf(name).Notebook).MeasurementCells;
        var twice = workbook.Twice.Single(r => r.Name == name);
        Assert.True(twice.Succeeded, $"{name} run twice in one kernel failed:\n{twice.FailureSummary}");
        var cells = NotebookDocument.Load(twice.ExecutedPath).Cells;
        Assert.Equal(2 * first.Count, cells.Count);
        foreach (var half in new[] { cells.Take(first.Count), cells.Skip(first.Count) })
        {
            foreach (var (expected, actual) in first.Zip(half).Where(pair => !pair.First.Source.StartsWith("#r",
                StringComparison.Ordinal) && !measurements.Contains(pair.First.Number)))
            {
                Assert.True(Outputs(expected) == Outputs(actual), $"{name}, cell {expected.Number} ({expected.FirstLine}) printed " +
                    $"something else when run again.");
            }
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
        string.Join("\n---\n",
            cell.Outputs.Select(o => $"{o.OutputType}|{o.StreamName}|{o.Text}|" +
                $"{string.Join("|", o.Data.OrderBy(d => d.Key).Select(d => d.Key + "=" + d.Value))}")),
        "lowrank-chart-#");

    [GeneratedRegex("lowrank-chart-[0-9]+-[0-9a-f]{8}")]
    private static partial Regex ChartId();
}
