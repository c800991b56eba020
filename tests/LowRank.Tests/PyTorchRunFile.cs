using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// Reading the JSON a tests/reference training script wrote with real PyTorch 1.13: the file, its numbers and the
/// SHA-256 it gives for each tensor, so a run's data and weights can be compared bit for bit.
/// </summary>
internal static class PyTorchRunFile
{
    /// <summary>The reference file <paramref name="name"/>, copied beside the tests.</summary>
    public static JsonNode Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, name)))!;

    /// <summary>A number of the file; a missing one fails the test.</summary>
    public static double Number(JsonNode? node) => (double)node!;

    /// <summary>
    /// The SHA-256 of a matrix's float32 bits, row-major and little-endian, as the scripts hash numpy's tobytes() of a
    /// contiguous tensor.
    /// </summary>
    public static string Sha256(Matrix<float> m)
    {
        Assert.True(BitConverter.IsLittleEndian);
        return Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(TorchVectors.RowMajor(m).AsSpan())));
    }
}
