using System.Text.Json;
using System.Text.RegularExpressions;
using Workbook;
using YamlDotNet.RepresentationModel;

namespace Workbook.Tests;

/// <summary>
/// .github/workflows/ci.yml cannot run here, so it is checked against what can: it parses, pins every action to a
/// commit, runs the README's own commands (as .ci/run does) and uploads the workbook's outputs, with global.json's SDK.
/// </summary>
[Trait(Speed.Name, Speed.Fast)]
public sealed partial class CiWorkflowTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);
    private static readonly string WorkflowPath = Path.Combine(Repository.Root, ".github", "workflows", "ci.yml");

    private static YamlMappingNode Workflow()
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(WorkflowPath));
        yaml.Load(reader);
        return (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
    }

    private static YamlMappingNode Job(string name) =>
        (YamlMappingNode)((YamlMappingNode)Workflow()["jobs"])[name];

    private static YamlMappingNode[] Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToArray();

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    // Every line of every step's shell script, trimmed.
    private static string[] RunLines(YamlMappingNode job) =>
        Steps(job).Select(s => Scalar(s, "run")).OfType<string>()
            .SelectMany(script => script.Split('\n')).Select(l => l.Trim()).ToArray();

    private static string RunCommand => RepositoryConventionTests.QuickStartCommands().Single(c => c.EndsWith("-- run",
        StringComparison.Ordinal));

    private static string TestCommand => RepositoryConventionTests.QuickStartCommands().Single(c => c.EndsWith("-- test",
        StringComparison.Ordinal));

    [Fact]
    public void The_workflow_parses_and_runs_on_push_and_pull_request()
    {
        var workflow = Workflow();

        var on = (YamlMappingNode)workflow["on"];
        Assert.Equal(["push", "pull_request"], on.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal(["test", "run"], ((YamlMappingNode)workflow["jobs"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal("read", Scalar((YamlMappingNode)workflow["permissions"], "contents"));
    }

    [Fact]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment()
    {
        var uses = ((YamlMappingNode)Workflow()["jobs"]).Children.Values.Cast<YamlMappingNode>()
            .SelectMany(Steps).Select(s => Scalar(s, "uses")).OfType<string>().ToArray();

        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Matches(PinnedAction(), u));
        // The comment is not part of the YAML value, so the text is read for it: each uses line names the version.
        var lines = File.ReadAllLines(WorkflowPath).Where(l => UsesLine().IsMatch(l)).ToArray();
        Assert.Equal(uses.Length, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", l));
        // One version of each action across jobs.
        Assert.All(uses.GroupBy(u => u.Split('@')[0]), g => Assert.Single(g.Distinct()));
    }

    [Fact]
    public void The_ubuntu_job_does_what_ci_run_does_with_chrome_and_jupyter()
    {
        var job = Job("test");

        Assert.Equal("ubuntu-latest", Scalar(job, "runs-on"));
        var lines = RunLines(job);
        Assert.Contains(TestCommand, lines);
        Assert.Contains(RunCommand, lines);
        // The apps and executed notebooks come from the run command, so it runs before the tests that upload them.
        Assert.True(Array.IndexOf(lines, RunCommand) < Array.IndexOf(lines, TestCommand));
        // .ci/run's set-up: a Chromium-family browser for the chart checks (Chrome, as Ubuntu's Chromium is a snap) and
        // Debian/Ubuntu's Jupyter packages, without which the Jupyter checks fail on CI.
        Assert.Equal("/usr/bin/google-chrome", Scalar((YamlMappingNode)job["env"], "LOWRANK_BROWSER"));
        Assert.Contains(lines, l => l.Contains("apt-get install", StringComparison.Ordinal)
            && l.Split(' ').Contains("jupyter-nbconvert") && l.Split(' ').Contains("python3-nbclient"));
    }

    [Fact]
    public void The_ubuntu_job_uploads_the_executed_notebooks_the_report_and_the_apps()
    {
        var upload = Assert.Single(Steps(Job("test")), s => Scalar(s, "uses")?.StartsWith("actions/upload-artifact@",
            StringComparison.Ordinal) == true);
        var with = (YamlMappingNode)upload["with"];

        var paths = Scalar(with, "path")!.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["artifacts/notebooks/", "artifacts/report/", "artifacts/apps/"], paths);
        // Uploaded when the tests fail too: that is when the executed notebooks are wanted.
        Assert.Equal("always()", Scalar(upload, "if"));
    }

    [Fact]
    public void Windows_and_macos_run_the_readme_run_command()
    {
        var job = Job("run");

        Assert.Equal("${{ matrix.os }}", Scalar(job, "runs-on"));
        var os = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)job["strategy"])["matrix"])["os"];
        Assert.Equal(["windows-latest", "macos-latest"], os.Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.Contains(RunCommand, RunLines(job));
    }

    [Fact]
    public void Every_job_installs_the_dotnet_sdk_that_global_json_names()
    {
        using var globalJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "global.json")));
        var sdk = globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString();

        foreach (var job in new[] { Job("test"), Job("run") })
        {
            var setup = Assert.Single(Steps(job), s => Scalar(s, "uses")?.StartsWith("actions/setup-dotnet@",
                StringComparison.Ordinal) == true);
            Assert.Equal(sdk, Scalar((YamlMappingNode)setup["with"], "dotnet-version"));
            // The SDK is there before any step runs dotnet.
            var firstDotnet = Array.FindIndex(Steps(job), s => Scalar(s, "run")?.Contains("dotnet", StringComparison.Ordinal) == true);
            Assert.InRange(Array.IndexOf(Steps(job), setup), 0, firstDotnet);
        }
    }

    [GeneratedRegex(@"^\s*(- )?uses:", RegexOptions.CultureInvariant)]
    private static partial Regex UsesLine();

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+@[0-9a-f]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex PinnedAction();
}
