namespace LowRank;

/// <summary>
/// Trainable parameters of a d×k layer stored in full (d·k) and as rank-r factors B (d×r) and A (r×k), r·(d + k).
/// Counts are <see cref="long"/> because real layers overflow <see cref="int"/> quickly.
/// </summary>
public sealed record ParameterCount
{
    private ParameterCount(int rows, int columns, int rank)
    {
        Rows = rows;
        Columns = columns;
        Rank = rank;
    }

    /// <summary>Rows d of the weight.</summary>
    public int Rows { get; }

    /// <summary>Columns k of the weight.</summary>
    public int Columns { get; }

    /// <summary>Rank r of the factors.</summary>
    public int Rank { get; }

    /// <summary>d·k, the parameters of W (<c>W.numel()</c>).</summary>
    public long Full => (long)Rows * Columns;

    /// <summary>r·(d + k), the parameters of B and A (<c>B.numel() + A.numel()</c>).</summary>
    public long LowRank => (long)Rank * ((long)Rows + Columns);

    /// <summary>Full − LowRank; negative when r is so large that the factors cost more than W.</summary>
    public long Saved => Full - LowRank;

    /// <summary>LowRank ÷ Full: the share of W's parameters the factors need (0.4 for 10×10 at r = 2).</summary>
    public double LowRankFraction => (double)LowRank / Full;

    /// <summary>Counts parameters of a <paramref name="rows"/>×<paramref name="columns"/> layer at rank <paramref name="rank"/>.</summary>
    /// <param name="rows">d, at least 1.</param>
    /// <param name="columns">k, at least 1.</param>
    /// <param name="rank">r, 1 ≤ r ≤ min(d, k).</param>
    /// <returns>The full and low-rank parameter counts.</returns>
    public static ParameterCount Of(int rows, int columns, int rank)
    {
        Guard.Positive(rows);
        Guard.Positive(columns);
        Guard.Rank(rank, rows, columns);
        return new ParameterCount(rows, columns, rank);
    }

    /// <summary>Counts the parameters of factors from <see cref="Truncation"/>.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="factors">B (d×r) and A (r×k).</param>
    /// <returns>The full and low-rank parameter counts for d, k and r.</returns>
    public static ParameterCount Of<T>(LowRankFactors<T> factors)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(factors);
        var (b, a) = factors.Shared;
        return Of(b.RowCount, a.ColumnCount, factors.Rank);
    }
}
