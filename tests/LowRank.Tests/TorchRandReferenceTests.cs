using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// <c>torch.rand</c> and <c>nn.init.kaiming_uniform_</c> under both CPU capabilities against what real PyTorch 1.13 drew
/// (tests/reference/torch-rand-vectors.json, written by tests/reference/torch_rand_vectors.py under
/// ATEN_CPU_CAPABILITY=default and under the AVX2 kernel x86-64 picks by itself), compared as float32 bit patterns.
/// </summary>
public class TorchRandReferenceTests
{
    private static readonly JsonNode Vectors = TorchVectors.Rand;

    public static TheoryData<CpuCapability, string> Capabilities => new()
    {
        { CpuCapability.Default, "default" },
        { CpuCapability.Avx2, "avx2" },
    };

    /// <summary>One PyTorch call: ["rand", n], ["rand", r, c], ["randn", ...] or ["kaiming_uniform", r, c, a].</summary>
    private sealed record Call(string Name, int[] Shape, double A)
    {
        public override string ToString() => Name == "kaiming_uniform"
            ? FormattableString.Invariant($"kaiming_uniform_({Shape[0]}x{Shape[1]}, a={A:R})")
            : $"{Name}({string.Join(", ", Shape)})";
    }

    /// <summary>One recorded case: a seed and the calls made one after another after <c>torch.manual_seed(seed)</c>.</summary>
    private sealed record Case(ulong Seed, Call[] Calls, uint[][] Values)
    {
        public override string ToString() => $"seed {Seed}: {string.Join(" then ", Calls.Select(c => c.ToString()))}";
    }

    private static Call CallOf(JsonArray call)
    {
        var name = call[0]!.GetValue<string>();
        return name == "kaiming_uniform"
            ? new Call(name, [(int)call[1]!, (int)call[2]!], (double)call[3]!)
            : new Call(name, [.. call.Skip(1).Select(n => (int)n!)], double.NaN);
    }

    private static Case[] CasesOf(string capability) =>
    [
        .. TorchVectors.Cases(Vectors, capability).Select(c => new Case(c.Seed, [.. c.Calls.Select(CallOf)], c.Values)),
    ];

    private static float[] Perform(TorchGenerator generator, Call call) => (call.Name, call.Shape.Length) switch
    {
        ("rand", 1) => generator.Rand(call.Shape[0]).ToArray(),
        ("rand", 2) => TorchVectors.RowMajor(generator.Rand(call.Shape[0], call.Shape[1])),
        ("randn", 1) => generator.Randn(call.Shape[0]).ToArray(),
        ("randn", 2) => TorchVectors.RowMajor(generator.Randn(call.Shape[0], call.Shape[1])),
        ("kaiming_uniform", 2) => TorchVectors.RowMajor(TorchInit.KaimingUniform(generator, call.Shape[0], call.Shape[1], call.A)),
        _ => throw new InvalidDataException($"no such call in the reference file: {call}"),
    };

    /// <summary>Makes the case's calls in order on one generator, each as row-major float32 bits like the recorded ones.</summary>
    private static uint[][] Draw(Case c, CpuCapability capability)
    {
        var generator = new TorchGenerator(c.Seed, capability);
        return [.. c.Calls.Select(call => Perform(generator, call).Select(BitConverter.SingleToUInt32Bits).ToArray())];
    }

    private static bool IsPowerOfTwo(float value) => BitConverter.SingleToUInt32Bits(value) % (1u << 23) == 0;

    [Fact]
    public void The_vectors_cover_rand_kaiming_uniform_and_their_mix_with_randn()
    {
        // Guards the data itself: a regenerated file that lost its long, mixed or kaiming cases would make the tests below weak.
        var cases = CasesOf("avx2");
        var calls = cases.SelectMany(c => c.Calls).ToArray();
        Assert.Equal(181, cases.Length);
        Assert.Equal(10809, cases.Sum(c => c.Values.Sum(v => v.Length)));
        Assert.Equal(10, cases.Select(c => c.Seed).Distinct().Count());
        Assert.Contains(calls, c => c.Name == "rand" && c.Shape.Length == 1 && c.Shape[0] > 4096);
        Assert.Contains(calls, c => c.Name == "rand" && c.Shape.Length == 2);
        Assert.Contains(cases, c => c.Calls.Any(x => x.Name == "rand") && c.Calls.Any(x => x.Name == "randn"));
        Assert.Contains(cases, c => c.Calls.Any(x => x.Name == "kaiming_uniform") && c.Calls.Any(x => x.Name == "randn"));
        Assert.Equal(
            [0.0, 0.2, Math.Sqrt(5)],
            calls.Where(c => c.Name == "kaiming_uniform").Select(c => c.A).Distinct().Order());
        Assert.Equal("NO AVX", (string?)Vectors["default"]!["cpu_capability_usage"]);
        Assert.Equal("AVX2", (string?)Vectors["avx2"]!["cpu_capability_usage"]);
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
        Assert.Equal(10809, elements);
    }

