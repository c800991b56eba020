using System.Reflection;

namespace LowRank.Notebooks;

/// <summary>
/// The copy of plotly.js that ships inside Plotly.NET.dll, so charts draw without network access.
/// </summary>
public static class PlotlyJs
{
    private const string ResourcePrefix = "Plotly.NET.plotly-";
    private const string ResourceSuffix = ".min.js";
    private static readonly Lazy<string> resourceName = new(FindResourceName);
    private static readonly Lazy<string> source = new(ReadEmbeddedSource);

    /// <summary>The plotly.js version Plotly.NET embeds (read from its resource name, e.g. 2.28.0).</summary>
    public static string Version => resourceName.Value[ResourcePrefix.Length..^ResourceSuffix.Length];

    /// <summary>The minified plotly.js source (about 3.6 MB), read once from Plotly.NET's resources.</summary>
    public static string Source => source.Value;

    private static Assembly PlotlyNet => typeof(Plotly.NET.GenericChart).Assembly;

    private static string FindResourceName() =>
        PlotlyNet.GetManifestResourceNames().SingleOrDefault(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)
            && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
        ?? throw new InvalidOperationException(
            $"Plotly.NET {PlotlyNet.GetName().Version} embeds no {ResourcePrefix}*{ResourceSuffix}; its resources are: " +
            string.Join(", ", PlotlyNet.GetManifestResourceNames()));

    private static string ReadEmbeddedSource()
    {
        using var stream = PlotlyNet.GetManifestResourceStream(resourceName.Value)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
