using Workbook;

namespace Workbook.Tests;

/// <summary>A broken notebook (a fixture, not in notebooks/) makes the runner fail loudly and name the cell.</summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class FailurePathTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);
    private static readonly string Broken = Path.Combine(Repository.Root, "tests", "Workbook.Tests", "Fixtures", "broken.ipynb");
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task The_runner_reports_the_failing_cell_and_its_error()
    {
        using var scratch = new Scratch();
        var runner = new NotebookRunner(Repository);
        await LocalTool.RestoreAsync(Repository.Root);

        var run = await runner.RunAsync(Broken, scratch.PathOf("broken.ipynb")).WaitAsync(Bound);

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
        using var scratch = new Scratch();
        var (code, output) = await WorkbookCommand.RunAsync(Repository.Root, ["run", Broken], scratch.Artifacts, Bound);

        Assert.Equal(1, code);
        Assert.Contains("FAILED  broken.ipynb", output, StringComparison.Ordinal);
        Assert.Contains("cell 3 (// This cell fails on purpose.): ", output, StringComparison.Ordinal);
        Assert.Contains("deliberately broken cell", output, StringComparison.Ordinal);
        Assert.Contains("1 notebook(s) in", output, StringComparison.Ordinal);
        Assert.Contains("0 ok, 1 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_command_rejects_an_unknown_argument()
    {
        using var scratch = new Scratch();
        var (code, output) = await WorkbookCommand.RunAsync(Repository.Root, ["run", "--jobs", "0"], scratch.Artifacts, Bound);

        Assert.Equal(2, code);
        Assert.Contains($"'--jobs 0': N must be a whole number from 1 to {int.MaxValue}.", output, StringComparison.Ordinal);
    }
}
