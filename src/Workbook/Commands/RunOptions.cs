using Workbook.Setup;

namespace Workbook.Commands;

/// <summary>The run command's options, parsed and checked before anything runs.</summary>
/// <param name="Notebooks">The notebooks named on the command line (full paths); empty means the whole workbook.</param>
/// <param name="Jobs">How many notebooks run at once.</param>
/// <param name="Timeout">How long one notebook may run.</param>
/// <param name="Repository">The checkout to run, with its artifacts where <c>--artifacts</c> puts them.</param>
internal sealed record RunOptions(IReadOnlyList<string> Notebooks, int Jobs, TimeSpan Timeout, Repository Repository)
{
    /// <summary>The per-notebook limit when <c>--timeout</c> is not given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Checks the parsed arguments of <c>run</c> and converts them.</summary>
    /// <exception cref="UsageException">A value is out of range or names no notebook or folder; the message says which
    /// and what is allowed.</exception>
    public static RunOptions From(ParsedArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new RunOptions(
            [.. arguments.Operands.Select(ArgumentValues.Notebook)],
            arguments.Get("--jobs", ArgumentValues.Jobs, Environment.ProcessorCount),
            arguments.Get("--timeout", ArgumentValues.Timeout, DefaultTimeout),
            CommonOptions.Checkout(arguments));
    }
}
