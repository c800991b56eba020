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
        // BenchmarkDotNet runs from bin/…; the checkout around it is found as the workbook runner finds it (one shared file).
        var artifacts = Path.Combine(Workbook.Setup.Repository.Find(AppContext.BaseDirectory).Artifacts, "benchmarks");
        var config = DefaultConfig.Instance.WithArtifactsPath(artifacts);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }
}
