using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// Both CPU capabilities against what real PyTorch 1.13 drew (tests/reference/torch-randn-vectors.json, written by
/// tests/reference/torch_randn_vectors.py under ATEN_CPU_CAPABILITY=default and under the AVX2 kernel x86-64 picks by
/// itself), compared as float32 bit patterns so that a difference in the last bit, or in the sign of a zero, fails.
/// </summary>
public class TorchGeneratorCapabilityTests
{
    private static readonly JsonNode Vectors = TorchVectors.Randn;

    public static TheoryData<CpuCapability, string> Capabilities => new()
    {
        { CpuCapability.Default, "default" },
        { CpuCapability.Avx2, "avx2" },
    };

    /// <summary>One recorded case: a seed and the shapes drawn one after another after <c>torch.manual_seed(seed)</c>.</summary>
    private sealed record Case(ulong Seed, int[][] Calls, uint[][] Values)
    {
        public override string ToString() =>
            $"seed {Seed}: {string.Join(" then ", Calls.Select(c => $"randn({string.Join(", ", c)})"))}";
    }

    private static Case[] CasesOf(string capability) =>
    [
        .. TorchVectors.Cases(Vectors, capability)
            .Select(c => new Case(c.Seed, [.. c.Calls.Select(shape => shape.Select(n => (int)n!).ToArray())], c.Values)),
    ];

    /// <summary>Draws the case's calls in order on one generator, each as row-major float32 bits like the recorded ones.</summary>
    private static uint[][] Draw(Case c, CpuCapability capability)
    {
        var generator = new TorchGenerator(c.Seed, capability);
        return
        [
            .. c.Calls.Select(shape => (shape.Length == 1
                    ? generator.Randn(shape[0]).ToArray()
                    : TorchVectors.RowMajor(generator.Randn(shape[0], shape[1])))
                .Select(BitConverter.SingleToUInt32Bits).ToArray()),
        ];
    }

    [Fact]
    public void The_vectors_cover_both_paths_the_tail_rule_and_the_cache_over_many_seeds()
    {
        // Guards the data itself: a regenerated file that lost its large or mixed cases would make the tests below weak.
        var cases = CasesOf("avx2");
        var sizes = cases.SelectMany(c => c.Calls).Select(shape => shape.Aggregate(1, (a, b) => a * b)).ToArray();
        Assert.Equal(341, cases.Length);
        Assert.Equal(18425, cases.Sum(c => c.Values.Sum(v => v.Length)));
        Assert.Equal(26, cases.Select(c => c.Seed).Distinct().Count());
        Assert.Contains(sizes, n => n < 16);
        Assert.Contains(sizes, n => n >= 16 && n % 16 == 0);
        Assert.Contains(sizes, n => n > 16 && n % 16 != 0);
        Assert.Contains(sizes, n => n > 4096);
        Assert.Contains(cases, c => c.Calls.Length > 1);
        Assert.Equal("NO AVX", (string?)Vectors["default"]!["cpu_capability_usage"]);
        Assert.Equal("AVX2", (string?)Vectors["avx2"]!["cpu_capability_usage"]);

        // What the README says of AVX-512 CPUs: PyTorch 1.13 forced to its AVX-512 build drew the same bits as AVX2.
        Assert.True((bool?)Vectors["avx512_same_as_avx2"]);
        Assert.Equal(CasesOf("default").Select(c => c.ToString()), cases.Select(c => c.ToString()));
    }

    [Theory]
    [MemberData(nameof(Capabilities))]
    public void Every_recorded_value_is_reproduced_bit_for_bit(CpuCapability capability, string name)
    {
        var elements = 0;
        var differing = 0;
        string? first = null;
        foreach (var c in CasesOf(name))
        {
            var drawn = Draw(c, capability);
            for (var call = 0; call < c.Calls.Length; call++)
            {
                Assert.Equal(c.Values[call].Length, drawn[call].Length);
                for (var i = 0; i < drawn[call].Length; i++)
                {
                    elements++;
                    if (drawn[call][i] != c.Values[call][i])
                    {
                        differing++;
                        first ??= $"{c}, call {call}, element {i}: PyTorch {c.Values[call][i]:x8} " +
                                  $"({BitConverter.UInt32BitsToSingle(c.Values[call][i]):R}), ours {drawn[call][i]:x8} " +
                                  $"({BitConverter.UInt32BitsToSingle(drawn[call][i]):R})";
                    }
                }
            }
        }
        Assert.True(differing == 0, $"{differing} of {elements} elements differ from PyTorch's {name} kernel; first: {first}");
        Assert.Equal(18425, elements);
    }

