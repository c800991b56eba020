using Workbook;

namespace Workbook.Tests;

/// <summary>
/// The runner waits for a child's exit, not for the end of its output, and stops what the child leaves behind: shell
/// scripts stand in for a kernel whose cell started a process. Linux only (bash, /proc); each takes a few seconds.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class ProcessRunnerTests
{
    // Far below the sleepers' 600 s, far above the runner's own grace period: a run that takes this long waited for them.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_process_the_child_leaves_running_neither_keeps_the_run_waiting_nor_survives_it()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "bash and /proc");
        using var scratch = new Scratch();
        var pid = scratch.PathOf("sleeper.pid");
        // The sleeper inherits the pipes, so the output does not end when bash exits.
        var script = scratch.Script("leave.sh", $"sleep 600 & echo $! > '{pid}'\necho done\n");

        var result = await ProcessRunner.RunAsync(script, [], scratch.Folder, TimeSpan.FromMinutes(5)).WaitAsync(Bound);

        Assert.Equal(ProcessEnd.Exited, result.End);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("done", result.Output, StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(15), $"took {result.Elapsed}");
        Assert.True(await Scratch.GoneAsync(await Scratch.WaitForPidAsync(pid, Bound)), "the sleeper the script left is still running");
    }

    [SkippableFact]
    public async Task A_child_past_its_limit_is_stopped_with_the_orphans_it_made_and_the_wait_is_bounded()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "bash and /proc");
        using var scratch = new Scratch();
        var orphan = scratch.PathOf("orphan.pid");
        var child = scratch.PathOf("child.pid");
        // The subshell exits at once, so its sleeper is re-parented to init: no longer a descendant, still holding the pipes.
        var script = scratch.Script("hang.sh", $"(sleep 600 & echo $! > '{orphan}')\necho $$ > '{child}'\nsleep 600\n");

        var result = await ProcessRunner.RunAsync(script, [], scratch.Folder, TimeSpan.FromSeconds(3)).WaitAsync(Bound);

        Assert.Equal(ProcessEnd.TimedOut, result.End);
        Assert.Equal(-1, result.ExitCode);
        Assert.Contains("Stopped after 3 s", result.Output, StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(15), $"took {result.Elapsed}");
        Assert.True(await Scratch.GoneAsync(await Scratch.WaitForPidAsync(child, Bound)), "the script is still running");
        Assert.True(await Scratch.GoneAsync(await Scratch.WaitForPidAsync(orphan, Bound)), "the orphaned sleeper is still running");
    }

    [SkippableFact]
    public async Task Cancelling_stops_the_child_with_everything_it_started()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "bash and /proc");
        using var scratch = new Scratch();
        var pid = scratch.PathOf("sleeper.pid");
        var script = scratch.Script("hang.sh", $"sleep 600 & echo $! > '{pid}'\nwait\n");
        using var cancel = new CancellationTokenSource();

        var run = ProcessRunner.RunAsync(script, [], scratch.Folder, TimeSpan.FromMinutes(5), cancellationToken: cancel.Token);
        var sleeper = await Scratch.WaitForPidAsync(pid, Bound);
        await cancel.CancelAsync();
        var result = await run.WaitAsync(Bound);

        Assert.Equal(ProcessEnd.Cancelled, result.End);
        Assert.Contains("Stopped on request", result.Output, StringComparison.Ordinal);
        Assert.True(await Scratch.GoneAsync(sleeper), "the sleeper is still running");
    }

    [SkippableFact]
    public async Task Servers_a_build_leaves_behind_are_kept_when_asked_and_the_run_still_ends()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "bash and /proc");
        using var scratch = new Scratch();
        var pid = scratch.PathOf("server.pid");
        var script = scratch.Script("server.sh", $"sleep 600 & echo $! > '{pid}'\n");

        var result = await ProcessRunner.RunAsync(script, [], scratch.Folder, TimeSpan.FromMinutes(5),
            stopLeftovers: false).WaitAsync(Bound);

        Assert.Equal(ProcessEnd.Exited, result.End);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(15), $"took {result.Elapsed}");
        Assert.True(Scratch.IsAlive(await Scratch.WaitForPidAsync(pid, Bound)), "a server the caller asked to keep was killed");
        // Scratch.Dispose kills it.
    }
}
