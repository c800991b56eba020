using System.Globalization;

namespace Workbook.Commands;

/// <summary>
/// The conversions of option values and operands that several commands share, so each value is checked one way and
/// refused with one message, naming the argument, its value and what is allowed.
/// </summary>
internal static class ArgumentValues
{
    /// <summary>The shortest <c>--timeout</c> accepted: a kernel alone takes about 3 s to start, so less can only fail.</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>--timeout</c> accepted: a day, far past any notebook, well inside what a timer can hold.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>An existing <c>.ipynb</c> file, as a full path.</summary>
    /// <exception cref="UsageException">The value does not end in .ipynb or names no file.</exception>
    public static string Notebook(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"'{value}': a notebook must be a .ipynb file.");
        }
        return File.Exists(value) ? Path.GetFullPath(value) : throw new UsageException($"'{value}': there is no such notebook.");
    }

    /// <summary>The value of <paramref name="option"/> as an existing folder, as a full path.</summary>
    /// <exception cref="UsageException">There is no folder there.</exception>
    public static string ExistingFolder(string option, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Directory.Exists(value) ? Path.GetFullPath(value) : throw new UsageException($"'{option} {value}': there is no such " +
            $"folder.");
    }

    /// <summary>The value of <paramref name="option"/> as a folder to write into, as a full path; it is created when missing.</summary>
    /// <exception cref="UsageException">The path is not valid here, or names a file.</exception>
    public static string OutputFolder(string option, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string full;
        try
        {
            full = Path.GetFullPath(value);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"'{option} {value}': not a valid path here ({e.Message})", e);
        }
        return File.Exists(full) ? throw new UsageException($"'{option} {value}': this is a file; PATH must be a folder, new or " +
            $"existing.") : full;
    }

    /// <summary><c>--jobs N</c>: a whole number of notebooks at once, from 1 to <see cref="int.MaxValue"/>.</summary>
    /// <exception cref="UsageException">The value is not a whole number in that range.</exception>
    public static int Jobs(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var digits = value.Length > 0 && value.All(char.IsAsciiDigit);
        if (digits && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            return n;
        }
        // Digits past int.MaxValue are a whole number, just too large: say that, not that it is no whole number.
        var tooMany = digits && value.TrimStart('0').Length > 0;
        throw new UsageException(tooMany
            ? string.Create(CultureInfo.InvariantCulture, $"'--jobs {value}': N must be at most {int.MaxValue}; more jobs than notebooks "
                + $"change nothing, so the number of notebooks is enough.")
            : string.Create(CultureInfo.InvariantCulture, $"'--jobs {value}': N must be a whole number from 1 to {int.MaxValue}."));
    }

    /// <summary><c>--timeout SECONDS</c>: a number of seconds from <see cref="MinTimeout"/> to <see cref="MaxTimeout"/>.</summary>
    /// <exception cref="UsageException">The value is not a number in that range.</exception>
    public static TimeSpan Timeout(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var allowed = string.Create(CultureInfo.InvariantCulture,
            $"SECONDS must be a number from {MinTimeout.TotalSeconds:0} (a kernel alone takes about 3 s to start) to " +
                $"{MaxTimeout.TotalSeconds:0} (a day)");
        // Compared as a decimal, exactly as written: as a double, 0.99999999999999999 would round up to 1 and pass.
        return decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture,
            out var seconds)
            && seconds >= (decimal)MinTimeout.TotalSeconds && seconds <= (decimal)MaxTimeout.TotalSeconds
            ? TimeSpan.FromSeconds((double)seconds)
            : throw new UsageException($"'--timeout {value}': {allowed}.");
    }
}