    [Theory]
    [MemberData(nameof(Capabilities))]
    public void A_million_values_hash_like_PyTorchs(CpuCapability capability, string name)
    {
        // The file records only the SHA-256 of these runs: 2^20 uniforms per seed and two kaiming_uniform_ of about 10^6.
        var hashed = Vectors["hashed"]!;
        var length = (int)hashed["length"]!;
        var checkedRuns = 0;
        foreach (var (key, expected) in hashed[name]!.AsObject())
        {
            var parts = key.Split(' ');
            var generator = new TorchGenerator(ulong.Parse(parts[1], CultureInfo.InvariantCulture), capability);
            var values = parts[0] == "rand"
                ? generator.Rand(length).ToArray()
                : TorchVectors.RowMajor(TorchInit.KaimingUniform(generator, int.Parse(parts[2], CultureInfo.InvariantCulture),
                    int.Parse(parts[3], CultureInfo.InvariantCulture), double.Parse(parts[4], CultureInfo.InvariantCulture)));
            var actual = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));
            Assert.True(expected!.GetValue<string>() == actual, $"{key} differs from PyTorch's {name} kernel");
            checkedRuns++;
        }
        Assert.Equal(6, checkedRuns);
    }

    [Fact]
    public void PyTorchs_kernels_agree_on_rand_and_differ_on_kaiming_uniform_where_the_fused_multiply_add_rounds_once()
    {
        // From PyTorch's data alone: what makes Capability matter for uniforms. x·(to − from) + from is exact for [0, 1),
        // and for a bound that is a power of 2 (a = √5 and k = 64 gives 1/8), so only other bounds can differ.
        var portable = CasesOf("default");
        var avx2 = CasesOf("avx2");
        var kaimingCases = 0;
        var fusedDiffers = 0;
        for (var n = 0; n < avx2.Length; n++)
        {
            for (var call = 0; call < avx2[n].Calls.Length; call++)
            {
                var c = avx2[n].Calls[call];
                var same = portable[n].Values[call].SequenceEqual(avx2[n].Values[call]);
                if (c.Name == "rand")
                {
                    Assert.True(same, $"{avx2[n]}, call {call}: torch.rand differs between kernels");
                }
                else if (c.Name == "kaiming_uniform")
                {
                    kaimingCases++;
                    var bound = (float)TorchInit.KaimingBound(c.Shape[1], c.A);
                    Assert.True(same == IsPowerOfTwo(bound), $"{avx2[n]}, call {call}: bound {bound:R}, kernels agree: {same}");
                    fusedDiffers += same ? 0 : 1;
                }
            }
        }
        Assert.Equal(40, kaimingCases);
        Assert.Equal(34, fusedDiffers);
    }

    [Fact]
    public void The_bound_in_double_is_the_one_kaiming_uniform_passes_to_uniform()
    {
        // PyTorch's own (from, to), caught by the script on their way into Tensor.uniform_, for 8 a and 13 fan_ins.
        var bounds = Vectors["kaiming_bounds"]!.AsArray();
        Assert.Equal(8 * 13, bounds.Count);
        foreach (var b in bounds)
        {
            var fanIn = (int)b!["fan_in"]!;
            var a = (double)b["a"]!;
            var bound = TorchInit.KaimingBound(fanIn, a);
            Assert.True((double)b["to"]! == bound,
                FormattableString.Invariant($"fan_in {fanIn}, a {a:R}: PyTorch {(double)b["to"]!:R}, ours {bound:R}"));
            Assert.True((double)b["from"]! == -bound, FormattableString.Invariant($"fan_in {fanIn}, a {a:R}: from must be -to"));
        }
    }

    [Fact]
    public void The_bounds_include_slopes_whose_square_a_times_a_would_round_differently()
    {
        // Guards the test above: for these a, Python's a ** 2 (C's pow) and a * a differ in the last bit, and a bound
        // computed with a * a misses PyTorch's for some fan_in, so computing it that way would fail.
        var bounds = Vectors["kaiming_bounds"]!.AsArray();
        var missed = bounds.Count(b =>
        {
            var a = (double)b!["a"]!;
            var withProduct = Math.Sqrt(3.0) * (Math.Sqrt(2.0 / (1 + (a * a))) / Math.Sqrt((int)b["fan_in"]!));
            return withProduct != (double)b["to"]!;
        });
        Assert.InRange(missed, 1, 2 * 13);
    }
}
