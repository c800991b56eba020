using Workbook;

namespace Workbook.Tests;

/// <summary>
/// The test command counts from the TRX files dotnet test writes, not from its console. A shell script named dotnet,
/// first on the runner's PATH, stands in for the SDK: it restores nothing, writes the TRX the test asks for into the
/// --results-directory it is given and prints a misleading VSTest summary line. Stand-ins for the package managers
/// record any call. Linux only; about a second each.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class TestCommandTests
{
    private static readonly string[] Installers = ["apt-get", "apt", "sudo", "snap", "brew", "winget", "choco"];

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(50);

    // The tool restore that precedes the tests finds dotnet-repl in the real NuGet cache.
    private static readonly string Packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
        ? folder
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string Trx(int total, int passed, int failed, int notExecuted) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun id="1" name="fake" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <ResultSummary outcome="{(failed > 0 ? "Failed" : "Completed")}">
            <Counters total="{total}" executed="{total - notExecuted}" passed="{passed}" failed="{failed}" error="0" timeout="0"
              aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="{notExecuted}" disconnected="0"
              warning="0" completed="0" inProgress="0" pending="0" />
          </ResultSummary>
        </TestRun>
        """;

    /// <summary>Runs the test command with the stand-in SDK, which writes <paramref name="trx"/> files and exits with <paramref
    /// name="exitCode"/>.</summary>
    private static async Task<(int ExitCode, string Output)> RunTestCommandAsync(Scratch scratch, int exitCode, string? browser = "/bin/sh",
        params string[] trx)
    {
        for (var i = 0; i < trx.Length; i++)
        {
            File.WriteAllText(scratch.PathOf($"project{i}.trx.xml"), trx[i]);
        }
        scratch.Script("bin/dotnet", $$"""
            [ "$1" = nuget ] && echo "global-packages: {{Packages}}"
            [ "$1" = test ] || exit 0
            printf '%s\n' "$@" > '{{scratch.PathOf("test-arguments.txt")}}'
            while [ $# -gt 0 ]; do [ "$1" = --results-directory ] && results=$2; shift; done
            for f in '{{scratch.Folder}}'/*.trx.xml; do [ -e "$f" ] && cp "$f" "$results/$(basename "$f" .xml)"; done
            echo "Passed!  - Failed:     0, Passed:    99, Skipped:     0, Total:    99, Duration: 1 s - Fake.dll (net10.0)"
            exit {{exitCode}}
            """);
        foreach (var installer in Installers)
        {
            scratch.Script($"bin/{installer}", $"echo \"$0 $*\" >> '{scratch.PathOf("installs.log")}'\n");
        }
        var environment = new Dictionary<string, string?>
        {
            // The stand-in first; without a browser to find, nothing else either, so no chromium from /usr/bin is found.
            ["PATH"] = browser is null ? scratch.PathOf("bin") : string.Join(Path.PathSeparator, scratch.PathOf("bin"), "/usr/bin", "/bin"),
            [Browser.Variable] = browser,
        };
        // Should the stand-in ever be bypassed, the real dotnet test must not run this suite again inside itself: it selects no test.
        return await WorkbookCommand.RunAsync(scratch.Folder, ["test", "--filter", "FullyQualifiedName=No.Such.Test"], scratch.Artifacts,
            Bound, environment, viaAppHost: true);
    }

    [SkippableFact]
    public async Task Counts_come_from_the_TRX_files_of_every_project_and_a_failure_exits_non_zero()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "a shell script stands in for dotnet");
        using var scratch = new Scratch();

        var (code, output) = await RunTestCommandAsync(scratch, 1, "/bin/sh", Trx(6, 3, 1, 2), Trx(5, 5, 0, 0));

        Assert.NotEqual(0, code);
        Assert.Contains("tests: 8 passed, 1 failed, 2 skipped", output, StringComparison.Ordinal);
        Assert.DoesNotContain("99 passed", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_failed_count_fails_the_command_even_when_dotnet_test_exits_0()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "a shell script stands in for dotnet");
        using var scratch = new Scratch();

        var (code, output) = await RunTestCommandAsync(scratch, 0, "/bin/sh", Trx(2, 1, 1, 0));

        Assert.Equal(1, code);
        Assert.Contains("tests: 1 passed, 1 failed, 0 skipped", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task All_passed_exits_0()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "a shell script stands in for dotnet");
        using var scratch = new Scratch();

        var (code, output) = await RunTestCommandAsync(scratch, 0, "/bin/sh", Trx(4, 3, 0, 1));

        Assert.True(code == 0, output);
        Assert.Contains("tests: 3 passed, 0 failed, 1 skipped", output, StringComparison.Ordinal);
        // The TRX files went to a folder of this run under the artifacts root the runner was given, none elsewhere.
        var results = Assert.Single(Directory.GetDirectories(Path.Combine(scratch.Artifacts, "test-results")));
        Assert.Equal(["project0.trx"], Directory.GetFiles(results).Select(Path.GetFileName));
    }

    [SkippableFact]
    public async Task Dotnet_test_gets_the_solution_a_hang_timeout_and_the_callers_arguments()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "a shell script stands in for dotnet");
        using var scratch = new Scratch();

        var (code, output) = await RunTestCommandAsync(scratch, 0, "/bin/sh", Trx(1, 1, 0, 0));

        Assert.True(code == 0, output);
        var arguments = File.ReadAllLines(scratch.PathOf("test-arguments.txt"));
        Assert.Equal(["test", Path.Combine(Repository.Find(AppContext.BaseDirectory).Root, Repository.SolutionFile)], arguments[..2]);
        // A test that hangs stops the host after the limit, which names it, instead of running into the command's hour.
        var hang = Array.IndexOf(arguments, "--blame-hang-timeout");
        Assert.True(hang > 0, string.Join(' ', arguments));
        Assert.Equal($"{TestCommand.HangTimeout.TotalMinutes}min", arguments[hang + 1]);
        Assert.Equal(["--filter", "FullyQualifiedName=No.Such.Test"], arguments[^2..]);
    }

    [SkippableFact]
    public async Task No_TRX_file_exits_non_zero_whatever_the_console_said()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "a shell script stands in for dotnet");
        using var scratch = new Scratch();

        var (code, output) = await RunTestCommandAsync(scratch, 0);

        Assert.NotEqual(0, code);
        Assert.Contains("tests: no TRX file in ", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Without_a_browser_the_command_says_what_to_install_and_installs_nothing()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "a shell script stands in for dotnet");
        using var scratch = new Scratch();

        // PATH holds only the stand-in, so no chromium is found there, and LOWRANK_BROWSER is unset.
        var (code, output) = await RunTestCommandAsync(scratch, 0, browser: null, Trx(1, 1, 0, 0));

        Assert.Equal(1, code);
        Assert.Contains("none was found. Install Chromium, Google Chrome or Microsoft Edge (Debian: sudo apt-get install chromium", output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("tests:", output, StringComparison.Ordinal);
        Assert.False(File.Exists(scratch.PathOf("installs.log")), "the command ran a package manager");
    }
}
