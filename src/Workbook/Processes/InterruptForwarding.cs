using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;

namespace Workbook.Processes;

/// <summary>
/// Makes a SIGINT sent to the <c>dotnet run</c> process alone (an IDE's or a CI's stop button) reach the runner, which
/// then stops as on Ctrl+C. MSBuild runs this task inside <c>dotnet run</c>'s own process, after the
/// <c>ComputeRunArguments</c> target that <c>dotnet run</c> builds in-process to learn what to start (Workbook.csproj).
/// </summary>
/// <remarks>
/// The SDK's <c>dotnet run</c> cancels SIGINT for itself and passes nothing on (Execute of
/// Microsoft.DotNet.Cli.Commands.Run.RunCommand in dotnet.dll, and ProcessReaper in Microsoft.DotNet.Cli.Utils.dll, each
/// set <c>Cancel</c> in a Console.CancelKeyPress handler; on Unix the reaper's <c>CloseMainWindow</c> does nothing): it
/// counts on the terminal signalling the whole process group. It passes SIGTERM on by itself (its SIGTERM handler exits,
/// and the reaper sends SIGTERM to the child on the way out). Public because MSBuild loads only public task classes.
/// </remarks>
public sealed class ForwardInterruptToRun : ITask
{
    /// <inheritdoc/>
    public IBuildEngine? BuildEngine { get; set; }

    /// <inheritdoc/>
    public ITaskHost? HostObject { get; set; }

    /// <summary>The program <c>dotnet run</c> starts (the <c>RunCommand</c> property: the runner's apphost).</summary>
    [Required]
    public string RunCommand { get; set; } = "";

    /// <summary>Starts forwarding SIGINT on Linux; does nothing elsewhere. Never fails the run.</summary>
    public bool Execute()
    {
        if (OperatingSystem.IsLinux() && !string.IsNullOrWhiteSpace(RunCommand))
        {
            try
            {
                InterruptForwarding.Install(RunCommand);
            }
            catch (Exception e) when (e is PlatformNotSupportedException or IOException or System.ComponentModel.Win32Exception)
            {
                // No signal handling to hook into: the run goes on as without this task, stopped by SIGTERM or Ctrl+C.
            }
        }
        return true;
    }
}

/// <summary>
/// The SIGINT handler <see cref="ForwardInterruptToRun"/> leaves in the <c>dotnet run</c> process: each SIGINT is sent
/// on to the children of this process that were started as the run command. Linux only (/proc).
/// </summary>
internal static class InterruptForwarding
{
    private const int Sigint = 2;
    private static readonly Lock Gate = new();
    private static string command = "";

    // Kept for the life of the process: a registration that is collected stops handling the signal.
    private static PosixSignalRegistration? registration;

    /// <summary>Forwards every later SIGINT this process receives to its children started as <paramref name="runCommand"/>.</summary>
    public static void Install(string runCommand)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runCommand);
        lock (Gate)
        {
            command = runCommand;
            // Context.Cancel is left as the SDK's own handler sets it: this one adds the forwarding, nothing else.
            registration ??= PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Forward());
        }
    }

    private static void Forward()
    {
        string target;
        lock (Gate)
        {
            target = command;
        }
        try
        {
            foreach (var child in ChildrenStartedAs(Environment.ProcessId, target))
            {
                // A child that has just exited is not an error: there is nothing left to stop.
                _ = Kill(child, Sigint);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // No readable /proc or no kill() to call: the SIGINT stays with `dotnet run`, as without this handler, rather
            // than crash it from its signal handling.
        }
    }

    /// <summary>
    /// The ids of the processes whose parent is <paramref name="parent"/> and whose first argument is
    /// <paramref name="program"/>, as <c>dotnet run</c> starts its program (by full path).
    /// </summary>
    public static IReadOnlyList<int> ChildrenStartedAs(int parent, string program)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parent);
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        return ProcFs.OtherProcesses()
            .Where(pid => ProcFs.StatFields(pid) is { Length: > 1 } fields && fields[1] == parent.ToString(CultureInfo.InvariantCulture)
                && FirstArgumentOf(pid) == program)
            .ToArray();
    }

    private static string? FirstArgumentOf(int pid)
    {
        if (ProcFs.Read(pid, "cmdline") is not { } arguments)
        {
            return null;
        }
        var end = Array.IndexOf(arguments, (byte)0);
        return Encoding.UTF8.GetString(arguments, 0, end < 0 ? arguments.Length : end);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
