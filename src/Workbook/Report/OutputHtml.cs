using System.Globalization;
using System.Net;
using Workbook.Notebooks;

namespace Workbook.Report;

/// <summary>The HTML for one output of a code cell, shown under the cell as a notebook front end shows it.</summary>
internal static class OutputHtml
{
    /// <summary>The most lines of one text output a page shows; Jupyter front ends cut long outputs alike.</summary>
    public const int MaxLines = 2000;

    /// <summary>The most characters of one text output a page shows.</summary>
    public const int MaxCharacters = 200_000;

    /// <summary>The largest HTML output a page shows (a chart page's plotly.js is about 3.6 MB).</summary>
    public const int MaxHtmlCharacters = 16_000_000;

    /// <summary>
    /// Stream text as preformatted text; rich outputs by their richest type the report can show (HTML, then a PNG or
    /// SVG image, then plain text); errors by name and message. An output with nothing to show, or the kernel's passing
    /// package progress, gives an empty string.
    /// </summary>
    public static string Render(CellOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.OutputType switch
        {
            // A live front end replaces the kernel's package progress with its "Installed Packages" list; a page shows only the list.
            _ when output.IsPackageProgress => "",
            "stream" => Preformatted(output.StreamName == "stderr" ? "output stderr" : "output stream", output.Text ?? ""),
            "error" => Preformatted("output error", $"{output.ErrorName}: {output.ErrorValue}"),
            _ when output.Data.TryGetValue("text/html", out var html) => html.Length > MaxHtmlCharacters
                ? Preformatted("output cut", string.Create(CultureInfo.InvariantCulture,
                    $"An HTML output of {html.Length:N0} characters is not shown here; the executed copy holds it."))
                : $"<div class=\"output html\">\n{html}\n</div>\n",
            _ when output.Data.TryGetValue("image/svg+xml", out var svg) => $"<div class=\"output image\">\n{svg}\n</div>\n",
            _ when output.Data.TryGetValue("image/png", out var png) =>
                $"<div class=\"output image\"><img alt=\"\" src=\"data:image/png;base64,{png.Trim()}\"></div>\n",
            _ when output.Data.TryGetValue("text/plain", out var text) => Preformatted("output plain", text),
            _ => "",
        };
    }

    private static string Preformatted(string classes, string text)
    {
        var (shown, note) = Cut(text.TrimEnd('\n'));
        var html = $"<pre class=\"{classes}\">{WebUtility.HtmlEncode(shown)}</pre>\n";
        return note is null ? html : html + $"<p class=\"output cut\">{WebUtility.HtmlEncode(note)}</p>\n";
    }

    /// <summary>
    /// The first <see cref="MaxLines"/> lines of <paramref name="text"/>, at most <see cref="MaxCharacters"/> characters,
    /// and a note of what was cut (null when nothing was).
    /// </summary>
    public static (string Shown, string? Note) Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = Math.Min(text.Length, MaxCharacters);
        var lines = 0;
        for (var at = text.IndexOf('\n', StringComparison.Ordinal); at >= 0 && at < end; at = text.IndexOf('\n', at + 1))
        {
            if (++lines == MaxLines)
            {
                end = at;
                break;
            }
        }
        if (end == text.Length)
        {
            return (text, null);
        }
        var rest = text[end..].TrimStart('\n');
        var restLines = rest.Count(c => c == '\n') + 1;
        return (text[..end], string.Create(CultureInfo.InvariantCulture,
            $"… output cut here: {restLines:N0} more line(s), {rest.Length:N0} more characters; the executed copy holds all of it."));
    }
}
