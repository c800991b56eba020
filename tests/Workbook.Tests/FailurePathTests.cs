using Workbook;

namespace Workbook.Tests;

/// <summary>A broken notebook (a fixture, not in notebooks/) makes the runner fail loudly and name the cell.</summary>
public sealed class FailurePathTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);
    private static readonly string Broken = Path.Combine(Repository.Root, "tests", "Workbook.Tests", "Fixtures", "broken.ipynb");

    [Fact]
    public async Task The_runner_reports_the_failing_cell_and_its_error()
    {
        var runner = new NotebookRunner(Repository);
        await LocalTool.RestoreAsync(Repository.Root);

        var run = await runner.RunAsync(Broken, Path.Combine(Repository.Artifacts, "test-notebooks", "fixtures", "broken.ipynb"));

        Assert.False(run.Succeeded);
        Assert.Equal(2, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal(3, error.Cell.Number);
        Assert.Equal("// This cell fails on purpose.", error.Cell.FirstLine);
        Assert.Contains("deliberately broken cell", error.Message, StringComparison.Ordinal);
        Assert.Contains("cell 3 (// This cell fails on purpose.)", run.FailureSummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_command_exits_non_zero_and_prints_the_cell()
    {
        var workbookDll = Path.Combine(AppContext.BaseDirectory, "workbook.dll");
        var result = await ProcessRunner.RunAsync("dotnet", [workbookDll, "run", Broken], Repository.Root, TimeSpan.FromMinutes(5));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED  broken.ipynb", result.Output, StringComparison.Ordinal);
        Assert.Contains("cell 3 (// This cell fails on purpose.): ", result.Output, StringComparison.Ordinal);
        Assert.Contains("deliberately broken cell", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 notebook(s) in", result.Output, StringComparison.Ordinal);
        Assert.Contains("0 ok, 1 failed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_command_rejects_an_unknown_argument()
    {
        var workbookDll = Path.Combine(AppContext.BaseDirectory, "workbook.dll");
        var result = await ProcessRunner.RunAsync("dotnet", [workbookDll, "run", "--jobs", "0"], Repository.Root, TimeSpan.FromMinutes(1));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--jobs 0': N must be a whole number, at least 1.", result.Output, StringComparison.Ordinal);
    }
}
