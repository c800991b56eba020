using Workbook;

namespace Workbook.Tests;

/// <summary>Set-up that belongs to the machine stays out of src/, and the checkout's root is found one way only.</summary>
public sealed class RunnerLayoutTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);

    [Fact]
    public void The_runner_installs_nothing_that_is_left_to_the_ci_script()
    {
        var sources = Directory.GetFiles(Path.Combine(Repository.Root, "src", "Workbook"), "*.cs", SearchOption.AllDirectories);
        Assert.All(sources, file => Assert.DoesNotContain("apt-get\", [", File.ReadAllText(file), StringComparison.Ordinal));
        Assert.All(sources, file => Assert.DoesNotContain("\"install\"", File.ReadAllText(file), StringComparison.Ordinal));
        Assert.Contains("packages+=(chromium)", File.ReadAllText(Path.Combine(Repository.Root, ".ci", "run")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_benchmarks_find_the_checkout_with_the_runners_Repository_not_a_copy()
    {
        var benchmarks = Path.Combine(Repository.Root, "tests", "LowRank.Benchmarks");
        Assert.Contains(@"<Compile Include=""..\..\src\Workbook\Setup\Repository.cs""", File.ReadAllText(Path.Combine(benchmarks, "LowRank.Benchmarks.csproj")), StringComparison.Ordinal);
        // Only Repository.cs names the solution file that marks the root; the benchmarks compile that same file.
        var finders = new[] { Path.Combine(Repository.Root, "src"), benchmarks }
            .SelectMany(folder => Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(f => File.ReadAllText(f).Contains("\"LowRankNotebooks.sln\"", StringComparison.Ordinal));
        Assert.Equal([Path.Combine(Repository.Root, "src", "Workbook", "Setup", "Repository.cs")], finders);
        Assert.DoesNotContain("LowRankNotebooks.sln", File.ReadAllText(Path.Combine(benchmarks, "Program.cs")), StringComparison.Ordinal);
    }
}
