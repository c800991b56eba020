using System.Globalization;
using Workbook.Notebooks;

namespace Workbook.Commands;

/// <summary>
/// The run command's progress: a line for each step and for each notebook that starts and finishes, so a first run
/// that restores and builds does not look hung. On a terminal a status line under them, rewritten in place, also says
/// how many notebooks are done; redirected output (a CI log) gets the plain lines only.
/// </summary>
/// <param name="output">Where the lines go.</param>
/// <param name="live">Whether <paramref name="output"/> is a terminal, which can rewrite its last line.</param>
internal sealed class RunProgress(TextWriter output, bool live)
{
    private readonly Lock gate = new();
    private readonly List<string> running = [];
    private int done;
    private int total;
    private int statusLength;

    /// <summary>Progress on the console, live when standard output is a terminal.</summary>
    public static RunProgress ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    /// <summary>Prints a line above the status line.</summary>
    public void Line(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (gate)
        {
            ClearStatus();
            output.WriteLine(line);
            DrawStatus();
        }
    }

    /// <summary>Says that <paramref name="count"/> notebooks are about to run; the status line counts against it.</summary>
    public void Begin(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (gate)
        {
            total = count;
            done = 0;
        }
    }

    /// <summary>Prints that the notebook <paramref name="name"/> started.</summary>
    public void Started(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (gate)
        {
            running.Add(name);
            Line($"  {"started",-7} {name}");
        }
    }

    /// <summary>Prints a finished run's line and, for a failure, what failed, indented under it.</summary>
    public void Finished(NotebookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (gate)
        {
            running.Remove(run.Name);
            done++;
            Line(NotebookRunner.ProgressLine(run));
            if (!run.Succeeded && !run.Interrupted)
            {
                foreach (var line in run.FailureSummary.Split('\n'))
                {
                    Line($"          {line}");
                }
            }
        }
    }

    /// <summary>Removes the status line, before the summary.</summary>
    public void End()
    {
        lock (gate)
        {
            ClearStatus();
            total = 0;
        }
    }

    private void DrawStatus()
    {
        if (!live || total == 0)
        {
            return;
        }
        var status = string.Create(CultureInfo.InvariantCulture,
            $"[{done}/{total} done]{(running.Count > 0 ? " running: " + string.Join(", ", running) : "")}");
        // A status line that wraps could not be rewritten in place, so it is cut to the terminal's width.
        var width = Math.Max(20, WindowWidth() - 1);
        status = status.Length > width ? status[..(width - 1)] + "…" : status;
        output.Write(status);
        output.Flush();
        statusLength = status.Length;
    }

    private void ClearStatus()
    {
        if (statusLength > 0)
        {
            output.Write($"\r{new string(' ', statusLength)}\r");
            statusLength = 0;
        }
    }

    private static int WindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
