using System.Globalization;
using Plotly.NET;

namespace LowRank.Notebooks;

/// <summary>
/// Shows, outside a notebook kernel, what a notebook cell's trailing expression would have displayed under the cell.
/// The file-based apps generated from the notebooks (<c>artifacts/apps/</c>) call <see cref="Show"/> where a cell ends
/// with a bare expression: a chart becomes a self-contained HTML page beside the app, a <see cref="Table"/> its aligned
/// text, the plotly.js loader nothing (the pages carry plotly.js themselves), anything else its <c>ToString()</c>.
/// </summary>
public sealed class AppDisplay
{
    /// <summary>
    /// The name of the AppContext entry in which .NET 10 tells a file-based app (<c>dotnet run app.cs</c>) the folder of
    /// its .cs file; the working folder may be any other.
    /// </summary>
    public const string EntryPointFolderKey = "EntryPointFileDirectoryPath";

    private readonly TextWriter output;
    private int charts;

    /// <summary>Creates a display that writes chart pages to <paramref name="folder"/> and text to <paramref name="output"/>.</summary>
    /// <param name="folder">The app's folder, where chart pages go; created when missing.</param>
    /// <param name="title">Names the pages: "title: chart n".</param>
    /// <param name="output">Where text goes; a console line names each chart page written.</param>
    public AppDisplay(string folder, string title, TextWriter output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(output);
        Folder = FullPath(folder);
        Title = title;
        this.output = output;
    }

    /// <summary>Where chart pages are written.</summary>
    public string Folder { get; }

    /// <summary>The title the pages are named after.</summary>
    public string Title { get; }

    /// <summary>
    /// The display of a file-based app: pages go beside its .cs file (the current folder when not run as one), named
    /// after that folder, and text goes to the console.
    /// </summary>
    public static AppDisplay ForEntryPoint()
    {
        var folder = AppContext.GetData(EntryPointFolderKey) as string is { Length: > 0 } entry ? entry : Directory.GetCurrentDirectory();
        return new AppDisplay(folder, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), Console.Out);
    }

    /// <summary>The file name of the <paramref name="number"/>th chart page: <c>chart-1.html</c>, <c>chart-2.html</c>, …</summary>
    public static string ChartFileName(int number) => "chart-" + ChartNumber(number).ToString(CultureInfo.InvariantCulture) + ".html";

    /// <summary>
    /// The console line that names a chart page. Apps print it in place of the chart, so a comparison of an app's text
    /// with a notebook's printed text drops exactly these lines.
    /// </summary>
    public static string ChartLine(int number, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return "Chart " + ChartNumber(number).ToString(CultureInfo.InvariantCulture) + " written to " + path;
    }

    private static int ChartNumber(int number, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(number))] string name = "")
        => number >= 1
            ? number
            : throw Guard.OutOfRange(name, $"{name} must be at least 1 (charts are numbered from 1), but was {number}.");

    /// <summary>Shows <paramref name="value"/> as the kernel would have shown a cell's trailing expression.</summary>
    /// <returns>The chart page's full path when a chart was written, otherwise null.</returns>
    /// <exception cref="IOException">The chart page cannot be written into <see cref="Folder"/>; the message names the folder.</exception>
    public string? Show(object? value)
    {
        switch (value)
        {
            case GenericChart chart:
                var number = charts + 1;
                var path = Path.Combine(Folder, ChartFileName(number));
                Write(path, ChartHtml.Page($"{Title}: chart {number.ToString(CultureInfo.InvariantCulture)}", [chart]));
                charts = number;
                // Relative to where the app was started, so the line is short and clickable in a terminal opened there.
                output.WriteLine(ChartLine(number, Path.GetRelativePath(Directory.GetCurrentDirectory(), path)));
                return path;
            case PlotlyLoader:
                // In a notebook the loader carries plotly.js onto the page; every chart page written here carries its own.
                return null;
            case Table table:
                output.WriteLine(table.ToString());
                return null;
            default:
                output.WriteLine(value);
                return null;
        }
    }

    private static string FullPath(string folder)
    {
        try
        {
            return Path.GetFullPath(folder);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"folder must be a valid path, but was \"{folder}\": {e.Message}", nameof(folder), e);
        }
    }

    /// <summary>The folder itself or the nearest of its parents that exists, when that is a file.</summary>
    private static string? ShadowingFile(string folder)
    {
        for (var path = folder; path is not null; path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return path;
            }
            if (Directory.Exists(path))
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// Writes a chart page, turning the file system's many ways of refusing (a file where the folder should be, a folder
    /// without write permission, a full disk) into one message that names the folder and what to do.
    /// </summary>
    private void Write(string path, string html)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, html);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = ShadowingFile(Folder) is { } file ? $"{file} is a file, not a folder." : e.Message;
            throw new IOException(
                $"Cannot write the chart page {Path.GetFileName(path)} into the folder {Folder}: {reason} Pass AppDisplay a folder " +
                $"that exists or can be created, and that this user can write to.",
                e);
        }
    }
}
