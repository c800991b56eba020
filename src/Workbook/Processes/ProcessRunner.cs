using System.Diagnostics;
using System.Text;

namespace Workbook.Processes;

/// <summary>
/// Starts child processes without a shell, so arguments pass unchanged on every platform, and ends each within its
/// limit whatever it leaves behind: the wait is for the child's exit, not for the end of its output, which a process
/// it started can hold open for ever.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>How long output is still read after the child exited (or was killed) before the run ends without the rest.</summary>
    public static TimeSpan OutputGrace { get; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs <paramref name="fileName"/> to completion, capturing its output. After <paramref name="timeout"/>, or when
    /// <paramref name="cancellationToken"/> is cancelled, it is killed with every process it started.
    /// </summary>
    /// <param name="fileName">The program, found on the PATH when it is a bare name.</param>
    /// <param name="arguments">Its arguments, passed as they are.</param>
    /// <param name="workingDirectory">The folder it runs in.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="onLine">Called with each line of output as it arrives, possibly from two threads at once.</param>
    /// <param name="environment">Variables set for it on top of this process's environment.</param>
    /// <param name="stopLeftovers">
    /// Whether processes it started and left running are killed once it exited. True for notebooks, whose cells may start
    /// anything; false for builds, whose compiler and MSBuild servers are meant to outlive them.
    /// </param>
    /// <param name="cancellationToken">Stops the process early; the result then says <see cref="ProcessEnd.Cancelled"/>.</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        Action<string>? onLine = null, IReadOnlyDictionary<string, string>? environment = null,
        bool stopLeftovers = true, CancellationToken cancellationToken = default)
    {
        var tree = new ProcessTree();
        var start = StartInfo(fileName, arguments, workingDirectory, environment);
        tree.Mark(start);
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        process.StandardInput.Close();
        var reading = Task.WhenAll(Pump(process.StandardOutput, output, onLine), Pump(process.StandardError, output, onLine));

        var end = await WaitForExitAsync(process, timeout, cancellationToken).ConfigureAwait(false);
        if (end != ProcessEnd.Exited || stopLeftovers)
        {
            await tree.StopAsync(process).ConfigureAwait(false);
        }
        // Whatever is already in the pipes is still read; a pipe some survivor holds open is given up on after the grace.
        await Task.WhenAny(reading, Task.Delay(OutputGrace, CancellationToken.None)).ConfigureAwait(false);
        lock (output)
        {
            if (end != ProcessEnd.Exited)
            {
                output.AppendLine(StoppedLine(end, timeout, fileName, start.ArgumentList));
            }
            return new ProcessResult(end == ProcessEnd.Exited ? process.ExitCode : -1, output.ToString(), clock.Elapsed, end);
        }
    }

    private static ProcessStartInfo StartInfo(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // A child that asks for the terminal would otherwise print colour codes into captured logs.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return start;
    }

    // Process.WaitForExitAsync waits for the end of the output too, but only for output read with BeginOutputReadLine;
    // Pump reads the streams itself, so this waits for the exit alone.
    private static async Task<ProcessEnd> WaitForExitAsync(Process process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            return ProcessEnd.Exited;
        }
        catch (OperationCanceledException)
        {
            return cancellationToken.IsCancellationRequested ? ProcessEnd.Cancelled : ProcessEnd.TimedOut;
        }
    }

    private static async Task Pump(StreamReader reader, StringBuilder output, Action<string>? onLine)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
                onLine?.Invoke(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The run ended and disposed the stream while a survivor still held the pipe: what was read is kept.
        }
    }

    private static string StoppedLine(ProcessEnd end, TimeSpan timeout, string fileName, IEnumerable<string> arguments)
    {
        var why = end == ProcessEnd.TimedOut
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Stopped after {timeout.TotalSeconds:0.###} s")
            : "Stopped on request";
        return $"{why}: {fileName} {string.Join(' ', arguments)}";
    }
}
