using CsCheck;

namespace LowRank.Tests;

/// <summary>CsCheck generators for matrix shapes; small sizes keep every property test well under a second.</summary>
internal static class Shapes
{
    public const int Iterations = 150;

    /// <summary>(rows, cols, rank, seed) with 1 ≤ rank ≤ min(rows, cols).</summary>
    public static readonly Gen<(int Rows, int Cols, int Rank, int Seed)> WithRank =
        from rows in Gen.Int[1, 12]
        from cols in Gen.Int[1, 12]
        from rank in Gen.Int[1, Math.Min(rows, cols)]
        from seed in Gen.Int[0, 1_000_000]
        select (rows, cols, rank, seed);
}
