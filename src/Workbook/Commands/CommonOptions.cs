using Workbook.Setup;

namespace Workbook.Commands;

/// <summary>The options several commands share, with one help text and one check each.</summary>
internal static class CommonOptions
{
    /// <summary><c>--repository PATH</c>: the checkout to work on.</summary>
    public static readonly OptionSpec RepositoryOption = new(
        "--repository", "PATH", "The checkout to use (default: the one this program was built in, wherever it runs from).");

    /// <summary><c>--artifacts PATH</c>: where the command's output goes.</summary>
    public static readonly OptionSpec ArtifactsOption = new(
        "--artifacts", "PATH",
        $"Where executed copies, the report, the apps and test results go (default: the folder {Repository.ArtifactsVariable} names, " +
            $"else <repository>/artifacts).");

    /// <summary>The checkout <c>--repository</c> names (default: the runner's own), with its artifacts where
    /// <c>--artifacts</c> puts them.</summary>
    /// <exception cref="UsageException">A folder given is missing, or the artifacts path names a file.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder is not inside a LowRankNotebooks checkout.</exception>
    public static Repository Checkout(ParsedArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var repository = Repository.Find(arguments.Get<string?>(RepositoryOption.Name,
            v => ArgumentValues.ExistingFolder(RepositoryOption.Name, v), null));
        return arguments.Get<string?>(ArtifactsOption.Name, v => ArgumentValues.OutputFolder(ArtifactsOption.Name, v),
            null) is { } artifacts
            ? repository with { Artifacts = artifacts }
            : repository;
    }
}
