namespace Workbook.Setup;

/// <summary>The folders of a LowRankNotebooks checkout, found from any folder inside it (shared with the benchmarks).</summary>
/// <param name="Root">The folder holding LowRankNotebooks.sln.</param>
internal sealed record Repository(string Root)
{
    /// <summary>The solution file's name, which marks the repository's root.</summary>
    public const string SolutionFile = "LowRankNotebooks.sln";

    /// <summary>Where the workbook's notebooks live.</summary>
    public string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Where the worked solutions live: one per lesson, under the lesson's file name.</summary>
    public string Solutions => Path.Combine(Notebooks, "solutions");

    /// <summary>The environment variable that moves <see cref="Artifacts"/> for a command and every command it starts.</summary>
    public const string ArtifactsVariable = "LOWRANK_ARTIFACTS";

    /// <summary>
    /// Where executed notebooks, the report, the apps and test results go: the folder <see cref="ArtifactsVariable"/>
    /// names when it is set, else artifacts/ in the checkout (git-ignored). A command's <c>--artifacts</c> sets it.
    /// </summary>
    public string Artifacts { get; init; } = ArtifactsFolder(Root, Environment.GetEnvironmentVariable(ArtifactsVariable));

    /// <summary>
    /// The artifacts folder of the checkout at <paramref name="root"/> given the value of <see cref="ArtifactsVariable"/>
    /// (null or empty: <c>artifacts/</c> under the root; a relative path is taken from the current folder, as a shell would).
    /// </summary>
    public static string ArtifactsFolder(string root, string? variable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        return string.IsNullOrEmpty(variable) ? Path.Combine(root, "artifacts") : Path.GetFullPath(variable);
    }

    /// <summary>
    /// Finds the repository that contains <paramref name="start"/>, or, without one, the repository that holds this
    /// program (its build output lies inside the checkout). Never the current folder's: <c>dotnet run --project</c>
    /// pointing at one checkout from inside another must run the checkout it names.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No folder at or above the start holds <see cref="SolutionFile"/>.</exception>
    public static Repository Find(string? start = null)
    {
        var first = Path.GetFullPath(start ?? AppContext.BaseDirectory);
        for (var folder = new DirectoryInfo(first); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return new Repository(folder.FullName);
            }
        }
        throw new DirectoryNotFoundException($"No {SolutionFile} in '{first}' or any folder above it, so it is not inside a " +
            $"LowRankNotebooks checkout.");
    }

    /// <summary>The workbook's lessons (or the notebooks directly in <paramref name="folder"/>), in file-name order
    /// (their numbering).</summary>
    public IReadOnlyList<string> ListNotebooks(string? folder = null) =>
        Directory.GetFiles(folder ?? Notebooks, "*.ipynb").Order(StringComparer.Ordinal).ToArray();

    /// <summary>The solutions in the <c>solutions</c> folder of <paramref name="folder"/> (default notebooks/), in
    /// file-name order; none when it is missing.</summary>
    public IReadOnlyList<string> ListSolutions(string? folder = null)
    {
        var solutions = Path.Combine(folder ?? Notebooks, "solutions");
        return Directory.Exists(solutions) ? ListNotebooks(solutions) : [];
    }

    /// <summary>Everything the run command executes: the lessons, then the solutions.</summary>
    public IReadOnlyList<string> ListWorkbook(string? folder = null) => [.. ListNotebooks(folder), .. ListSolutions(folder)];

    /// <summary>
    /// How runs and reports name a notebook: its path relative to <paramref name="folder"/> (default notebooks/) with
    /// '/' separators, e.g. <c>solutions/01-seeding-and-rank.ipynb</c>, or its file name when it lies outside that folder.
    /// </summary>
    public string RelativeName(string notebook, string? folder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebook);
        var relative = Path.GetRelativePath(Path.GetFullPath(folder ?? Notebooks), Path.GetFullPath(notebook));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? Path.GetFileName(notebook)
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The folder, relative to where executed copies and apps go, that holds those of notebooks from elsewhere.</summary>
    public const string OtherFolder = "other";

    /// <summary>
    /// Where a notebook's executed copy and app go, relative to their folder: a notebook under <paramref name="folder"/>
    /// (default notebooks/) at its <see cref="RelativeName"/>; any other at <c>other/HASH/NAME.ipynb</c>, HASH naming
    /// its folder, so a notebook from elsewhere that shares a lesson's file name cannot be taken for that lesson.
    /// </summary>
    public string ArtifactName(string notebook, string? folder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebook);
        var full = Path.GetFullPath(notebook);
        var relative = Path.GetRelativePath(Path.GetFullPath(folder ?? Notebooks), full);
        if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
        {
            return relative.Replace(Path.DirectorySeparatorChar, '/');
        }
        var where = System.Text.Encoding.UTF8.GetBytes(Path.GetDirectoryName(full)!);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(where))[..12];
        return $"{OtherFolder}/{hash}/{Path.GetFileName(full)}";
    }
}
