using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace LowRank.Benchmarks;

/// <summary>Runs the benchmarks; results go to artifacts/benchmarks (git-ignored), never next to the sources.</summary>
public static class Program
{
    /// <summary>Entry point; pass BenchmarkDotNet arguments such as <c>--job short</c> or <c>--filter *</c>.</summary>
    /// <param name="args">BenchmarkDotNet command-line arguments.</param>
    public static void Main(string[] args)
    {
        var artifacts = Path.Combine(FindRepositoryRoot(), "artifacts", "benchmarks");
        var config = DefaultConfig.Instance.WithArtifactsPath(artifacts);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }

    // BenchmarkDotNet runs from bin/…; walk up to the directory holding the solution so artifacts land at the top.
    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LowRankNotebooks.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
