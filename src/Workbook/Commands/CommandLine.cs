using System.Text;

namespace Workbook.Commands;

/// <summary>An option of a command: its name, the placeholder its value is shown as, and one line of help.</summary>
/// <param name="Name">The option as typed, e.g. <c>--jobs</c>.</param>
/// <param name="Placeholder">How help and errors show its value, e.g. <c>N</c>.</param>
/// <param name="Help">What it does and its default.</param>
internal sealed record OptionSpec(string Name, string Placeholder, string Help)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Placeholder}";
}

/// <summary>What a command accepts: its operands, its options, and whether it passes other arguments on.</summary>
/// <param name="Name">The command's name, the first argument.</param>
/// <param name="Summary">One line for the list of commands.</param>
/// <param name="Operands">How its operands are shown (<c>[NOTEBOOK.ipynb ...]</c>), or empty when it takes none.</param>
/// <param name="Options">Its options, without <c>--help</c>, which every command has.</param>
/// <param name="Description">The help text under the usage line.</param>
/// <param name="PassesOthersOn">Whether arguments that are not its options go to the program it runs (<c>test</c> to
/// <c>dotnet test</c>).</param>
internal sealed record CommandSpec(
    string Name, string Summary, string Operands, IReadOnlyList<OptionSpec> Options, string Description, bool PassesOthersOn = false)
{
    /// <summary>The command line that runs it, as the README writes it.</summary>
    public string Usage => $"{CommandLine.Prefix} {Name}{(Operands.Length > 0 ? " " + Operands : "")}" +
        string.Concat(Options.Select(o => $" [{o}]")) + (PassesOthersOn ? " [dotnet test options]" : "");
}

/// <summary>A command's arguments once parsed: each option's value by name, the operands, and the arguments passed on.</summary>
/// <param name="Spec">The command they were parsed for.</param>
/// <param name="Values">The value of each option given, by its name.</param>
/// <param name="Operands">The operands, in order.</param>
/// <param name="Others">The arguments passed on to the program the command runs, in order.</param>
/// <param name="Help">Whether <c>--help</c> or <c>-h</c> was given.</param>
internal sealed record ParsedArguments(
    CommandSpec Spec, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Operands, IReadOnlyList<string> Others, bool Help)
{
    /// <summary>The value of <paramref name="option"/> converted by <paramref name="convert"/>, or <paramref
    /// name="absent"/> when it was not given.</summary>
    public T Get<T>(string option, Func<string, T> convert, T absent)
    {
        ArgumentNullException.ThrowIfNull(convert);
        return Values.TryGetValue(option, out var value) ? convert(value) : absent;
    }
}

/// <summary>
/// The one parser of every command: <c>--name VALUE</c> or <c>--name=VALUE</c> options, operands, and <c>--help</c>;
/// what does not fit is a <see cref="UsageException"/> naming the argument, its value and what is allowed.
/// </summary>
internal static class CommandLine
{
    /// <summary>How the README starts every command line.</summary>
    public const string Prefix = "dotnet run --project src/Workbook -c Release --";

    private static readonly string[] HelpFlags = ["--help", "-h"];

    /// <summary>Parses <paramref name="arguments"/> (those after the command's name) as <paramref name="spec"/> allows.</summary>
    /// <exception cref="UsageException">An argument is unknown, an option misses its value or is given twice.</exception>
    public static ParsedArguments Parse(CommandSpec spec, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(arguments);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var operands = new List<string>();
        var others = new List<string>();
        var help = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var (name, inline) = argument.StartsWith("--", StringComparison.Ordinal) && argument.IndexOf('=',
                StringComparison.Ordinal) is > 2 and var at
                ? (argument[..at], argument[(at + 1)..])
                : (argument, null);
            if (HelpFlags.Contains(argument, StringComparer.Ordinal))
            {
                help = true;
            }
            else if (spec.Options.FirstOrDefault(o => o.Name == name) is { } option)
            {
                // A value may start with one '-' (a negative number is refused by its converter, saying why), not with two.
                var value = inline ?? (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--",
                    StringComparison.Ordinal) ? arguments[++i] : null)
                    ?? throw new UsageException($"'{name}' needs a value: {option}.");
                if (!values.TryAdd(name, value))
                {
                    throw new UsageException($"'{name}' is given twice ({values[name]} and {value}); give it once.");
                }
            }
            else if (spec.PassesOthersOn)
            {
                others.Add(argument);
            }
            else if (IsOption(argument))
            {
                throw new UsageException($"'{argument}' is not an option of {spec.Name}; it takes {Allowed(spec)}.");
            }
            else if (spec.Operands.Length > 0)
            {
                operands.Add(argument);
            }
            else
            {
                throw new UsageException($"'{argument}': {spec.Name} takes no operands, only {Allowed(spec)}.");
            }
        }
        return new ParsedArguments(spec, values, operands, others, help);
    }

    /// <summary>The help of one command: its usage line, its description and its options, one line each.</summary>
    public static string Help(CommandSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = new StringBuilder().AppendLine($"Usage: {spec.Usage}").AppendLine().AppendLine(spec.Description);
        (string Name, string Help)[] options = [.. spec.Options.Select(o => (o.ToString(), o.Help)), ("--help, -h", "Show this help.")];
        var width = options.Max(o => o.Name.Length);
        text.AppendLine().AppendLine("Options:");
        foreach (var (name, help) in options)
        {
            text.AppendLine($"  {name.PadRight(width)}  {help}");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>The list of commands, each with its summary, for <c>--help</c> without a command.</summary>
    public static string Overview(IReadOnlyList<CommandSpec> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var width = commands.Max(c => c.Name.Length);
        var text = new StringBuilder().AppendLine($"Usage: {Prefix} <command> [options]").AppendLine().AppendLine("Commands:");
        foreach (var command in commands)
        {
            text.AppendLine($"  {command.Name.PadRight(width)}  {command.Summary}");
        }
        return text.AppendLine().Append($"Run '{Prefix} <command> --help' for a command's options.").ToString();
    }

    private static bool IsOption(string argument) => argument.StartsWith('-') && argument.Length > 1;

    private static string Allowed(CommandSpec spec) =>
        spec.Options.Count == 0 ? "--help" : string.Join(", ", spec.Options) + (spec.Operands.Length > 0 ? $" and {spec.Operands}" : "");
}

/// <summary>An argument a command does not accept; the message names it, its value and what is allowed.</summary>
internal sealed class UsageException : ArgumentException
{
    /// <summary>Creates the exception with a message that names the argument, its value and what is allowed.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
