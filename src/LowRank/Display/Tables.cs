using System.Globalization;

namespace LowRank;

/// <summary>The workbook's result records as tables, for a notebook cell to display.</summary>
public static class Tables
{
    /// <summary>One row per rank: measured error, Eckart–Young value, relative error, energy kept, parameters (and output error when the
    /// sweep had an input).</summary>
    /// <param name="sweep">A sweep from <see cref="RankSweep.Of{T}(MathNet.Numerics.LinearAlgebra.Matrix{T})"/>.</param>
    /// <returns>The table; a notebook shows it as HTML once its setup cell has run (LowRank.Notebooks'
    /// <c>Notebook.UseOfflineCharts()</c>).</returns>
    public static Table Sweep(RankSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var withOutput = sweep.HasOutputError;
        string[] headers = ["r", "‖W − B·A‖ (Frobenius)", "Eckart–Young", "relative error", "energy kept", "parameters",
            .. withOutput ? new[] { "‖y − y′‖₂" } : []];
        var rows = sweep.Select(p => (IReadOnlyList<string>)
            [
                p.Rank.ToString(CultureInfo.InvariantCulture),
                Numbers.Short(p.Error),
                Numbers.Short(p.EckartYoung),
                Numbers.Short(p.RelativeError),
                Numbers.Percent(p.EnergyKept, 4),
                Numbers.Count(p.Parameters.LowRank),
                // A sweep has output errors at every rank or at none, so with the column every point has a value.
                .. withOutput ? new[] { Numbers.Short(p.OutputError!.Value) } : [],
            ]).ToArray();
        return new Table(headers, rows);
    }

    /// <summary>One row per layer shape and rank: parameters of W, of B and A, their share and the saving.</summary>
    /// <param name="layers">The layer shapes and ranks, e.g. from <see cref="ParameterCount.Of(int, int, int)"/>; none null.</param>
    /// <returns>The table; a notebook shows it as HTML once its setup cell has run (LowRank.Notebooks'
    /// <c>Notebook.UseOfflineCharts()</c>).</returns>
    public static Table ParameterCounts(IReadOnlyList<ParameterCount> layers)
    {
        var list = Guard.NoNulls(layers);
        var rows = list.Select(p => (IReadOnlyList<string>)
            [
                string.Create(CultureInfo.InvariantCulture, $"{p.Rows}×{p.Columns}"),
                p.Rank.ToString(CultureInfo.InvariantCulture),
                Numbers.Count(p.Full),
                Numbers.Count(p.LowRank),
                Numbers.Percent(p.LowRankFraction),
                Numbers.Count(p.Saved),
            ]).ToArray();
        return new Table(["layer d×k", "r", "W: d·k", "B and A: r·(d + k)", "share", "saved"], rows);
    }
}
