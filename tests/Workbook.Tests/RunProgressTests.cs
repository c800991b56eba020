namespace Workbook.Tests;

/// <summary>
/// The run command says what it is doing before each slow step and as each notebook starts and finishes; a terminal
/// also gets a status line with how many are done, which redirected output (a CI log) never does.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class RunProgressTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);

    [Fact]
    public void Redirected_output_gets_plain_lines_only()
    {
        using var output = new StringWriter();
        var progress = new RunProgress(output, live: false);

        progress.Begin(2);
        progress.Started("01-a.ipynb");
        progress.Finished(Run("01-a.ipynb"));
        progress.End();

        Assert.Equal(["  started 01-a.ipynb", "  ok      01-a.ipynb                                     1.5 s"],
            output.ToString().Split(Environment.NewLine)[..^1]);
    }

    [Fact]
    public void A_terminal_gets_a_status_line_with_the_count_done_that_the_next_line_replaces()
    {
        using var output = new StringWriter();
        var progress = new RunProgress(output, live: true);

        progress.Begin(2);
        progress.Started("01-a.ipynb");
        progress.Started("02-b.ipynb");
        progress.Finished(Run("01-a.ipynb"));
        progress.End();
        var text = output.ToString();

        Assert.Contains("[0/2 done] running: 01-a.ipynb, 02-b.ipynb", text, StringComparison.Ordinal);
        Assert.Contains("[1/2 done] running: 02-b.ipynb", text, StringComparison.Ordinal);
        // Each status line is blanked out with a carriage return before the next line is written over it.
        var lastStatus = "[1/2 done] running: 02-b.ipynb";
        Assert.EndsWith(lastStatus + "\r" + new string(' ', lastStatus.Length) + "\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_command_says_what_starts_restores_and_finishes_in_plain_lines_when_redirected()
    {
        using var scratch = new Scratch();
        var notebook = scratch.Notebook("01-one.ipynb", "Console.WriteLine(1);");
        var artifacts = scratch.PathOf("artifacts");

        var (code, output) = await WorkbookCommand.RunAsync(Repository.Root, ["run", notebook, "--artifacts", artifacts], artifacts: null,
            TimeSpan.FromSeconds(120));

        Assert.True(code == 0, output);
        var lines = output.Split('\n').Select(l => l.TrimEnd()).ToArray();
        var restoring = Array.FindIndex(lines, l => l.StartsWith("Restoring the local tools pinned in .config/dotnet-tools.json",
            StringComparison.Ordinal));
        var ready = Array.FindIndex(lines, l => l.StartsWith("Local tools ready (", StringComparison.Ordinal));
        var started = Array.IndexOf(lines, "  started 01-one.ipynb");
        var finished = Array.FindIndex(lines, l => l.StartsWith("  ok      01-one.ipynb", StringComparison.Ordinal));
        Assert.True(restoring >= 0 && restoring < ready && ready < started && started < finished, output);
        Assert.DoesNotContain('\r', output);
        Assert.DoesNotContain("done]", output, StringComparison.Ordinal);
        // A notebook from outside the workbook is written apart from the lessons, under other/<its folder's hash>/.
        Assert.Single(Directory.GetFiles(Path.Combine(artifacts, "notebooks", "other"), "01-one.ipynb", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(Path.Combine(artifacts, "apps", "other"), "app.cs", SearchOption.AllDirectories));
    }

    // A run that succeeded needs an executed copy that exists; any file will do.
    private static NotebookRun Run(string name) =>
        new(name, name, typeof(RunProgressTests).Assembly.Location, TimeSpan.FromSeconds(1.5), 0, [], "");
}
