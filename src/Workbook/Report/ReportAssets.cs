using System.Reflection;

namespace Workbook.Report;

/// <summary>
/// The browser files the report's pages load from its assets folder: KaTeX and highlight.js, vendored from their npm
/// packages by exact version (Report/vendor/fetch.sh), and the report's own stylesheet and script. They are embedded in
/// this program, so writing a report needs neither the source tree's layout nor a network.
/// </summary>
internal static class ReportAssets
{
    /// <summary>The report's script, which typesets the math and highlights the code; loaded last on every page.</summary>
    public const string ReportScript = "report.js";

    private const string Prefix = "report-assets/";
    private const string KatexStylesheet = "katex/katex.min.css";

    /// <summary>Stylesheets every page links, relative to the assets folder.</summary>
    public static IReadOnlyList<string> Stylesheets { get; } = [KatexStylesheet, "highlight/github.min.css", "report.css"];

    /// <summary>Libraries every page loads in its head, relative to the assets folder.</summary>
    public static IReadOnlyList<string> Libraries { get; } = ["katex/katex.min.js", "highlight/highlight.min.js"];

    /// <summary>Files copied as they are: the pages' scripts and stylesheets (but KaTeX's, see <see
    /// cref="KatexFonts"/>) and the libraries' licences.</summary>
    public static IReadOnlyList<string> Copied { get; } =
        [.. Libraries, "highlight/github.min.css", "report.css", ReportScript, "katex/LICENSE", "highlight/LICENSE"];

    private static Assembly Assembly => typeof(ReportAssets).Assembly;

    /// <summary>Writes the assets into <paramref name="assetsFolder"/>, creating it; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string assetsFolder)
    {
        var written = new List<string>();
        foreach (var file in Copied)
        {
            written.Add(WriteFile(assetsFolder, file, Read(file)));
        }
        var katexCss = System.Text.Encoding.UTF8.GetString(Read(KatexStylesheet));
        var inlined = KatexFonts.Inline(katexCss, font => Read($"katex/fonts/{font}"));
        written.Add(WriteFile(assetsFolder, KatexStylesheet, System.Text.Encoding.UTF8.GetBytes(inlined)));
        return written;
    }

    /// <summary>An embedded asset's bytes, by its path relative to the assets folder.</summary>
    public static byte[] Read(string file)
    {
        // MSBuild's %(RecursiveDir) gives '\' on Windows, so names are compared with '/' separators.
        var name = Assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.Replace('\\', '/') == Prefix + file)
            ?? throw new InvalidOperationException(
                $"The report asset '{file}' is not embedded in {Assembly.GetName().Name}: run it from a complete checkout with the Quick " +
                    $"start's command, which builds it with the assets.");
        using var stream = Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string WriteFile(string folder, string file, byte[] content)
    {
        var path = Path.Combine(folder, file.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }
}
