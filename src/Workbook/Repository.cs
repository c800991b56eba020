namespace Workbook;

/// <summary>The folders of a LowRankNotebooks checkout, found from any folder inside it.</summary>
/// <param name="Root">The folder holding LowRankNotebooks.sln.</param>
public sealed record Repository(string Root)
{
    /// <summary>The solution file's name, which marks the repository's root.</summary>
    public const string SolutionFile = "LowRankNotebooks.sln";

    /// <summary>Where the workbook's notebooks live.</summary>
    public string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Where executed notebooks and reports go (git-ignored).</summary>
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>
    /// Finds the repository that contains <paramref name="start"/>; without one, the current folder's, else the one
    /// this program was built in (so <c>dotnet run --project</c> works from any folder).
    /// </summary>
    public static Repository Find(string? start = null)
    {
        var starts = start is null ? new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory } : [start];
        foreach (var first in starts.Select(s => new DirectoryInfo(s)))
        {
            for (var folder = first; folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                {
                    return new Repository(folder.FullName);
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"No {SolutionFile} in '{starts[0]}' or any folder above it: run this from inside a LowRankNotebooks checkout.");
    }

    /// <summary>The workbook's notebooks, in file-name order (their numbering).</summary>
    public IReadOnlyList<string> ListNotebooks(string? folder = null) =>
        Directory.GetFiles(folder ?? Notebooks, "*.ipynb").Order(StringComparer.Ordinal).ToArray();
}
