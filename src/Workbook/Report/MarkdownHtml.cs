using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Workbook.Report;

/// <summary>
/// Renders a notebook's markdown cell to HTML for the report. LaTeX is parsed as math (Markdig's mathematics extension)
/// so that <c>_</c>, <c>*</c> and <c>\\</c> inside <c>$...$</c> and <c>$$...$$</c> reach KaTeX untouched, wrapped in
/// <c>class="math"</c> elements that the report's script typesets (inline math wrapped over lines is joined first, see
/// <see cref="InlineMathLines"/>); links to other notebooks point at their pages; raw HTML is cleaned by
/// <see cref="MarkdownSanitizer"/>.
/// </summary>
internal static class MarkdownHtml
{
    /// <summary>The class added to <c>$$...$$</c> written inside a paragraph, which KaTeX sets as display math like a
    /// <c>$$</c> block.</summary>
    public const string DisplayClass = "display";

    // Only what the notebooks use: no generic attributes or smarty pants, which would rewrite braces and quotes in text,
    // and of the emphasis extras only ~~strikethrough~~, since ^superscript^ and ~subscript~ would take marks from prose.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .UseAutoIdentifiers()
        .Build();

    /// <summary>The HTML for <paramref name="markdown"/>.</summary>
    public static string Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(InlineMathLines.Join(markdown), Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.Url = PageLink(link.Url);
        }
        foreach (var math in document.Descendants<MathInline>().Where(m => m.DelimiterCount >= 2))
        {
            math.GetAttributes().AddClass(DisplayClass);
        }
        return MarkdownSanitizer.Clean(document.ToHtml(Pipeline));
    }

    /// <summary>
    /// A link as the report needs it: a relative link to a notebook (<c>02-x.ipynb</c>, <c>../01-x.ipynb#part</c>) goes to
    /// that notebook's page; links with a scheme, absolute paths and other files are kept.
    /// </summary>
    public static string? PageLink(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Contains(':', StringComparison.Ordinal) || url.StartsWith('/') || url.StartsWith('#'))
        {
            return url;
        }
        var end = url.IndexOfAny(['#', '?']);
        var path = end < 0 ? url : url[..end];
        return path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)
            ? path[..^".ipynb".Length] + ".html" + (end < 0 ? "" : url[end..])
            : url;
    }
}
