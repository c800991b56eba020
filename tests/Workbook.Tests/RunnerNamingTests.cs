using Workbook;

namespace Workbook.Tests;

/// <summary>
/// Runs are named by their path relative to notebooks/, so a lesson and its solution of the same file name keep apart
/// in progress lines, failure summaries and executed copies; two names that would share a copy are refused up front.
/// </summary>
[Trait(Speed.Name, Speed.Fast)]
public sealed class RunnerNamingTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);

    [Fact]
    public void Lessons_and_solutions_are_named_relative_to_notebooks()
    {
        Assert.Equal("01-x.ipynb", Repository.RelativeName(Path.Combine(Repository.Notebooks, "01-x.ipynb")));
        Assert.Equal("solutions/01-x.ipynb", Repository.RelativeName(Path.Combine(Repository.Solutions, "01-x.ipynb")));
        // Outside notebooks/ (a fixture, or a notebook named on the command line) the file name is the name.
        Assert.Equal("broken.ipynb", Repository.RelativeName(Path.Combine(Repository.Root, "tests", "broken.ipynb")));
        var folder = Path.Combine(Repository.Root, "tests");
        Assert.Equal("Workbook.Tests/x.ipynb", Repository.RelativeName(Path.Combine(folder, "Workbook.Tests", "x.ipynb"), folder));
    }

    [Fact]
    public void The_workbook_lists_lessons_then_solutions()
    {
        var fixtures = WorkbookRun.ExerciseFixtures(Repository);
        Assert.Equal(
            [Path.Combine(fixtures, "01-exercise.ipynb"), Path.Combine(fixtures, "solutions", "01-exercise.ipynb")],
            Repository.ListWorkbook(fixtures));
        Assert.Empty(Repository.ListSolutions(Path.Combine(Repository.Root, "tests", "Workbook.Tests", "Fixtures", "solutions-missing")));
        Assert.Equal([.. Repository.ListNotebooks(), .. Repository.ListSolutions()], Repository.ListWorkbook());
    }

    [Fact]
    public async Task Two_notebooks_that_would_share_an_executed_copy_are_refused_before_any_runs()
    {
        var broken = Path.Combine(Repository.Root, "tests", "Workbook.Tests", "Fixtures", "broken.ipynb");
        using var scratch = new Scratch();
        var copy = scratch.PathOf("clash", "broken.ipynb");
        var output = scratch.PathOf("clash-output");
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => new NotebookRunner(Repository).RunAllAsync([broken, copy], output,
            1));
        Assert.Equal("notebooks", exception.ParamName);
        Assert.Contains("2 of them are named 'broken.ipynb'", exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Progress_lines_show_the_relative_name()
    {
        var run = new NotebookRun("/x/notebooks/solutions/01-x.ipynb", "solutions/01-x.ipynb", "/nowhere.ipynb", TimeSpan.FromSeconds(6.14),
            0, [], "");
        Assert.StartsWith("  FAILED  solutions/01-x.ipynb ", NotebookRunner.ProgressLine(run), StringComparison.Ordinal);
        Assert.EndsWith("  6.1 s", NotebookRunner.ProgressLine(run), StringComparison.Ordinal);
    }
}
