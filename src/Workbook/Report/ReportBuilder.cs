using System.Diagnostics;
using System.Globalization;
using System.Text;
using Workbook.Notebooks;

namespace Workbook.Report;

/// <summary>
/// Writes the workbook's HTML report from executed notebooks: <c>index.html</c>, one page per notebook under its
/// path relative to notebooks/, and the assets the pages load. The pages open from disk with no network and no .NET.
/// </summary>
internal static class ReportBuilder
{
    /// <summary>How long a report waits for another one being written to the same folder to finish.</summary>
    public static TimeSpan LockWait { get; } = TimeSpan.FromMinutes(2);

    private const string StagingSuffix = ".partial";
    private const string RetiredSuffix = ".old";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Builds the report in <paramref name="output"/> from the executed copies in <paramref name="executedFolder"/> of the
    /// notebooks <paramref name="names"/> (relative to notebooks/, in the order the pages follow one another), see
    /// <see cref="Write(IReadOnlyList{ReportPage}, string)"/>.
    /// </summary>
    /// <returns>The pages written, in order.</returns>
    public static IReadOnlyList<ReportPage> Write(string executedFolder, IEnumerable<string> names, string output)
    {
        ArgumentNullException.ThrowIfNull(names);
        return Write(names.Select(name => Load(executedFolder, name)).ToArray(), output);
    }

    /// <summary>
    /// Writes <paramref name="pages"/> as the report in <paramref name="output"/>. The report is built in a sibling
    /// folder and swapped in by renaming, under a lock, so a killed or concurrent report never leaves it half written;
    /// what an earlier killed report left is removed. A folder that holds something else is refused rather than emptied.
    /// </summary>
    /// <returns>The pages, in order.</returns>
    public static IReadOnlyList<ReportPage> Write(IReadOnlyList<ReportPage> pages, string output)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        if (pages.Count == 0)
        {
            throw new InvalidOperationException($"No executed notebooks to report on for {output}.");
        }
        output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        using var gate = Lock(output);
        RemoveLeftovers(output);
        RefuseOtherContent(output);
        var staging = Sibling(output, StagingSuffix);
        ReportAssets.Write(Path.Combine(staging, ReportPaths.Assets));
        foreach (var navigation in ReportNavigation.For(pages))
        {
            WritePage(staging, navigation.Page.Path, NotebookPageHtml.Render(navigation));
        }
        WritePage(staging, ReportPaths.Index, IndexPageHtml.Render(pages));
        Swap(staging, output);
        return pages;
    }

    /// <summary>The page of the executed copy of <paramref name="name"/> in <paramref name="executedFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such copy.</exception>
    /// <exception cref="InvalidDataException">The copy is not a notebook; the message names it.</exception>
    public static ReportPage Load(string executedFolder, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executedFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.Combine(executedFolder, name.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no executed copy of {name} at {path}.", path);
        }
        var notebook = NotebookDocument.Load(path);
        return new ReportPage(name, NotebookTitle.Of(notebook, Path.GetFileNameWithoutExtension(name)), notebook);
    }

    // An exclusive lock on a file beside the report (flock on Unix), released by the system when its holder dies.
    private static FileStream Lock(string output)
    {
        var parent = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(parent);
        var path = Path.Combine(parent, $".{Path.GetFileName(output)}.lock");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < LockWait)
            {
                Thread.Sleep(100);
            }
            catch (IOException e)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture,
                    $"another report has been writing to {output} for over {LockWait.TotalSeconds:0} s ({e.Message})"), e);
            }
        }
    }

    // Only a report (or an empty folder) is replaced. A folder with the report's assets but no index is what an
    // earlier version left when it was killed mid-write: a report too.
    private static void RefuseOtherContent(string output)
    {
        if (!Directory.Exists(output) || !Directory.EnumerateFileSystemEntries(output).Any()
            || File.Exists(Path.Combine(output, ReportPaths.Index))
            || File.Exists(Path.Combine(output, ReportPaths.Assets, ReportAssets.ReportScript)))
        {
            return;
        }
        throw new InvalidOperationException($"{output} exists and is not a report (it has no {ReportPaths.Index}); not writing over it.");
    }

    // Under the lock no other report is being written, so every staging or retired folder is an earlier one's leftover.
    private static void RemoveLeftovers(string output)
    {
        var parent = Path.GetDirectoryName(output)!;
        var prefix = $".{Path.GetFileName(output)}.";
        foreach (var folder in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            if (folder.EndsWith(StagingSuffix, StringComparison.Ordinal) || folder.EndsWith(RetiredSuffix, StringComparison.Ordinal))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    // Two renames: between them there is briefly no report, never a partial one.
    private static void Swap(string staging, string output)
    {
        var retired = Directory.Exists(output) ? Sibling(output, RetiredSuffix) : null;
        if (retired is not null)
        {
            Directory.Move(output, retired);
        }
        Directory.Move(staging, output);
        if (retired is not null)
        {
            Directory.Delete(retired, recursive: true);
        }
    }

    private static string Sibling(string output, string suffix) =>
        Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}{suffix}");

    private static void WritePage(string output, string page, string html)
    {
        var path = Path.Combine(output, page.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, html, Utf8);
    }
}
