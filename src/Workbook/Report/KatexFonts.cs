using System.Text.RegularExpressions;

namespace Workbook.Report;

/// <summary>
/// Puts KaTeX's woff2 fonts into its stylesheet as data URLs. Browsers treat fonts as cross-origin resources, and some
/// (Firefox) refuse a font file from a parent folder of a page opened from disk, as the solutions' pages would need;
/// fonts inside the stylesheet load everywhere.
/// </summary>
internal static partial class KatexFonts
{
    /// <summary>
    /// <paramref name="css"/> with each <c>url(fonts/NAME.woff2)</c> replaced by the data URL of <paramref name="font"/>(NAME.woff2)
    /// and the woff and ttf fallbacks after it dropped (every browser that reads woff2 stops at the first source).
    /// </summary>
    public static string Inline(string css, Func<string, byte[]> font)
    {
        ArgumentNullException.ThrowIfNull(css);
        ArgumentNullException.ThrowIfNull(font);
        var withoutFallbacks = Fallback().Replace(css, "");
        return Woff2().Replace(withoutFallbacks, m =>
            $"url(data:font/woff2;base64,{Convert.ToBase64String(font(m.Groups["file"].Value))})");
    }

    [GeneratedRegex(@"url\(fonts/(?<file>[A-Za-z0-9_.-]+\.woff2)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Woff2();

    [GeneratedRegex(@",\s*url\(fonts/[A-Za-z0-9_.-]+\.(?:woff|ttf)\)\s*format\(""(?:woff|truetype)""\)", RegexOptions.CultureInvariant)]
    private static partial Regex Fallback();
}
