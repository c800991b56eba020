using Workbook.Notebooks;

namespace Workbook.Report;

/// <summary>One notebook's page in the report.</summary>
/// <param name="Name">The notebook's path relative to notebooks/, e.g. <c>solutions/01-seeding-and-rank.ipynb</c>.</param>
/// <param name="Title">The notebook's title, from its first heading.</param>
/// <param name="Notebook">The executed copy the page shows.</param>
internal sealed record ReportPage(string Name, string Title, NotebookDocument Notebook)
{
    /// <summary>Where solutions live, relative to notebooks/ and to the report's root alike.</summary>
    public const string SolutionsFolder = "solutions/";

    /// <summary>The page's path relative to the report's root: the notebook's, with <c>.html</c> for <c>.ipynb</c>.</summary>
    public string Path => ReportPaths.PageFor(Name);

    /// <summary>True for a worked solution (a notebook in solutions/).</summary>
    public bool IsSolution => Name.StartsWith(SolutionsFolder, StringComparison.Ordinal);

    /// <summary>The name of the notebook this one pairs with: a lesson's solution, or a solution's lesson.</summary>
    public string CounterpartName => IsSolution ? Name[SolutionsFolder.Length..] : SolutionsFolder + Name;
}
