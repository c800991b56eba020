using System.Net;
using Workbook.Notebooks;

namespace Workbook.Report;

/// <summary>The HTML for one output of a code cell, shown under the cell as a notebook front end shows it.</summary>
internal static class OutputHtml
{
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
            _ when output.Data.TryGetValue("text/html", out var html) => $"<div class=\"output html\">\n{html}\n</div>\n",
            _ when output.Data.TryGetValue("image/svg+xml", out var svg) => $"<div class=\"output image\">\n{svg}\n</div>\n",
            _ when output.Data.TryGetValue("image/png", out var png) =>
                $"<div class=\"output image\"><img alt=\"\" src=\"data:image/png;base64,{png.Trim()}\"></div>\n",
            _ when output.Data.TryGetValue("text/plain", out var text) => Preformatted("output plain", text),
            _ => "",
        };
    }

    private static string Preformatted(string classes, string text) =>
        $"<pre class=\"{classes}\">{WebUtility.HtmlEncode(text.TrimEnd('\n'))}</pre>\n";
}
