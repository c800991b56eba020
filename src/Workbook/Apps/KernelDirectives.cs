using System.Text.RegularExpressions;

namespace Workbook.Apps;

/// <summary>A code cell split into its kernel directives (<c>#r</c> lines) and the C# that remains.</summary>
/// <param name="Packages">The packages its <c>#r "nuget: Name, Version"</c> lines load, in order.</param>
/// <param name="Code">The cell without its <c>#r</c> lines.</param>
internal sealed partial record KernelDirectives(IReadOnlyList<PackagePin> Packages, string Code)
{
    /// <summary>
    /// Takes the <c>#r</c> lines out of <paramref name="source"/>. A file-based app has no equivalent of a magic
    /// command (<c>#!</c>) or of loading an arbitrary DLL, so those throw, naming <paramref name="where"/>.
    /// </summary>
    public static KernelDirectives Split(string source, string where)
    {
        ArgumentNullException.ThrowIfNull(source);
        var packages = new List<PackagePin>();
        var code = new List<string>();
        foreach (var line in source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                throw new AppConversionException($"{where}: the magic command '{trimmed}' only works in a notebook kernel; a file-based " +
                    $"app cannot run it.");
            }
            if (!trimmed.StartsWith("#r ", StringComparison.Ordinal))
            {
                code.Add(line);
                continue;
            }
            if (Nuget().Match(trimmed) is { Success: true } nuget)
            {
                packages.Add(new PackagePin(nuget.Groups["name"].Value, nuget.Groups["version"].Value));
            }
            else if (!IsLibraryReference(trimmed))
            {
                throw new AppConversionException(
                    $"{where}: '{trimmed}' has no file-based app equivalent here: pin packages as #r \"nuget: Name, Version\" and load " +
                        $"only the workbook's LowRank*.dll.");
            }
        }
        return new KernelDirectives(packages, string.Join('\n', code));
    }

    // The workbook's own LowRank*.dll: an app gets it through #:project, so the line is dropped.
    private static bool IsLibraryReference(string line) =>
        Dll().Match(line) is { Success: true } dll && Path.GetFileName(dll.Groups["path"].Value).StartsWith("LowRank",
            StringComparison.Ordinal);

    // The version is required: an app pins exactly what the notebook ran with.
    [GeneratedRegex(@"^#r\s+""nuget:\s*(?<name>[A-Za-z0-9_.\-]+)\s*,\s*(?<version>[^""\s,]+)\s*""\s*(//.*)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Nuget();

    [GeneratedRegex(@"^#r\s+""(?<path>[^""]+\.dll)""\s*(//.*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Dll();
}
