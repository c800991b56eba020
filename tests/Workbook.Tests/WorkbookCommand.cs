using System.Diagnostics;

using Workbook;

namespace Workbook.Tests;

/// <summary>Starts the built runner (workbook.dll) as its own process, as the README's commands do, with the real dotnet host.</summary>
internal static class WorkbookCommand
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "workbook.dll");

    /// <summary>The dotnet host that runs the tests, by full path, so a test can put a stand-in "dotnet" first on the runner's
    /// PATH.</summary>
    public static string DotnetHost { get; } = FindDotnet();

    /// <summary>
    /// The built apphost (bin/…/workbook), as <c>dotnet run</c> starts it. A program run by the dotnet host finds a bare
    /// "dotnet" next to that host before the PATH; one run by its apphost looks in the PATH, where a test can put a stand-in.
    /// </summary>
    public static readonly string AppHost = Path.Combine(AppContext.BaseDirectory,
        OperatingSystem.IsWindows() ? "workbook.exe" : "workbook");

    /// <summary>
    /// How to start the runner with <paramref name="artifacts"/> as its artifacts root (LOWRANK_ARTIFACTS), so it never
    /// writes into a checkout's own artifacts/, which hold a learner's executed notebooks; null leaves the variable unset
    /// (not inherited), for a test of the default, artifacts/ in a checkout of its own.
    /// </summary>
    public static ProcessStartInfo StartInfo(
        string workingDirectory, IEnumerable<string> arguments, string? artifacts, IReadOnlyDictionary<string, string?>? environment = null,
            bool viaAppHost = false)
    {
        var start = new ProcessStartInfo(viaAppHost ? AppHost : DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (viaAppHost)
        {
            // The apphost finds the runtime through DOTNET_ROOT, whatever the PATH holds.
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(DotnetHost);
        }
        else
        {
            start.ArgumentList.Add(Dll);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove(Repository.ArtifactsVariable);
        if (artifacts is not null)
        {
            start.Environment[Repository.ArtifactsVariable] = artifacts;
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>Runs the runner to its exit within <paramref name="limit"/>; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string workingDirectory, IEnumerable<string> arguments, string? artifacts, TimeSpan limit, IReadOnlyDictionary<string,
            string?>? environment = null, bool viaAppHost = false)
    {
        using var process = Process.Start(StartInfo(workingDirectory, arguments, artifacts, environment, viaAppHost))!;
        return await FinishAsync(process, limit);
    }

    /// <summary>Waits for the runner's exit and output within <paramref name="limit"/>, killing it if it overstays.</summary>
    public static async Task<(int ExitCode, string Output)> FinishAsync(Process process, TimeSpan limit)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await Task.WhenAll(process.WaitForExitAsync(), output, error).WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"workbook {string.Join(' ', process.StartInfo.ArgumentList)} did not finish within " +
                $"{limit.TotalSeconds} s.");
        }
        return (process.ExitCode, await output + await error);
    }

    private static string FindDotnet()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(folder => Path.Combine(folder, name))
                .FirstOrDefault(File.Exists) ?? name;
    }
}
