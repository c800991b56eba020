using System.Globalization;
using System.Text.Json.Nodes;

namespace LowRank.Tests;

/// <summary>tests/reference/torch-rand-vectors.json: what real PyTorch 1.13 drew for torch.rand and kaiming_uniform_.</summary>
internal static class TorchRandVectors
{
    public static readonly JsonNode Json =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "torch-rand-vectors.json")))!;

    /// <summary>
    /// The float32 bits, row-major, PyTorch's <paramref name="kernel"/> ("default" or "avx2") drew for
    /// <c>torch.manual_seed(seed); w = torch.empty(rows, cols); nn.init.kaiming_uniform_(w, a=a)</c>.
    /// </summary>
    public static uint[] KaimingUniform(string kernel, ulong seed, int rows, int cols, double a)
    {
        var call = new JsonArray("kaiming_uniform", rows, cols, a).ToJsonString();
        var found = Json[kernel]!["cases"]!.AsArray().Single(c =>
            (ulong)c!["seed"]! == seed && c["calls"]!.AsArray() is [var only] && only!.ToJsonString() == call);
        return [.. found!["values"]![0]!.GetValue<string>().Split(' ')
            .Select(hex => uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
    }
}
