using System.Globalization;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// The draws of real PyTorch 1.13 in tests/reference (torch-randn-vectors.json, torch-rand-vectors.json): per CPU kernel,
/// cases of a seed, the calls made one after another after <c>torch.manual_seed(seed)</c>, and each call's float32 bits.
/// </summary>
internal static class TorchVectors
{
    /// <summary>torch.randn's draws, written by tests/reference/torch_randn_vectors.py.</summary>
    public static readonly JsonNode Randn = Load("torch-randn-vectors.json");

    /// <summary>torch.rand's and kaiming_uniform_'s draws, written by tests/reference/torch_rand_vectors.py.</summary>
    public static readonly JsonNode Rand = Load("torch-rand-vectors.json");

    private static JsonNode Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, name)))!;

    /// <summary>The recorded cases of <paramref name="kernel"/> ("default" or "avx2"), each call as its JSON array.</summary>
    public static (ulong Seed, JsonArray[] Calls, uint[][] Values)[] Cases(JsonNode file, string kernel) =>
    [
        .. file[kernel]!["cases"]!.AsArray().Select(c => (
            (ulong)c!["seed"]!,
            c["calls"]!.AsArray().Select(call => call!.AsArray()).ToArray(),
            c["values"]!.AsArray().Select(v => Bits(v!.GetValue<string>())).ToArray())),
    ];

    /// <summary>A call's float32 bits, as the files write them: hex words separated by spaces.</summary>
    public static uint[] Bits(string hex) =>
        [.. hex.Split(' ').Select(word => uint.Parse(word, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];

    /// <summary>A matrix's entries in the order PyTorch stores them, row after row.</summary>
    public static float[] RowMajor(Matrix<float> m) =>
        [.. Enumerable.Range(0, m.RowCount).SelectMany(i => Enumerable.Range(0, m.ColumnCount).Select(j => m[i, j]))];

    /// <summary>
    /// The float32 bits, row-major, PyTorch's <paramref name="kernel"/> ("default" or "avx2") drew for
    /// <c>torch.manual_seed(seed); w = torch.empty(rows, cols); nn.init.kaiming_uniform_(w, a=a)</c>.
    /// </summary>
    public static uint[] KaimingUniform(string kernel, ulong seed, int rows, int cols, double a)
    {
        var call = new JsonArray("kaiming_uniform", rows, cols, a).ToJsonString();
        return Cases(Rand, kernel).Single(c => c.Seed == seed && c.Calls is [var only] && only.ToJsonString() == call).Values[0];
    }
}
