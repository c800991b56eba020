namespace LowRank.Notebooks;

/// <summary>The plotly.js loader a notebook displays once; as HTML (see <see cref="Notebook.UseOfflineCharts"/>) it carries the embedded
/// plotly.js.</summary>
/// <param name="Version">The plotly.js version loaded.</param>
public sealed record PlotlyLoader(string Version)
{
    /// <inheritdoc/>
    public override string ToString() => $"plotly.js {Version} (embedded in Plotly.NET, no network needed)";
}
