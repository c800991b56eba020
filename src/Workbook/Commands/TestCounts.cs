using System.Globalization;
using System.Xml.Linq;

namespace Workbook.Commands;

/// <summary>
/// The test counts of a <c>dotnet test</c> run, read from the TRX files its trx logger wrote rather than from the
/// console, whose summary line is worded (and translated) by VSTest.
/// </summary>
/// <param name="Passed">Tests that passed.</param>
/// <param name="Failed">Tests that failed, errored, timed out or were aborted.</param>
/// <param name="Skipped">Tests not executed (skipped).</param>
/// <param name="Files">How many TRX files were read, one per test project.</param>
internal sealed record TestCounts(int Passed, int Failed, int Skipped, int Files)
{
    /// <summary>Sums the <c>Counters</c> of every *.trx file in <paramref name="folder"/>; null when there is none.</summary>
    /// <exception cref="InvalidDataException">A TRX file has no Counters element or is not XML.</exception>
    public static TestCounts? Read(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.trx") : [];
        return files.Length == 0 ? null : files.Select(ReadFile).Aggregate((a, b) => a + b);
    }

    /// <summary>Adds the counts of two runs.</summary>
    public static TestCounts operator +(TestCounts a, TestCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped, a.Files + b.Files);
    }

    /// <summary>The summary line the test command ends with.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"tests: {Passed} passed, {Failed} failed, {Skipped} skipped");

    private static TestCounts ReadFile(string path)
    {
        XElement counters;
        try
        {
            counters = XDocument.Load(path).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters")
                ?? throw new InvalidDataException($"{path} has no <Counters> element.");
        }
        catch (System.Xml.XmlException e)
        {
            throw new InvalidDataException($"{path} is not XML: {e.Message}", e);
        }
        int Count(string name) => int.TryParse((string?)counters.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture,
            out var n) ? n : 0;
        // An error, a timeout or an abort is a test that did not pass either.
        return new(Count("passed"), Count("failed") + Count("error") + Count("timeout") + Count("aborted"), Count("notExecuted"), 1);
    }
}
