using Workbook;

namespace Workbook.Tests;

/// <summary>
/// Real dotnet-repl runs of small notebooks written for each test into a folder outside the checkout: they run with the
/// repository's pinned tools, whatever their cells leave behind, and every failure is named in one line that says why.
/// A few seconds each; no workbook fixture.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class NotebookFailureTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    private static async Task<NotebookRunner> RunnerAsync(TimeSpan? timeout = null)
    {
        var runner = new NotebookRunner(Repository) { Timeout = timeout ?? TimeSpan.FromMinutes(2) };
        await LocalTool.RestoreAsync(Repository.Root);
        return runner;
    }

    [Fact]
    public async Task A_notebook_outside_the_checkout_runs_with_the_repositorys_pinned_dotnet_repl()
    {
        using var scratch = new Scratch();
        var notebook = scratch.Notebook("elsewhere/answer.ipynb", "Console.WriteLine($\"answer = {6 * 7}\");");

        var run = await (await RunnerAsync()).RunAsync(notebook, scratch.PathOf("out", "answer.ipynb")).WaitAsync(Bound);

        Assert.True(run.Succeeded, run.FailureSummary);
        Assert.Contains("answer = 42", NotebookDocument.Load(run.ExecutedPath).PrintedText, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_process_a_cell_leaves_running_is_killed_and_the_notebook_still_finishes()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sleep and /proc");
        using var scratch = new Scratch();
        var pid = scratch.PathOf("sleeper.pid");
        var notebook = scratch.Notebook("leave.ipynb", Scratch.StartSleeper(pid), "Console.WriteLine(\"after the sleeper\");");

        var run = await (await RunnerAsync()).RunAsync(notebook, scratch.PathOf("out", "leave.ipynb")).WaitAsync(Bound);

        Assert.True(run.Succeeded, run.FailureSummary);
        Assert.Contains("after the sleeper", NotebookDocument.Load(run.ExecutedPath).PrintedText, StringComparison.Ordinal);
        Assert.True(await Scratch.GoneAsync(await Scratch.WaitForPidAsync(pid, Bound)), "the process the cell started outlived the run");
    }

    [SkippableFact]
    public async Task A_notebook_past_its_limit_is_stopped_with_its_processes_and_leaves_no_executed_copy()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sleep and /proc");
        using var scratch = new Scratch();
        var pid = scratch.PathOf("sleeper.pid");
        var notebook = scratch.Notebook("hang.ipynb", Scratch.StartSleeper(pid), "System.Threading.Thread.Sleep(600_000);");
        var executed = scratch.PathOf("out", "hang.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(executed)!);
        File.WriteAllText(executed, "stale");

        var limit = TimeSpan.FromSeconds(20);
        var running = (await RunnerAsync(limit)).RunAsync(notebook, executed).WaitAsync(Bound);
        // The first cell ran within the limit, so the limit stopped a notebook that had a process to stop.
        var sleeper = await Scratch.WaitForPidAsync(pid, limit);
        var run = await running;

        Assert.False(run.Succeeded);
        Assert.StartsWith("stopped at the per-notebook limit of 20 s (--timeout)", run.FailureSummary, StringComparison.Ordinal);
        Assert.False(File.Exists(executed), "a stale executed copy was left in place");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(executed)!, "*.partial.ipynb"));
        Assert.True(await Scratch.GoneAsync(sleeper), "the process the cell started outlived the run");
    }

    [Fact]
    public async Task A_notebook_that_is_not_JSON_is_named_with_the_parsers_message()
    {
        using var scratch = new Scratch();
        var notebook = scratch.PathOf("bad.ipynb");
        File.WriteAllText(notebook, "{ \"cells\": [ oops ] }");

        var run = await new NotebookRunner(Repository).RunAsync(notebook, scratch.PathOf("out", "bad.ipynb")).WaitAsync(Bound);

        Assert.False(run.Succeeded);
        var summary = Assert.Single(run.FailureSummary.Split('\n'));
        Assert.StartsWith($"{notebook} is not valid JSON: 'o' is an invalid start of a value.", summary, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 0 | BytePositionInLine: ", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_notebook_file_is_named_as_empty()
    {
        using var scratch = new Scratch();
        var notebook = scratch.PathOf("empty.ipynb");
        File.WriteAllText(notebook, "");

        var run = await new NotebookRunner(Repository).RunAsync(notebook, scratch.PathOf("out", "empty.ipynb")).WaitAsync(Bound);

        Assert.False(run.Succeeded);
        Assert.Equal($"{notebook} is empty (0 bytes), not a notebook.", run.FailureSummary);
    }

    [Fact]
    public async Task A_kernel_that_exits_mid_run_is_reported_as_such_without_an_executed_copy()
    {
        using var scratch = new Scratch();
        var notebook = scratch.Notebook("exit.ipynb", "Console.WriteLine(\"before\");", "Environment.Exit(3);",
            "Console.WriteLine(\"never\");");

        var run = await (await RunnerAsync()).RunAsync(notebook, scratch.PathOf("out", "exit.ipynb")).WaitAsync(Bound);

        Assert.False(run.Succeeded);
        Assert.Equal(3, run.ExitCode);
        Assert.False(File.Exists(run.ExecutedPath));
        Assert.StartsWith("dotnet-repl exited with code 3 and wrote no executed copy, so the kernel ended before the last cell " +
            "finished", run.FailureSummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_to_standard_error_is_not_a_failure_as_dotnet_repl_records_it_as_stdout()
    {
        using var scratch = new Scratch();
        var notebook = scratch.Notebook("stderr.ipynb", "Console.Error.WriteLine(\"a warning\");");

        var run = await (await RunnerAsync()).RunAsync(notebook, scratch.PathOf("out", "stderr.ipynb")).WaitAsync(Bound);

        Assert.True(run.Succeeded, run.FailureSummary);
        var output = Assert.Single(NotebookDocument.Load(run.ExecutedPath).Cells.Single().Outputs);
        Assert.Equal(("stream", "stdout", "a warning\n"), (output.OutputType, output.StreamName, output.Text));
    }
}
