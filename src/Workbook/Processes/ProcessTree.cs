using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Workbook.Processes;

/// <summary>
/// Everything one child process started, found again when it is time to stop it. The child's environment carries a
/// variable unique to this tree; every process it starts inherits it, and keeps it when its parent exits and it is
/// re-parented to init, which is when a walk over parent ids no longer finds it. On Linux the tree is therefore every
/// process whose /proc/PID/environ holds the variable. Elsewhere only the descendants still connected to the child are
/// found (<see cref="Process.Kill(bool)"/>); processes orphaned before that are out of reach.
/// </summary>
internal sealed class ProcessTree
{
    // Unique per tree, so nested runners (a test that runs the runner that runs dotnet-repl) each find their own.
    private readonly string variable = "LOWRANK_TREE_" + Guid.NewGuid().ToString("N");

    /// <summary>Marks the process about to start, so it and everything it starts belong to this tree.</summary>
    public void Mark(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.Environment[variable] = "1";
    }

    /// <summary>The ids of the marked processes still running, other than this one (Linux only; empty elsewhere).</summary>
    public IReadOnlyList<int> Members()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }
        var needle = Encoding.ASCII.GetBytes(variable + "=");
        return ProcFs.OtherProcesses().Where(pid => HasVariable(pid, needle)).ToArray();
    }

    /// <summary>How long <see cref="StopAsync"/> keeps killing and checking: a loaded machine can take seconds to end
    /// a big process.</summary>
    public static TimeSpan StopLimit { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Kills <paramref name="root"/> with its descendants, then every other process of the tree, until none is left
    /// or <see cref="StopLimit"/> has passed (a process may start another while it is being killed, and a killed
    /// process is listed until it has died).
    /// </summary>
    public async Task StopAsync(Process root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var clock = Stopwatch.StartNew();
        Kill(root);
        await WaitForExitAsync(root, StopLimit).ConfigureAwait(false);
        for (var pause = 20; clock.Elapsed < StopLimit; pause = Math.Min(2 * pause, 500))
        {
            var members = Members();
            if (members.Count == 0)
            {
                return;
            }
            foreach (var pid in members)
            {
                KillById(pid);
            }
            await Task.Delay(pause).ConfigureAwait(false);
        }
    }

    // Process.WaitForExitAsync waits for redirected output too only when it is read with BeginOutputReadLine, which
    // ProcessRunner does not use, so this waits for the exit alone.
    private static async Task WaitForExitAsync(Process process, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Still dying; the members loop below keeps at it until the limit.
        }
    }

    private static void KillById(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            Kill(process);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // It exited between the look-up and the kill, or it is not ours to kill; either way there is nothing left to do.
        }
    }

    private static bool HasVariable(int pid, byte[] needle)
    {
        // Gone, or another user's: not ours either way.
        if (ProcFs.Read(pid, "environ") is not { } environment)
        {
            return false;
        }
        // Entries are NUL-separated NAME=value; the name must start an entry.
        for (var at = environment.AsSpan().IndexOf(needle); at >= 0; at = NextMatch(environment, needle, at))
        {
            if (at == 0 || environment[at - 1] == 0)
            {
                return true;
            }
        }
        return false;
    }

    private static int NextMatch(byte[] environment, byte[] needle, int previous)
    {
        var next = environment.AsSpan(previous + 1).IndexOf(needle);
        return next < 0 ? -1 : previous + 1 + next;
    }
}
