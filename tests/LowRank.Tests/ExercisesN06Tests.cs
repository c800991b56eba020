using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// Notebook 6's exercise checks: the model-wide adapter count is the one Hugging Face PEFT prints, and the error ratio
/// is the one the randomized SVD's steps give when written out here with Math.NET, apart from <see cref="RandomizedSvd"/>.
/// </summary>
public class ExercisesN06Tests
{
    [Fact]
    public void The_model_wide_count_is_the_one_PEFT_prints_for_Llama_2_7B_at_r_16()
    {
        // PEFT's print_trainable_parameters() for Llama-2-7B (32 blocks, hidden size 4096, MLP size 11008) with r = 16 on
        // q, k, v, o, gate, up and down prints "trainable params: 39,976,960".
        Assert.True(Exercises.N06.ModelAdapterParameters(39_976_960).Passed);
        Assert.False(Exercises.N06.ModelAdapterParameters(39_976_961).Passed);
        Assert.False(Exercises.N06.ModelAdapterParameters(39_976_959).Passed);
        Assert.False(Exercises.N06.ModelAdapterParameters(null).Passed);
        // The one 4096×11008 layer the notebook's table shows, and one block's seven adapters, are each too small.
        Assert.False(Exercises.N06.ModelAdapterParameters(241_664).Passed);
        Assert.False(Exercises.N06.ModelAdapterParameters(39_976_960 / 32).Passed);
    }

    [Fact]
    public void The_error_ratio_without_power_iterations_is_the_written_out_sketchs_and_differs_from_the_ratio_with_them()
    {
        const int n = 256, r = 16, p = 10;
        var generator = new TorchGenerator(seed: 0);
        var u = generator.Randn(n, n).Map(x => (double)x).QR().Q;
        var v = generator.Randn(n, n).Map(x => (double)x).QR().Q;
        var decaying = u * Matrix<double>.Build.DiagonalOfDiagonalVector(Vector<double>.Build.Dense(n, i => Math.Pow(i + 1,
            -1.5))) * v.Transpose();
        // HMT without power iterations: Q from W·Ω, then the SVD of QᵀW; the exact truncation from W's own SVD.
        var q = (decaying * new TorchGenerator(seed: 1).Randn(n, r + p).Map(x => (double)x)).QR().Q;
        var small = (q.Transpose() * decaying).Svd();
        var sketched = q * small.U.SubMatrix(0, r + p, 0, r) * Matrix<double>.Build.DiagonalOfDiagonalVector(small.S.SubVector(0,
            r)) * small.VT.SubMatrix(0, r, 0, n);
        var svd = decaying.Svd();
        var exact = svd.U.SubMatrix(0, n, 0, r) * Matrix<double>.Build.DiagonalOfDiagonalVector(svd.S.SubVector(0, r)) * svd.VT.SubMatrix(0,
            r, 0, n);
        var ratio = (decaying - sketched).FrobeniusNorm() / (decaying - exact).FrobeniusNorm();

        Assert.True(Exercises.N06.ErrorRatioWithoutPowerIterations(ratio).Passed);
        Assert.False(Exercises.N06.ErrorRatioWithoutPowerIterations(ratio * 1.002).Passed);
        Assert.False(Exercises.N06.ErrorRatioWithoutPowerIterations(ratio * 0.998).Passed);
        // With the notebook's two power iterations the ratio is 1 to four digits; without them it is measurably larger.
        Assert.True(ratio > 1.01, $"ratio {ratio}");
        Assert.False(Exercises.N06.ErrorRatioWithoutPowerIterations(1.0).Passed);
    }
}
