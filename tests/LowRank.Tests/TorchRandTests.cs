using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using static LowRank.Tests.PyTorchReference;
using static LowRank.Tests.Rejects;

namespace LowRank.Tests;

/// <summary>
/// <see cref="TorchGenerator.Rand(int)"/> against PyTorch's printed output and the invariants its algorithm implies
/// (one 32-bit draw per element, 24 bits kept); the bit-for-bit comparison is in <see cref="TorchRandReferenceTests"/>.
/// </summary>
public class TorchRandTests
{
    private static float[] RowMajor(Matrix<float> m) =>
        [.. Enumerable.Range(0, m.RowCount).SelectMany(i => Enumerable.Range(0, m.ColumnCount).Select(j => m[i, j]))];

    // torch.manual_seed(0); torch.rand(1, 1, 3, 3, 3) as printed in kornia's docstrings (kornia/kornia,
    // RandomEqualize3D and get_laf_* examples): the first 18 values.
    private static readonly double[] KorniaSeed0 =
    [
        0.4963, 0.7682, 0.0885, 0.1320, 0.3074, 0.6341, 0.4901, 0.8964, 0.4556,
        0.6323, 0.3489, 0.4017, 0.0223, 0.1689, 0.2939, 0.5185, 0.6977, 0.8000,
    ];

    [Fact]
    public void Seed_0_rand_matches_kornias_printed_values_as_a_vector_and_row_by_row_as_a_matrix()
    {
        AssertPrinted(KorniaSeed0, new TorchGenerator(0).Rand(18).ToArray());

        // Row 1 of a 2x9 matrix starts at element 9 (0.6323), not at element 2 as a column-first fill would have it.
        var m = new TorchGenerator(0).Rand(2, 9);
        AssertPrinted(KorniaSeed0, RowMajor(m));
        AssertPrinted([0.6323], [m[1, 0]]);
    }

    [Fact]
    public void Rand_has_no_small_path_so_any_split_of_the_draws_gives_the_same_stream()
    {
        // Unlike randn, whose path changes at 16 elements, rand(3) then rand(14) is rand(17) cut in two.
        var split = new TorchGenerator(5);
        float[] parts = [.. split.Rand(3).ToArray(), .. split.Rand(14).ToArray()];
        Assert.Equal(new TorchGenerator(5).Rand(17).ToArray(), parts);
    }

    [Fact]
    public void Rand_neither_uses_nor_clears_the_cached_normal()
    {
        // randn(1) leaves its pair's second normal cached; the randn(1) after rand(4) must return it, as randn(2)[1].
        var generator = new TorchGenerator(11);
        var first = generator.Randn(1)[0];
        generator.Rand(4);
        var afterRand = generator.Randn(1)[0];

        var pair = new TorchGenerator(11).Randn(2).ToArray();
        Assert.Equal(pair[0], first);
        Assert.Equal(pair[1], afterRand);
    }

    [Fact]
    public void Rand_after_randn_1_takes_the_words_after_the_pair_the_normal_used()
    {
        // randn(1) takes four 32-bit words (two doubles of 53 bits); rand's next value is word 5 of the stream.
        var generator = new TorchGenerator(3);
        generator.Randn(1);
        Assert.Equal(new TorchGenerator(3).Rand(5)[4], generator.Rand(1)[0]);
    }

    [Fact]
    public void Every_value_is_a_multiple_of_2_to_the_minus_24_in_0_to_1_and_both_capabilities_agree()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int[1, 40], Gen.UInt)
            .Sample((rows, cols, seed) =>
            {
                var m = new TorchGenerator(seed).Rand(rows, cols);
                var values = RowMajor(m);
                return values.SequenceEqual(new TorchGenerator(seed).Rand(rows * cols).ToArray())
                    && values.SequenceEqual(RowMajor(new TorchGenerator(seed, CpuCapability.Avx2).Rand(rows, cols)))
                    && values.All(v => v >= 0 && v < 1 && float.IsInteger(v * (1 << 24)));
            }, iter: 200);
    }

    [Fact]
    public void Large_draws_look_uniform()
    {
        var v = new TorchGenerator(2024).Rand(100_000);
        var mean = v.Average(x => (double)x);
        var variance = v.Average(x => ((double)x - mean) * ((double)x - mean));
        Assert.InRange(mean, 0.5 - 0.005, 0.5 + 0.005);
        Assert.InRange(variance, (1.0 / 12) - 0.002, (1.0 / 12) + 0.002);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Rand_length_must_be_positive(int length)
        => Throws<ArgumentOutOfRangeException>(() => new TorchGenerator(0).Rand(length), "length", $"was {length}");

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(2_147_483_592)]
    public void Rand_rejects_a_length_beyond_an_array_without_drawing(int length)
    {
        var generator = new TorchGenerator(0);
        Throws<ArgumentOutOfRangeException>(() => generator.Rand(length), "length");
        Assert.Equal(new TorchGenerator(0).Rand(3), generator.Rand(3));
    }

    [Theory]
    [InlineData(0, 2, "rows")]
    [InlineData(-1, 2, "rows")]
    [InlineData(2, 0, "cols")]
    [InlineData(2, -7, "cols")]
    public void Rand_dimensions_must_be_positive(int rows, int cols, string name)
        => Throws<ArgumentOutOfRangeException>(() => new TorchGenerator(0).Rand(rows, cols), name);

    [Fact]
    public void Rand_rejects_more_elements_than_an_array_can_hold_without_drawing()
    {
        var generator = new TorchGenerator(0);
        Throws<ArgumentOutOfRangeException>(() => generator.Rand(100_000, 100_000), "rows", "100000 x 100000");
        Assert.Equal(new TorchGenerator(0).Rand(3), generator.Rand(3));
    }
}
