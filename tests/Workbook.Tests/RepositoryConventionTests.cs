using System.Text.Json;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Workbook;

namespace Workbook.Tests;

/// <summary>The README and devcontainer say what the repository really does, and agree with each other (.ci/run: <see
/// cref="CiScriptTests"/>).</summary>
[Trait(Speed.Name, Speed.Fast)]
public sealed class RepositoryConventionTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);

    private static MarkdownDocument Readme() =>
        Markdown.Parse(File.ReadAllText(Path.Combine(Repository.Root, "README.md")),
            new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

    /// <summary>The commands in the README's Quick start block, in order: the run command, then the test command.</summary>
    internal static string[] QuickStartCommands()
    {
        var blocks = Readme().ToList();
        var start = blocks.FindIndex(b => b is HeadingBlock { Level: 2 } h && Text(h) == "Quick start");
        Assert.True(start >= 0, "README.md has no '## Quick start' section.");
        var code = blocks.Skip(start + 1).TakeWhile(b => b is not HeadingBlock { Level: 2 }).OfType<FencedCodeBlock>().First();
        return code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString().Trim()).Where(l => l.Length > 0).ToArray();
    }

    private static string Text(HeadingBlock heading) =>
        string.Concat(heading.Inline?.Descendants<LiteralInline>().Select(l => l.Content.ToString()) ?? []);

    [Fact]
    public void Quick_start_has_exactly_two_commands_one_to_run_the_workbook_and_one_to_test()
    {
        var commands = QuickStartCommands();
        Assert.Equal(2, commands.Length);
        Assert.EndsWith("-- run", commands[0], StringComparison.Ordinal);
        Assert.EndsWith("-- test", commands[1], StringComparison.Ordinal);
        foreach (var command in commands)
        {
            var words = command.Split(' ');
            var project = words[Array.IndexOf(words, "--project") + 1];
            Assert.True(Directory.Exists(Path.Combine(Repository.Root, project)), $"'{command}' names {project}, which does not exist.");
        }
    }

    [Fact]
    public void Readme_lists_every_notebook()
    {
        var links = Readme().Descendants<LinkInline>().Select(l => l.Url).OfType<string>().ToHashSet();
        Assert.All(Repository.ListNotebooks(), path => Assert.Contains($"notebooks/{Path.GetFileName(path)}", links));
    }

    [Fact]
    public void Devcontainer_is_pinned_and_runs_the_readme_run_command()
    {
        var path = Path.Combine(Repository.Root, ".devcontainer", "devcontainer.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var root = json.RootElement;

        // A full image version, not a floating tag such as "latest" or "10.0".
        Assert.Matches(@"^mcr\.microsoft\.com/devcontainers/dotnet:\d+\.\d+\.\d+-10\.0(-[a-z]+)?$", root.GetProperty("image").GetString());

        var extensions = root.GetProperty("customizations").GetProperty("vscode").GetProperty("extensions")
            .EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains("ms-dotnettools.dotnet-interactive-vscode", extensions);
        Assert.Contains("ms-toolsai.jupyter", extensions);
        Assert.Contains("ms-dotnettools.csharp", extensions);

        var postCreate = root.GetProperty("postCreateCommand").GetString();
        Assert.Equal(QuickStartCommands()[0], postCreate);
    }
}
