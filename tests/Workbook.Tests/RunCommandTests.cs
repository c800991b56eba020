using System.Diagnostics;
using Workbook;

namespace Workbook.Tests;

/// <summary>
/// The run command as its own process (workbook.dll), on small notebooks and fake checkouts written for each test
/// outside the checkout, with the real dotnet-repl: signals stop every child, file-system errors end in one line,
/// options are checked, and the repository is the runner's own. Seconds each; no workbook fixture.
/// </summary>
public sealed class RunCommandTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(50);

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

        using var runner = Process.Start(WorkbookCommand.StartInfo(scratch.Folder, ["run", "--repository", root, "--jobs", "1"]))!;
        var finishing = WorkbookCommand.FinishAsync(runner, Bound);
        var sleeper = await Scratch.WaitForPidAsync(pid, Bound);
        var kernels = ChildrenOf(runner.Id);
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

    [Fact]
    public async Task An_executed_copy_that_cannot_be_written_fails_that_notebook_in_one_line_after_the_others_ran()
    {
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        scratch.Notebook("checkout/notebooks/01-blocked.ipynb", "Console.WriteLine(1);");
        scratch.Notebook("checkout/notebooks/02-fine.ipynb", "Console.WriteLine(2);");
        var blocked = Path.Combine(root, "artifacts", "notebooks", "01-blocked.ipynb");
        Directory.CreateDirectory(blocked);

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", "--repository", root], Bound);

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
        File.WriteAllText(Path.Combine(root, "artifacts"), "not a folder");

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", "--repository", root], Bound);

        Assert.Equal(1, code);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot write the executed copy", StringComparison.Ordinal));
        Assert.Contains(Path.Combine(root, "artifacts", "notebooks", "01-one.ipynb"), line, StringComparison.Ordinal);
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
    public async Task A_timeout_that_is_not_a_number_of_seconds_from_1_to_a_day_is_refused(string seconds)
    {
        var (code, output) = await WorkbookCommand.RunAsync(Repository.Root, ["run", "--timeout", seconds], Bound);

        Assert.Equal(2, code);
        Assert.Contains($"'--timeout {seconds}': SECONDS must be a number from 1 (a kernel alone takes about 3 s to start) to 86400 (a day).", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_timeout_option_sets_the_per_notebook_limit()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sleep and /proc");
        using var scratch = new Scratch();
        var pid = scratch.PathOf("sleeper.pid");
        var notebook = scratch.Notebook($"limit-{Guid.NewGuid():N}.ipynb", Scratch.StartSleeper(pid), "System.Threading.Thread.Sleep(600_000);");

        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", notebook, "--timeout", "15"], Bound);

        Assert.Equal(1, code);
        Assert.Contains("at most 15 s each", output, StringComparison.Ordinal);
        Assert.Contains("stopped at the per-notebook limit of 15 s (--timeout)", output, StringComparison.Ordinal);
        // On a loaded machine the kernel may not reach the first cell within the limit; when it did, its sleeper is dead.
        Assert.True(!File.Exists(pid) || await Scratch.GoneAsync(await Scratch.WaitForPidAsync(pid, Bound)), "the process the cell started outlived the run");
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
        var executed = Path.Combine(Repository.Artifacts, "notebooks", name);
        try
        {
            var (code, output) = await WorkbookCommand.RunAsync(Path.Combine(other, "notebooks"), ["run", notebook], Bound);

            Assert.True(code == 0, output);
            Assert.True(File.Exists(executed), $"no executed copy in this checkout's artifacts:\n{output}");
            // Whatever this checkout's artifacts hold, a notebook from elsewhere neither changes its report nor fails on it.
            Assert.Contains("Report not updated: none of these notebooks is one of the workbook's in notebooks/.", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(executed);
        }

        var (refused, message) = await WorkbookCommand.RunAsync(scratch.Folder, ["run", notebook, "--repository", other], Bound);
        Assert.Equal(1, refused);
        Assert.Contains($"There is no tool manifest at {Path.Combine(other, LocalTool.ManifestPath)}", message, StringComparison.Ordinal);
    }

    // The runner's direct children: the dotnet-repl kernels it started.
    private static int[] ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == parent)
            .ToArray();

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 4)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
