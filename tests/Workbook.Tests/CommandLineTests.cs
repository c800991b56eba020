using System.Diagnostics;

namespace Workbook.Tests;

/// <summary>
/// The one parser every command goes through: each command's --help, each bad value refused on stderr with exit 2 and
/// a message naming the argument, its value and what is allowed, and --artifacts (or LOWRANK_ARTIFACTS) moving the output.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class CommandLineTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(50);

    [Theory]
    [InlineData("run", "--jobs N", "--timeout SECONDS", "--repository PATH", "--artifacts PATH")]
    [InlineData("test", "--artifacts PATH", "[dotnet test options]")]
    [InlineData("doctor", "--repository PATH")]
    [InlineData("report", "--repository PATH", "--artifacts PATH")]
    [InlineData("apps", "--repository PATH", "--artifacts PATH")]
    public async Task Each_command_prints_its_own_help_on_stdout_and_exits_0(string command, params string[] options)
    {
        var (code, output, error) = await RunAsync([command, "--help"]);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.StartsWith($"Usage: dotnet run --project src/Workbook -c Release -- {command}", output, StringComparison.Ordinal);
        Assert.All(options, option => Assert.Contains(option, output, StringComparison.Ordinal));
        Assert.Contains("--help, -h", output, StringComparison.Ordinal);
        Assert.Equal(CommandLine.Help(Spec(command)), output.TrimEnd());
    }

    [Theory]
    [InlineData(new[] { "run", "--jobs", "99999999999" },
        "'--jobs 99999999999': N must be at most 2147483647; more jobs than notebooks change nothing, " +
        "so the number of notebooks is enough.")]
    [InlineData(new[] { "run", "--jobs", "0" }, "'--jobs 0': N must be a whole number from 1 to 2147483647.")]
    [InlineData(new[] { "run", "--jobs", "two" }, "'--jobs two': N must be a whole number from 1 to 2147483647.")]
    [InlineData(new[] { "run", "--timeout", "0.0000000000000001" }, "'--timeout 0.0000000000000001': SECONDS must be a number from 1")]
    [InlineData(new[] { "run", "--timeout" }, "'--timeout' needs a value: --timeout SECONDS.")]
    [InlineData(new[] { "run", "--jobs", "2", "--jobs", "3" }, "'--jobs' is given twice (2 and 3); give it once.")]
    [InlineData(new[] { "run", "--job", "2" },
        "'--job' is not an option of run; it takes --jobs N, --timeout SECONDS, --repository PATH, --artifacts PATH " +
        "and [NOTEBOOK.ipynb ...].")]
    [InlineData(new[] { "run", "notes.txt" }, "'notes.txt': a notebook must be a .ipynb file.")]
    [InlineData(new[] { "apps", "missing.ipynb" }, "'missing.ipynb': there is no such notebook.")]
    [InlineData(new[] { "report", "extra" }, "'extra': report takes no operands, only --repository PATH, --artifacts PATH.")]
    [InlineData(new[] { "report", "--jobs", "2" }, "'--jobs' is not an option of report; it takes --repository PATH, --artifacts PATH.")]
    [InlineData(new[] { "doctor", "--repository=" }, "'--repository ': there is no such folder.")]
    public async Task A_bad_argument_is_named_on_stderr_with_what_is_allowed_and_exits_2(string[] arguments, string problem)
    {
        var (code, output, error) = await RunAsync(arguments);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith($"workbook: {problem}", error, StringComparison.Ordinal);
        Assert.Contains($"Usage: dotnet run --project src/Workbook -c Release -- {arguments[0]}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_named_on_stderr_with_the_commands_and_exits_2()
    {
        var (code, output, error) = await RunAsync(["rnu"]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("workbook: 'rnu' is not a command; the commands are run, test, doctor, report, apps.", error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_command_passes_what_is_not_its_own_on_to_dotnet_test_in_order()
    {
        var parsed = CommandLine.Parse(TestCommand.Spec, ["--filter", "FullyQualifiedName~X", "--artifacts", "out", "-v", "q"]);

        Assert.Equal(["--filter", "FullyQualifiedName~X", "-v", "q"], parsed.Others);
        Assert.Equal("out", parsed.Values["--artifacts"]);
    }

    [Fact]
    public async Task Apps_go_under_the_artifacts_option_which_wins_over_the_variable()
    {
        using var scratch = new Scratch();
        var notebook = scratch.Notebook("01-one.ipynb", "Console.WriteLine(1);");
        var option = scratch.PathOf("option");
        var variable = scratch.PathOf("variable");

        var (code, output, error) = await RunAsync(["apps", notebook, "--artifacts", option], new() { ["LOWRANK_ARTIFACTS"] = variable });
        var (viaVariable, _, _) = await RunAsync(["apps", notebook], new() { ["LOWRANK_ARTIFACTS"] = variable });

        Assert.True(code == 0, output + error);
        // A notebook from outside notebooks/ has its app under apps/other/, apart from the lessons'.
        Assert.Single(Directory.GetFiles(Path.Combine(option, "apps", Repository.OtherFolder), "app.cs", SearchOption.AllDirectories));
        Assert.Equal(0, viaVariable);
        Assert.EndsWith(Path.Combine("01-one", "app.cs"), Assert.Single(Directory.GetFiles(variable, "app.cs",
            SearchOption.AllDirectories)));
    }

    [Fact]
    public async Task The_report_reads_and_writes_under_the_artifacts_option()
    {
        using var scratch = new Scratch();
        var artifacts = scratch.PathOf("elsewhere");

        var (code, _, error) = await RunAsync(["report", "--artifacts", artifacts]);

        Assert.Equal(1, code);
        Assert.Contains($"no executed notebooks in {Path.Combine(artifacts, "notebooks")}/", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_artifacts_path_that_is_a_file_is_refused()
    {
        using var scratch = new Scratch();
        var file = scratch.PathOf("a-file");
        File.WriteAllText(file, "");

        var (code, _, error) = await RunAsync(["report", "--artifacts", file]);

        Assert.Equal(2, code);
        Assert.StartsWith($"workbook: '--artifacts {file}': this is a file; PATH must be a folder, new or existing.", error,
            StringComparison.Ordinal);
    }

    private static CommandSpec Spec(string command) => command switch
    {
        "run" => RunCommand.Spec,
        "test" => TestCommand.Spec,
        "doctor" => DoctorCommand.Spec,
        "report" => ReportCommand.Spec,
        _ => AppsCommand.Spec,
    };

    // Standard output and standard error apart, which WorkbookCommand.RunAsync joins.
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IEnumerable<string> arguments, Dictionary<string, string?>? environment = null)
    {
        using var process = Process.Start(WorkbookCommand.StartInfo(Repository.Root, arguments, artifacts: null, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await Task.WhenAll(process.WaitForExitAsync(), output, error).WaitAsync(Bound);
        return (process.ExitCode, await output, await error);
    }
}
