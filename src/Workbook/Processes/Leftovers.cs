using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Workbook.Processes;

/// <summary>
/// Finds and stops what an earlier runner that was killed (SIGKILL cannot be caught) left running: kernels, and
/// whatever their cells started, keep writing into the executed copies' folder after their runner is gone. Every
/// process a runner starts inherits two variables, the folder it writes to and the runner's identity (process id
/// and start time, so a reused id is not taken for the runner); a process that names this folder and a runner that
/// is no longer alive is a leftover. Linux only (/proc); elsewhere nothing is found.
/// </summary>
internal static class Leftovers
{
    /// <summary>The variable that names the folder the runner writes executed copies to.</summary>
    public const string OutputVariable = "LOWRANK_RUNNER_OUTPUT";

    /// <summary>The variable that names the runner, as <c>PID@STARTTIME</c>.</summary>
    public const string RunnerVariable = "LOWRANK_RUNNER_ID";

    /// <summary>The variables a runner writing to <paramref name="outputFolder"/> gives every process it starts.</summary>
    public static IReadOnlyDictionary<string, string> Marks(string outputFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        return new Dictionary<string, string>
        {
            [OutputVariable] = Path.GetFullPath(outputFolder),
            [RunnerVariable] = Identity(System.Environment.ProcessId) ?? "",
        };
    }

    /// <summary>
    /// Kills every process left by a runner that is gone and wrote to <paramref name="outputFolder"/> (or a folder in it);
    /// returns their ids.
    /// </summary>
    public static IReadOnlyList<int> Stop(string outputFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }
        var folder = Path.GetFullPath(outputFolder);
        var stopped = new List<int>();
        foreach (var pid in ProcFs.OtherProcesses())
        {
            var environment = EnvironmentOf(pid);
            if (environment.GetValueOrDefault(OutputVariable) is { } marked
                && (marked == folder || marked.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                && environment.GetValueOrDefault(RunnerVariable) is { Length: > 0 } runner
                && !IsAlive(runner))
            {
                Kill(pid);
                stopped.Add(pid);
            }
        }
        return stopped;
    }

    // PID@STARTTIME; the start time (field 22 of /proc/PID/stat, in clock ticks since boot) tells a reused id apart.
    private static string? Identity(int pid) =>
        ProcFs.StatFields(pid) is { Length: > 19 } fields ? string.Create(CultureInfo.InvariantCulture, $"{pid}@{fields[19]}") : null;

    private static bool IsAlive(string runner) =>
        int.TryParse(runner.Split('@')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Identity(pid) == runner;

    // Gone, or another user's: no variables, so not ours either way.
    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        Encoding.UTF8.GetString(ProcFs.Read(pid, "environ") ?? [])
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not ours to kill.
        }
    }
}
