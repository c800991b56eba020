namespace Workbook.Processes;

/// <summary>How a child process came to an end.</summary>
internal enum ProcessEnd
{
    /// <summary>It exited by itself; its exit code is meaningful.</summary>
    Exited,

    /// <summary>It ran past its time limit and was stopped, with everything it started.</summary>
    TimedOut,

    /// <summary>The caller cancelled (e.g. the runner got SIGINT or SIGTERM) and it was stopped, with everything it started.</summary>
    Cancelled,
}

/// <summary>The exit code and captured output of a finished child process.</summary>
/// <param name="ExitCode">The process's exit code, or -1 when it was stopped (<paramref name="End"/> is not <see
/// cref="ProcessEnd.Exited"/>).</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
/// <param name="Elapsed">Wall-clock time from start to exit.</param>
/// <param name="End">Whether it exited or was stopped, and why.</param>
internal sealed record ProcessResult(int ExitCode, string Output, TimeSpan Elapsed, ProcessEnd End = ProcessEnd.Exited);
