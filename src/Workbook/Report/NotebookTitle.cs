using System.Text.RegularExpressions;
using Workbook.Notebooks;

namespace Workbook.Report;

/// <summary>A notebook's title as the report shows it: the text of its first level-1 heading.</summary>
internal static partial class NotebookTitle
{
    /// <summary>The first <c># heading</c> of the notebook's markdown cells, as plain text; else <paramref name="fallback"/>.</summary>
    public static string Of(NotebookDocument notebook, string fallback)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var heading = notebook.Cells
            .Where(c => c.CellType == "markdown")
            .SelectMany(c => c.Source.Split('\n'))
            .Select(l => Heading().Match(l))
            .FirstOrDefault(m => m.Success);
        return heading is null ? fallback : Plain(heading.Groups["text"].Value);
    }

    /// <summary>Heading text without the markdown marks a title bar cannot show: code ticks, emphasis stars, math dollars.</summary>
    public static string Plain(string heading) => Marks().Replace(heading, "").Trim();

    [GeneratedRegex(@"^#\s+(?<text>.+?)\s*#*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[`*$]", RegexOptions.CultureInvariant)]
    private static partial Regex Marks();
}
