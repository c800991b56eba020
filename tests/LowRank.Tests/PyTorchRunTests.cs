using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// The original's steps against what real PyTorch 1.13 computed for them (tests/reference/pytorch-original.json, written
/// by tests/reference/pytorch_original.py with both of PyTorch's CPU kernels), at full precision rather than printed digits.
/// </summary>
public class PyTorchRunTests
{
    private static readonly JsonNode Runs = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory,
        "pytorch-original.json")))!;

    private static JsonNode Portable => Runs["default"]!;

    private static JsonNode Avx2 => Runs["avx2"]!;

    private static double[] Doubles(JsonNode? array) => array!.AsArray().Select(v => (double)v!).ToArray();

    private static Matrix<float> MatrixOf(JsonNode run) =>
        Matrix<float>.Build.DenseOfRowArrays(run["W"]!.AsArray().Select(row => Doubles(row).Select(v => (float)v).ToArray()));

    private static Matrix<float> OurW(CpuCapability capability = CpuCapability.Default)
    {
        var generator = new TorchGenerator(seed: 0, capability);
        return generator.Randn(10, 2) * generator.Randn(2, 10);
    }

    [Fact]
    public void W_equals_the_portable_kernels_bit_for_bit()
    {
        Assert.Equal(MatrixOf(Portable).ToColumnMajorArray(), OurW().ToColumnMajorArray());
    }

    [Fact]
    public void W_drawn_as_the_AVX2_kernel_draws_equals_that_kernels_W_bit_for_bit()
    {
        Assert.Equal(MatrixOf(Avx2).ToColumnMajorArray(), OurW(CpuCapability.Avx2).ToColumnMajorArray());
    }

    [Fact]
    public void The_AVX2_kernel_differs_from_the_portable_one_only_below_the_printed_digits()
    {
        // What notebook 1 and the README say: about half of W's entries differ, none by more than 3e-7.
        var portable = MatrixOf(Portable).ToColumnMajorArray();
        var avx2 = MatrixOf(Avx2).ToColumnMajorArray();
        var differing = portable.Zip(avx2).Where(p => p.First != p.Second).ToArray();
        Assert.Equal(53, differing.Length);
        Assert.All(differing, p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 3e-7));
        Assert.All(portable.Zip(avx2), p => Assert.Equal(Math.Round(p.First, 4), Math.Round(p.Second, 4)));
    }

    [Fact]
    public void Rank_tolerance_and_the_two_real_singular_values_agree_with_PyTorch()
    {
        var w = OurW();
        Assert.Equal((int)Portable["rank"]!, MatrixRank.Of(w));
        Assert.Equal((double)Portable["tolerance"]!, MatrixRank.DefaultTolerance(w), 1e-6 * (double)Portable["tolerance"]!);
        var s = Truncation.Of(w, 2).SingularValues;
        var torchS = Doubles(Portable["S"]);
        Assert.Equal(torchS[0], s[0], 1e-6 * torchS[0]);
        Assert.Equal(torchS[1], s[1], 1e-6 * torchS[0]);
        Assert.Equal((double)Portable["error_rank_1"]!, RankSweep.Of(w)[0].Error, 1e-6);
    }

    [Fact]
    public void Below_the_cliff_both_libraries_give_rounding_noise_under_the_tolerance_but_not_the_same_noise()
    {
        var s = Truncation.Of(OurW(), 2).SingularValues;
        var epsSigma1 = MachineEpsilon.Of<float>() * s[0];
        foreach (var tail in new[] { Doubles(Portable["S"]), Doubles(Avx2["S"]), s.Select(v => (double)v).ToArray() })
        {
            Assert.All(tail.Skip(2), sigma => Assert.InRange(sigma, 1e-12, epsSigma1));
        }
        Assert.NotEqual(Doubles(Avx2["S"])[2], s[2], 1e-8);
    }

    [Fact]
    public void W_minus_BA_sits_at_the_float32_SVD_floor_in_every_library()
    {
        // Notebook 2: between one and four times ε‖W‖_F in Math.NET and in PyTorch with either kernel.
        var w = OurW();
        var floor = MachineEpsilon.Of<float>() * w.FrobeniusNorm();
        var (b, a) = Truncation.Of(w, 2);
        foreach (var error in new[] { (w - b * a).FrobeniusNorm(), (double)Portable["error_rank_2"]!, (double)Avx2["error_rank_2"]! })
        {
            Assert.InRange(error / floor, 1, 4.1);
        }
        // Taking the product in double does not remove it, in PyTorch as here.
        Assert.InRange((double)Avx2["error_rank_2_product_in_double"]! / (double)Avx2["error_rank_2"]!, 0.9, 1.1);
    }

    [Fact]
    public void Both_draws_of_bias_and_x_give_PyTorchs_outputs()
    {
        var generator = new TorchGenerator(seed: 0);
        var w = generator.Randn(10, 2) * generator.Randn(2, 10);
        var (b, a) = Truncation.Of(w, 2);
        foreach (var draw in Portable["draws"]!.AsArray())
        {
            var bias = generator.Randn(10);
            var x = generator.Randn(10);
            var outputs = OutputComparison.Of(w, b, a, x, bias);
            Assert.Equal(Doubles(draw!["output_W"]), outputs.Full.Select(v => (double)v), (e, v) => Math.Abs(e - v) <= 1e-5);
            // Both ‖y − y′‖ are float32 rounding of the same size, with other digits.
            Assert.InRange(outputs.Difference / (double)draw["difference"]!, 0.1, 10);
        }
    }
}