    [Theory]
    [MemberData(nameof(Capabilities))]
    public void A_million_values_per_seed_hash_like_PyTorchs(CpuCapability capability, string name)
    {
        // The file records only the SHA-256 of these runs; a difference anywhere in 4 × 2^20 values fails.
        var hashed = Vectors["hashed"]!;
        var length = (int)hashed["length"]!;
        foreach (var (seed, expected) in hashed[name]!.AsObject())
        {
            var values = new TorchGenerator(ulong.Parse(seed, CultureInfo.InvariantCulture), capability).Randn(length).ToArray();
            var actual = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));
            Assert.True(expected!.GetValue<string>() == actual,
                $"torch.randn({length}) with seed {seed} differs from PyTorch's {name} kernel");
        }
    }

    [Fact]
    public void The_capabilities_differ_from_16_elements_on_and_agree_below()
    {
        var small = 0;
        var large = 0;
        var largeDiffering = 0;
        foreach (var c in CasesOf("avx2"))
        {
            var portable = Draw(c, CpuCapability.Default);
            var avx2 = Draw(c, CpuCapability.Avx2);
            for (var call = 0; call < c.Calls.Length; call++)
            {
                if (portable[call].Length < 16)
                {
                    small++;
                    Assert.True(portable[call].SequenceEqual(avx2[call]), $"{c}, call {call}: below 16 elements the kernels must agree");
                }
                else
                {
                    large++;
                    largeDiffering += portable[call].Zip(avx2[call]).Any(p => p.First != p.Second) ? 1 : 0;
                }
            }
        }

        // Per seed: lengths 1, 7, 15 and the 3 and 5 of the sequence are small; 9 shapes and the sequence's 20 are large,
        // plus 3 large shapes for seed 0. Every large draw differs somewhere.
        Assert.Equal(26 * 5, small);
        Assert.Equal((26 * 10) + 3, large);
        Assert.Equal(large, largeDiffering);
    }

    [Fact]
    public void The_AVX2_kernel_changes_four_in_ten_elements_by_under_2e6_and_rarely_a_printed_digit()
    {
        // Seed 0, 2^16 values: the first 2^16 of the hashed run above, so these counts are PyTorch's own.
        var portable = new TorchGenerator(0).Randn(1 << 16).ToArray();
        var avx2 = new TorchGenerator(0, CpuCapability.Avx2).Randn(1 << 16).ToArray();
        var pairs = portable.Zip(avx2).ToArray();
        Assert.Equal(25406, pairs.Count(p => p.First != p.Second));
        Assert.Equal(1.9073486328125e-6, pairs.Max(p => Math.Abs((double)p.First - p.Second)));

        // Printed as torch.tensor prints them, with 4 decimals of the exact value: one in about 1,200 changes.
        static string Printed(float v) => ((double)v).ToString("F4", CultureInfo.InvariantCulture);
        Assert.Equal(56, pairs.Count(p => Printed(p.First) != Printed(p.Second)));
    }

    [Fact]
    public void The_capability_is_kept_and_defaults_to_the_portable_kernel()
    {
        Assert.Equal(CpuCapability.Default, new TorchGenerator(0).Capability);
        Assert.Equal(CpuCapability.Avx2, new TorchGenerator(0, CpuCapability.Avx2).Capability);
        Assert.Equal(new TorchGenerator(9).Randn(40).ToArray(), new TorchGenerator(9, CpuCapability.Default).Randn(40).ToArray());
    }

    [Fact]
    public void An_unnamed_capability_is_rejected_with_its_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TorchGenerator(0, (CpuCapability)7));
        Assert.Equal("capability", e.ParamName);
        Assert.StartsWith("capability must be Default or Avx2, but was 7.", e.Message, StringComparison.Ordinal);
    }
}
