using System.Diagnostics;
using System.Text;

namespace Workbook;

/// <summary>The exit code and captured output of a finished child process.</summary>
/// <param name="ExitCode">The process's exit code, or -1 when it was stopped for running too long.</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
/// <param name="Elapsed">Wall-clock time from start to exit.</param>
public sealed record ProcessResult(int ExitCode, string Output, TimeSpan Elapsed);

/// <summary>Starts child processes without a shell, so arguments pass unchanged on every platform.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> to completion, capturing its output; stops it after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        Action<string>? onLine = null, IReadOnlyDictionary<string, string>? environment = null)
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

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            onLine?.Invoke(e.Data);
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            lock (output)
            {
                output.AppendLine($"Stopped after {timeout.TotalSeconds:0} s: {fileName} {string.Join(' ', start.ArgumentList)}");
            }
            return new ProcessResult(-1, output.ToString(), clock.Elapsed);
        }
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString(), clock.Elapsed);
        }
    }
}
