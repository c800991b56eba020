using System.Globalization;
using Workbook.Setup;

namespace Workbook.Commands;

/// <summary>The run command's options, parsed and checked before anything runs.</summary>
/// <param name="Notebooks">The notebooks named on the command line (full paths); empty means the whole workbook.</param>
/// <param name="Jobs">How many notebooks run at once.</param>
/// <param name="Timeout">How long one notebook may run.</param>
/// <param name="Repository">The checkout named by <c>--repository</c>, or null for the one holding the runner.</param>
internal sealed record RunOptions(IReadOnlyList<string> Notebooks, int Jobs, TimeSpan Timeout, string? Repository)
{
    /// <summary>The longest <c>--timeout</c> accepted: a day, far past any notebook, well inside what a timer can hold.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>The per-notebook limit when <c>--timeout</c> is not given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Parses <c>[notebook.ipynb ...] [--jobs N] [--timeout SECONDS] [--repository PATH]</c>.</summary>
    /// <exception cref="ArgumentException">An argument is unknown, misses its value, or its value is out of range; the message says which and what is allowed.</exception>
    public static RunOptions Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var options = new RunOptions([], Environment.ProcessorCount, DefaultTimeout, null);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            options = argument switch
            {
                "--jobs" => options with { Jobs = JobCount(Value(arguments, ++i, argument)) },
                "--timeout" => options with { Timeout = Seconds(Value(arguments, ++i, argument)) },
                "--repository" => options with { Repository = Folder(Value(arguments, ++i, argument)) },
                _ => options with { Notebooks = [.. options.Notebooks, Notebook(argument)] },
            };
        }
        return options;
    }

    private static string Value(IReadOnlyList<string> arguments, int i, string option) =>
        i < arguments.Count ? arguments[i] : throw new ArgumentException($"'{option}' needs a value.");

    private static int JobCount(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new ArgumentException($"'--jobs {value}': N must be a whole number, at least 1.");

    private static TimeSpan Seconds(string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
        && seconds > 0 && seconds <= MaxTimeout.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"'--timeout {value}': SECONDS must be a number of seconds above 0 and at most {MaxTimeout.TotalSeconds:0} (a day)."));

    private static string Folder(string value) =>
        Directory.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"'--repository {value}': there is no such folder.");

    private static string Notebook(string value) =>
        value.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) && File.Exists(value)
            ? Path.GetFullPath(value)
            : throw new ArgumentException($"'{value}' is neither an existing .ipynb file nor an option (--jobs N, --timeout SECONDS, --repository PATH).");
}
