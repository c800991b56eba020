using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>The starting point of LoRA training: PEFT's initialization and the synthetic problem with a known answer.</summary>
public class LoraSetupTests
{
    [Theory]
    [InlineData(CpuCapability.Default, "default")]
    [InlineData(CpuCapability.Avx2, "avx2")]
    public void Initial_adapter_has_B_zero_A_drawn_as_PEFT_draws_it_and_scale_alpha_over_r(CpuCapability capability, string kernel)
    {
        // A is what PyTorch drew for torch.manual_seed(0); A = torch.empty(8, 10); nn.init.kaiming_uniform_(A, a=math.sqrt(5)),
        // the call PEFT and loralib start lora_A with (tests/reference/torch-rand-vectors.json), bit for bit per kernel.
        var adapter = LoraAdapter.Initial(new TorchGenerator(0, capability), d: 12, k: 10, rank: 8, alpha: 16);
        Assert.Equal((12, 8), (adapter.B.RowCount, adapter.B.ColumnCount));
        Assert.Equal((8, 10), (adapter.A.RowCount, adapter.A.ColumnCount));
        Assert.All(adapter.B.ToColumnMajorArray(), v => Assert.Equal(0f, v));
        var rowMajor = adapter.A.ToRowMajorArray();
        Assert.Equal(TorchVectors.KaimingUniform(kernel, seed: 0, 8, 10, Math.Sqrt(5)),
            rowMajor.Select(BitConverter.SingleToUInt32Bits));
        Assert.All(rowMajor, v => Assert.InRange(Math.Abs(v), 0, 1 / Math.Sqrt(10)));
        Assert.Equal(8, adapter.Rank);
        Assert.Equal(16.0, adapter.Alpha);
        Assert.Equal(2.0, adapter.Scale);
    }

    [Fact]
    public void Initial_adapter_in_double_holds_the_same_draws()
    {
        var single = LoraAdapter.Initial(new TorchGenerator(9), d: 7, k: 3, rank: 2, alpha: 2);
        var widened = LoraAdapter.Initial<double>(new TorchGenerator(9), d: 7, k: 3, rank: 2, alpha: 2);
        Assert.Equal(single.A.Map(v => (double)v), widened.A);
        Assert.Equal(single.Cast<double>(), widened);
        Assert.Equal(1.0, widened.Scale);
    }

    [Fact]
    public void Adapter_copies_its_factors_so_later_changes_to_them_do_not_leak_in()
    {
        var b = Gaussian.Random<double>(3, 2, 1);
        var a = Gaussian.Random<double>(2, 4, 2);
        var adapter = new LoraAdapter<double>(b, a, alpha: 1);
        var delta = adapter.Delta();
        b.Clear();
        a.Clear();
        Assert.Equal(delta, adapter.Delta());
        Assert.NotEqual(0.0, delta.FrobeniusNorm());
    }

    [Fact]
    public void Delta_is_s_times_B_times_A()
    {
        // B = [1; 2], A = [3 4], α = 3, r = 1: s = 3, s·B·A = [9 12; 18 24].
        var adapter = new LoraAdapter<double>(Gaussian.Of<double>(new double[,] { { 1 }, { 2 } }), Gaussian.Of<double>(new double[,] { { 3,
            4 } }), alpha: 3);
        Assert.Equal(Gaussian.Of<double>(new double[,] { { 9, 12 }, { 18, 24 } }), adapter.Delta());
        Assert.Equal(Gaussian.Of<double>(new double[,] { { 10, 12 }, { 18, 25 } }), adapter.Merge(Gaussian.Diagonal<double>(1, 1)));
    }

    [Fact]
    public void Problem_draws_W0_the_update_the_noise_and_X_in_the_documented_order()
    {
        const int d = 6, k = 9, n = 20, r = 2;
        const float noise = 0.25f;
        var problem = LoraProblem.Synthetic(new TorchGenerator(11), d, k, n, r, noise);

        var replay = new TorchGenerator(11);
        var w0 = replay.Randn(d, k) / MathF.Sqrt(k);
        var b = replay.Randn(d, r);
        var a = replay.Randn(r, k);
        var noiseDraw = replay.Randn(d, k);
        var x = replay.Randn(k, n);
        var delta = (b * a + noiseDraw * noise) / MathF.Sqrt(k);

        Assert.True((problem.W0 - w0).FrobeniusNorm() <= 1e-6 * w0.FrobeniusNorm());
        Assert.True((problem.TargetDelta - delta).FrobeniusNorm() <= 1e-6 * delta.FrobeniusNorm());
        Assert.Equal(x, problem.X);
        Assert.True((problem.Y - (w0 + delta) * x).FrobeniusNorm() <= 1e-5 * problem.Y.FrobeniusNorm());
    }

    [Fact]
    public void Noise_changes_only_the_update_so_one_seed_compares_noisy_and_clean_targets()
    {
        var clean = LoraProblem.Synthetic(new TorchGenerator(2), 10, 8, 16, updateRank: 3, noise: 0);
        var noisy = LoraProblem.Synthetic(new TorchGenerator(2), 10, 8, 16, updateRank: 3, noise: 0.5f);
        Assert.Equal(clean.W0, noisy.W0);
        Assert.Equal(clean.X, noisy.X);
        Assert.NotEqual(clean.TargetDelta, noisy.TargetDelta);
        Assert.Equal(3, MatrixRank.Of(clean.TargetDelta));
        Assert.Equal(8, MatrixRank.Of(noisy.TargetDelta));
        Assert.Equal(8, MatrixRank.Of(clean.W0));
    }

    [Fact]
    public void Problem_has_W0_and_the_update_at_the_size_of_one_input()
    {
        // Entries of variance 1/k for W₀ and updateRank/k for B*·A*/√k: ‖W₀‖_F² ≈ d, ‖ΔW*‖_F² ≈ d·updateRank.
        var problem = LoraProblem.Synthetic(new TorchGenerator(0), 64, 64, 256, updateRank: 4, noise: 0);
        Assert.InRange(problem.W0.FrobeniusNorm() / Math.Sqrt(64), 0.9, 1.1);
        Assert.InRange(problem.TargetDelta.FrobeniusNorm() / Math.Sqrt(64 * 4), 0.7, 1.3);
        Assert.Equal((64, 256), (problem.Y.RowCount, problem.Y.ColumnCount));
    }
}
