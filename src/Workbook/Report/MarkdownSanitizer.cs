using Ganss.Xss;

namespace Workbook.Report;

/// <summary>
/// Cleans the HTML of a rendered markdown cell as Jupyter does for an untrusted notebook: an allow-list of tags and
/// attributes (HtmlSanitizer's defaults, which drop scripts, event handlers and <c>javascript:</c> links) without
/// inline styles, plus two rules that keep a page offline: links may still point anywhere, since following one is the
/// reader's choice, but nothing else may load from an address with a scheme other than <c>data:</c>.
/// </summary>
internal static class MarkdownSanitizer
{
    private static readonly HtmlSanitizer Cleaner = Create();

    /// <summary><paramref name="html"/> with everything off the allow-list removed.</summary>
    public static string Clean(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Cleaner.Sanitize(html);
    }

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        // Markdig's math spans and heading anchors; a style could load an image or font from the network.
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("style");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("data");
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = Allowed(e.Tag.LocalName, e.SanitizedUrl);
        return sanitizer;
    }

    // A link keeps its web or mail address; anything else that loads keeps only a relative path or a data: URL.
    private static string? Allowed(string tag, string? url)
    {
        if (url is null || !url.Contains(':', StringComparison.Ordinal))
        {
            return url;
        }
        var data = url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
        return tag is "a" or "area" ? (data ? null : url) : (data ? url : null);
    }
}
