using Workbook;

namespace Workbook.Tests;

/// <summary>
/// .ci/run, run for real with stand-ins first on its PATH: a script named dotnet records what it is asked to run and
/// exits as the test wants, and one named apt-get records any install. The script runs the README's test command, as
/// the Quick start spells it, and fails as that command fails. Linux only (bash); about a second each.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class CiScriptTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);

    private static async Task<(ProcessResult Result, string[] DotnetArguments)> RunCiAsync(Scratch scratch, int dotnetExitCode)
    {
        var arguments = scratch.PathOf("dotnet-arguments.txt");
        scratch.Script("bin/dotnet", $"printf '%s\\n' \"$@\" > '{arguments}'\nexit {dotnetExitCode}\n");
        scratch.Script("bin/apt-get", $"echo \"apt-get $*\" >> '{scratch.PathOf("apt-get.log")}'\n");
        scratch.Script("bin/jupyter", "exit 0\n");
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = string.Join(Path.PathSeparator, scratch.PathOf("bin"), "/usr/bin", "/bin"),
            // A browser is named, so the script has none to install for the chart checks.
            [Browser.Variable] = "/bin/sh",
        };
        var result = await ProcessRunner.RunAsync(
            Path.Combine(Repository.Root, ".ci", "run"), [], scratch.Folder, TimeSpan.FromSeconds(30), environment: environment);
        return (result, File.Exists(arguments) ? File.ReadAllLines(arguments) : []);
    }

    private static string[] ReadmeTestCommand() =>
        RepositoryConventionTests.QuickStartCommands().Single(c => c.EndsWith("-- test", StringComparison.Ordinal)).Split(' ');

    [SkippableFact]
    public async Task Ci_runs_the_readme_test_command_from_the_checkout()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "bash and shell-script stand-ins");
        using var scratch = new Scratch();

        var (result, arguments) = await RunCiAsync(scratch, 0);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(ReadmeTestCommand(), (string[])["dotnet", .. arguments]);
        Assert.Contains($"+ {string.Join(' ', ReadmeTestCommand())}", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Ci_fails_with_the_test_commands_exit_code()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "bash and shell-script stand-ins");
        using var scratch = new Scratch();

        var (result, arguments) = await RunCiAsync(scratch, 3);

        Assert.Equal(3, result.ExitCode);
        Assert.NotEmpty(arguments);
    }
}
