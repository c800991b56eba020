using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Workbook;
using Workbook.Processes;

namespace Workbook.Tests;

/// <summary>
/// The README's run command as a whole, <c>dotnet run --project src/Workbook</c>, stopped by a signal sent to the
/// <c>dotnet run</c> process alone, as an IDE's or a CI's stop button sends it, or to its whole process group, as Ctrl+C
/// in a terminal does. The SDK passes SIGTERM on by itself and cancels SIGINT for itself; the project's
/// ForwardInterruptToRun task passes SIGINT on to the runner, which then gets Ctrl+C twice and acts once. Runs with
/// <c>--no-build</c>, on the runner the test run built, so the test writes nothing into the checkout.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class DotnetRunSignalTests
{
    private const string SetSid = "/usr/bin/setsid";

    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);

    // dotnet run evaluates the project, then the runner restores its tools and starts a kernel that runs the first cell.
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    // Stopping a kernel and what its cell started takes seconds; the notebook itself would run for 10 minutes.
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);

    [SkippableTheory]
    [InlineData("INT", false, 130)]
    [InlineData("TERM", false, 143)]
    [InlineData("INT", true, 130)]
    public async Task A_signal_to_dotnet_run_alone_or_to_its_group_stops_the_run_and_every_kernel_once(string signal, bool wholeGroup,
        int exitCode)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "kill and /proc; the forwarding is Linux only");
        Skip.If(wholeGroup && !File.Exists(SetSid), $"no {SetSid} to start dotnet run in a process group of its own");
        using var scratch = new Scratch();
        var pid = scratch.PathOf("sleeper.pid");
        var notebook = scratch.Notebook("hang.ipynb", Scratch.StartSleeper(pid), "System.Threading.Thread.Sleep(600_000);");

        using var dotnetRun = Process.Start(DotnetRun(["run", notebook, "--timeout", "600"], scratch.Artifacts, wholeGroup))!;
        var output = dotnetRun.StandardOutput.ReadToEndAsync();
        var error = dotnetRun.StandardError.ReadToEndAsync();
        try
        {
            var sleeper = await Scratch.WaitForPidAsync(pid, StartBound);
            var runner = Assert.Single(ProcTable.ChildrenOf(dotnetRun.Id));
            var kernels = ProcTable.ChildrenOf(runner);
            Assert.NotEmpty(kernels);

            var id = dotnetRun.Id.ToString(CultureInfo.InvariantCulture);
            if (wholeGroup)
            {
                // setsid exec'd dotnet run, so its id names the group that holds it, the runner, the kernel and the sleeper.
                Assert.Equal(dotnetRun.Id, ProcTable.GroupOf(dotnetRun.Id));
            }
            using (var kill = Process.Start("kill", wholeGroup ? [$"-{signal}", "--", $"-{id}"] : [$"-{signal}", id])!)
            {
                await kill.WaitForExitAsync();
            }
            try
            {
                await Task.WhenAll(dotnetRun.WaitForExitAsync(), output, error).WaitAsync(StopBound);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"dotnet run went on {StopBound.TotalSeconds} s after SIG{signal}: the signal did not reach the runner.");
            }
            var printed = await output + await error;

            Assert.True(exitCode == dotnetRun.ExitCode, $"exit code {dotnetRun.ExitCode}, not {exitCode}:\n{printed}");
            Assert.Single(Lines(printed, "STOPPED hang.ipynb"));
            // Once, though in a group the runner gets the SIGINT both from the terminal's stand-in and from dotnet run.
            Assert.Equal([$"Stopped by SIG{signal}; not finished: hang.ipynb"], Lines(printed, "Stopped by"));
            Assert.True(await Scratch.GoneAsync(runner), "the runner outlived dotnet run");
            foreach (var kernel in kernels)
            {
                Assert.True(await Scratch.GoneAsync(kernel), $"the kernel {kernel} outlived the run");
            }
            Assert.True(await Scratch.GoneAsync(sleeper), "the process the cell started outlived the run");
        }
        finally
        {
            if (!dotnetRun.HasExited)
            {
                // A swallowed signal: the run would go on for ten minutes.
                dotnetRun.Kill(entireProcessTree: true);
            }
        }
    }

    [SkippableFact]
    public void The_forwarding_finds_the_children_started_as_the_run_command_and_no_other_process()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "/proc");
        var sleep = File.Exists("/usr/bin/sleep") ? "/usr/bin/sleep" : "/bin/sleep";
        using var child = Process.Start(sleep, "30");
        try
        {
            Assert.Equal([child.Id], InterruptForwarding.ChildrenStartedAs(Environment.ProcessId, sleep));
            // Started by another parent, or as another program: not the run's.
            Assert.Empty(InterruptForwarding.ChildrenStartedAs(child.Id, sleep));
            Assert.DoesNotContain(child.Id, InterruptForwarding.ChildrenStartedAs(Environment.ProcessId, sleep + "x"));
            Assert.Throws<ArgumentOutOfRangeException>(() => InterruptForwarding.ChildrenStartedAs(0, sleep));
            Assert.Throws<ArgumentException>(() => InterruptForwarding.ChildrenStartedAs(Environment.ProcessId, " "));
        }
        finally
        {
            child.Kill();
        }
    }

    // The README's command with the configuration the tests were built in, on the runner already built, and the test's
    // own artifacts root; in a session and process group of its own when the test signals the whole group.
    private static ProcessStartInfo DotnetRun(IEnumerable<string> arguments, string artifacts, bool ownGroup)
    {
        var configuration = typeof(DotnetRunSignalTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var start = new ProcessStartInfo(ownGroup ? SetSid : WorkbookCommand.DotnetHost)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ownGroup)
        {
            start.ArgumentList.Add(WorkbookCommand.DotnetHost);
        }
        foreach (var argument in (string[])["run", "--project", Path.Combine("src", "Workbook"), "-c", configuration, "--no-build", "--"])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment[Repository.ArtifactsVariable] = artifacts;
        return start;
    }

    private static string[] Lines(string output, string start) =>
        output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(start, StringComparison.Ordinal)).ToArray();
}
