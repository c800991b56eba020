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

    /// <summary>(d, k, n, rank, seed) for a LoRA layer: W₀ d×k, X k×n, 1 ≤ rank ≤ min(d, k).</summary>
    public static readonly Gen<(int D, int K, int N, int Rank, int Seed)> Lora =
        from d in Gen.Int[1, 8]
        from k in Gen.Int[1, 8]
        from n in Gen.Int[1, 8]
        from rank in Gen.Int[1, Math.Min(d, k)]
        from seed in Gen.Int[0, 1_000_000]
        select (d, k, n, rank, seed);
}
