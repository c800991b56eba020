using System.Diagnostics;
using Workbook;

namespace Workbook.Tests;

/// <summary>
/// The run command as its own process (workbook.dll), on small notebooks and fake checkouts written for each test
/// outside the checkout, with the real dotnet-repl: signals stop every child, file-system errors end in one line,
/// options are checked, the repository is the runner's own, and the executed copies go to LOWRANK_ARTIFACTS when it is
/// set, else to the checkout's artifacts/. Each test has its own artifacts root in its temporary folder. Seconds each;
/// no workbook fixture.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class RunCommandTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    // Long enough for a kernel to start and run the first cell, which records the sleeper it leaves behind.
    private const int NotebookLimit = 20;

    [SkippableTheory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_signal_to_the_runner_stops_every_kernel_and_names_the_notebooks_not_finished(string signal, int exitCode)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "kill and /proc");
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        var pid = scratch.PathOf("sleeper.pid");
        scratch.Notebook("checkout/notebooks/01-hang.ipynb", Scratch.StartSleeper(pid), "System.Threading.Thread.Sleep(600_000);");
        scratch.Notebook("checkout/notebooks/02-later.ipynb", "Console.WriteLine(1);");
        var stale = Path.Combine(root, "artifacts", "notebooks");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "01-hang.ipynb"), "stale");
        File.WriteAllText(Path.Combine(stale, "02-later.ipynb"), "stale");

        // LOWRANK_ARTIFACTS unset: the default, artifacts/ in the (temporary) checkout.
        using var runner = Process.Start(WorkbookCommand.StartInfo(scratch.Folder, ["run", "--repository", root, "--jobs", "1"],
            artifacts: null))!;
        var finishing = WorkbookCommand.FinishAsync(runner, Bound);
        var sleeper = await Scratch.WaitForPidAsync(pid, Bound);
        var kernels = ProcTable.ChildrenOf(runner.Id);
        using (var kill = Process.Start("kill", [$"-{signal}", runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }
        var (code, output) = await finishing;

        Assert.Equal(exitCode, code);
        Assert.Contains("STOPPED 01-hang.ipynb", output, StringComparison.Ordinal);
        Assert.Contains($"Stopped by SIG{signal}; not finished: 01-hang.ipynb, 02-later.ipynb", output, StringComparison.Ordinal);
        Assert.Contains("0 ok, 0 failed, 2 not finished", output, StringComparison.Ordinal);
        Assert.True(await Scratch.GoneAsync(sleeper), "the process the cell started outlived the runner");
        Assert.NotEmpty(kernels);
        foreach (var kernel in kernels)
        {
            Assert.True(await Scratch.GoneAsync(kernel), $"the kernel {kernel} outlived the runner");
        }
        // Neither the notebook that was stopped nor the one that never started keeps a stale copy, and no partial file is left.
        Assert.Empty(Directory.GetFiles(stale, "*", SearchOption.AllDirectories));
    }

    [SkippableFact]
    public async Task A_later_run_stops_what_a_killed_runner_left_and_keeps_no_stale_partial_copy()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SIGKILL and /proc");
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        var pid = scratch.PathOf("sleeper.pid");
        scratch.Notebook("checkout/notebooks/01-hang.ipynb", Scratch.StartSleeper(pid), "System.Threading.Thread.Sleep(600_000);");
        using var runner = Process.Start(WorkbookCommand.StartInfo(scratch.Folder, ["run", "--repository", root], scratch.Artifacts))!;
        var sleeper = await Scratch.WaitForPidAsync(pid, Bound);
        var kernels = ProcTable.ChildrenOf(runner.Id);
        // SIGKILL to the runner alone, as an out-of-memory killer or `kill -9` does: its kernel is orphaned, not stopped.
        runner.Kill(entireProcessTree: false);
        await runner.WaitForExitAsync();
        Assert.NotEmpty(kernels);
        Assert.All(kernels, k => Assert.True(Scratch.IsAlive(k), $"the kernel {k} died with its runner"));
        File.Delete(pid);
        scratch.Notebook("checkout/notebooks/01-hang.ipynb", "Console.WriteLine(1);");

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", "--repository", root], scratch.Artifacts, Bound);

        Assert.True(code == 0, output);
        Assert.Contains("process(es) an earlier run left writing to", output, StringComparison.Ordinal);
        Assert.True(await Scratch.GoneAsync(sleeper), "the process the orphaned kernel's cell started is still running");
        foreach (var kernel in kernels)
        {
            Assert.True(await Scratch.GoneAsync(kernel), $"the orphaned kernel {kernel} is still running");
        }
        var executed = Path.Combine(scratch.Artifacts, "notebooks");
        Assert.Equal(["01-hang.ipynb"], Directory.GetFiles(executed, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_executed_copy_that_cannot_be_written_fails_that_notebook_in_one_line_after_the_others_ran()
    {
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        scratch.Notebook("checkout/notebooks/01-blocked.ipynb", "Console.WriteLine(1);");
        scratch.Notebook("checkout/notebooks/02-fine.ipynb", "Console.WriteLine(2);");
        var blocked = Path.Combine(scratch.Artifacts, "notebooks", "01-blocked.ipynb");
        Directory.CreateDirectory(blocked);

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", "--repository", root], scratch.Artifacts, Bound);

        Assert.Equal(1, code);
        Assert.Contains($"cannot write the executed copy {blocked}: it is a directory", output, StringComparison.Ordinal);
        Assert.Contains("ok      02-fine.ipynb", output, StringComparison.Ordinal);
        Assert.Contains("1 ok, 1 failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_artifacts_folder_that_takes_no_files_fails_each_notebook_in_one_line_and_exits_1()
    {
        // Root ignores read-only permission bits, so a file where the artifacts folder should be stands in for a read-only one.
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        scratch.Notebook("checkout/notebooks/01-one.ipynb", "Console.WriteLine(1);");
        File.WriteAllText(scratch.Artifacts, "not a folder");

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", "--repository", root], scratch.Artifacts, Bound);

        Assert.Equal(1, code);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot write the executed copy", StringComparison.Ordinal));
        Assert.Contains(Path.Combine(scratch.Artifacts, "notebooks", "01-one.ipynb"), line, StringComparison.Ordinal);
        Assert.Contains("0 ok, 1 failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("1e9")]
    [InlineData("86401")]
    [InlineData("0.0000000000000001")]
    [InlineData("0.999")]
    [InlineData("0.99999999999999999")]
    [InlineData("1e-400")]
    [InlineData("1e400")]
    public async Task A_timeout_that_is_not_a_number_of_seconds_from_1_to_a_day_is_refused(string seconds)
    {
        using var scratch = new Scratch();
        var (code, output) = await WorkbookCommand.RunAsync(Repository.Root, ["run", "--timeout", seconds], scratch.Artifacts, Bound);

        Assert.Equal(2, code);
        Assert.Contains($"'--timeout {seconds}': SECONDS must be a number from 1 (a kernel alone takes about 3 s to start) to 86400 (a " +
            $"day).", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_timeout_option_sets_the_per_notebook_limit()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sleep and /proc");
        using var scratch = new Scratch();
        var pid = scratch.PathOf("sleeper.pid");
        var notebook = scratch.Notebook($"limit-{Guid.NewGuid():N}.ipynb", Scratch.StartSleeper(pid),
            "System.Threading.Thread.Sleep(600_000);");

        var running = WorkbookCommand.RunAsync(scratch.Folder, ["run", notebook, "--timeout", $"{NotebookLimit}"], scratch.Artifacts,
            Bound);
        // The first cell ran within the limit, so the limit stopped a notebook that had a process to stop.
        var sleeper = await Scratch.WaitForPidAsync(pid, TimeSpan.FromSeconds(NotebookLimit));
        var (code, output) = await running;

        Assert.Equal(1, code);
        Assert.Contains($"at most {NotebookLimit} s each", output, StringComparison.Ordinal);
        Assert.Contains($"stopped at the per-notebook limit of {NotebookLimit} s (--timeout)", output, StringComparison.Ordinal);
        Assert.True(await Scratch.GoneAsync(sleeper), "the process the cell started outlived the run");
    }

    [Fact]
    public async Task From_inside_another_checkout_the_runner_runs_its_own_checkout_unless_told_otherwise()
    {
        using var scratch = new Scratch();
        // The other checkout has no tool manifest: run as the repository, its `dotnet tool restore` would fail.
        var other = scratch.PathOf("other");
        Directory.CreateDirectory(Path.Combine(other, "notebooks"));
        File.WriteAllText(Path.Combine(other, Repository.SolutionFile), "");
        var name = $"own-{Guid.NewGuid():N}.ipynb";
        var notebook = scratch.Notebook(Path.Combine("other", "notebooks", name), "Console.WriteLine(\"ran\");");

        var (code, output) = await WorkbookCommand.RunAsync(Path.Combine(other, "notebooks"), ["run", notebook], scratch.Artifacts, Bound);

        Assert.True(code == 0, output);
        // This checkout ran it, with its artifacts root in LOWRANK_ARTIFACTS, not in this checkout's artifacts/ nor the other's.
        var copy = Path.Combine(scratch.Artifacts, "notebooks", Repository.ArtifactName(notebook).Replace('/',
            Path.DirectorySeparatorChar));
        Assert.True(File.Exists(copy), $"no executed copy under LOWRANK_ARTIFACTS:\n{output}");
        Assert.False(File.Exists(Path.Combine(Repository.Root, "artifacts", "notebooks", name)), "the run wrote into this checkout's " +
            "artifacts/");
        Assert.False(Directory.Exists(Path.Combine(other, "artifacts")), "the run wrote into the other checkout");
        // A notebook from elsewhere neither writes a report nor fails on one.
        Assert.Contains("Report not updated: none of these notebooks is one of the workbook's in notebooks/.", output,
            StringComparison.Ordinal);

        var (refused, message) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", notebook, "--repository", other], scratch.Artifacts,
            Bound);
        Assert.Equal(1, refused);
        Assert.Contains($"There is no tool manifest at {Path.Combine(other, LocalTool.ManifestPath)}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_LOWRANK_ARTIFACTS_is_unset_and_executed_copies_keep_only_their_package_list()
    {
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        scratch.Notebook("checkout/notebooks/01-restore.ipynb", "#r \"nuget: MathNet.Numerics, 5.0.0\"",
            "Console.WriteLine(MathNet.Numerics.Euclid.GreatestCommonDivisor(12L, 18L));");

        var (_, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", "--repository", root], "", Bound);

        Assert.Contains("1 ok, 0 failed", output, StringComparison.Ordinal);
        var executed = NotebookDocument.Load(Path.Combine(root, "artifacts", "notebooks", "01-restore.ipynb"));
        // Even a warm cache shows one progress output before the list; the copy keeps the list alone.
        var kept = Assert.Single(executed.Cells[0].Outputs);
        Assert.Contains("<strong>Installed Packages</strong><ul><li><span>MathNet.Numerics, 5.0.0</span></li></ul>",
            kept.Data.GetValueOrDefault("text/html"), StringComparison.Ordinal);
        Assert.Equal("6\n", executed.Cells[1].StreamText);
    }
}
