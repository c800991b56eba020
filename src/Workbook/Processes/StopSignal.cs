using System.Runtime.InteropServices;

namespace Workbook.Processes;

/// <summary>
/// Turns SIGINT (Ctrl+C, an IDE's stop button) and SIGTERM (CI cancelling, <c>kill</c>) into a cancellation, so the
/// runner stops its child process trees and reports what did not finish instead of dying and orphaning the kernels.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;
    private string? received;

    private StopSignal()
    {
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    /// <summary>Starts listening for SIGINT and SIGTERM until disposed.</summary>
    public static StopSignal Listen() => new();

    /// <summary>Cancelled on the first stop signal.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>The first signal received (<c>SIGINT</c> or <c>SIGTERM</c>), or null.</summary>
    public string? Received => Volatile.Read(ref received);

    /// <summary>The conventional exit code for the signal received, 128 + its number: 130 for SIGINT, 143 for SIGTERM.</summary>
    public int ExitCode => Received == "SIGTERM" ? 143 : 130;

    /// <inheritdoc/>
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
        source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // Cancel the default (terminate at once): the runner exits by itself once its children are stopped.
        context.Cancel = true;
        Stop(context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT");
    }

    // On Windows Ctrl+Break arrives only here; on Unix Ctrl+C arrives here and as SIGINT, and the first one counts.
    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Stop("SIGINT");
    }

    private void Stop(string signal)
    {
        if (Interlocked.CompareExchange(ref received, signal, null) is null)
        {
            source.Cancel();
        }
    }
}
