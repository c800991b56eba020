using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using static LowRank.Tests.PyTorchRunFile;

namespace LowRank.Tests;

/// <summary>
/// Notebook 5's problem, training runs and loss optimum against what real PyTorch 1.13 computed for them
/// (tests/reference/pytorch-lora-training.json, written by tests/reference/pytorch_lora_training.py): data and A bit for
/// bit with the portable kernel, gradients from autograd, losses after hundreds of float steps to float's drift; and what
/// a learner on the AVX2 kernel sees instead.
/// </summary>
public class LoraPyTorchRunTests
{
    private const int D = 64, K = 64, N = 256;

    private static readonly JsonNode Runs = PyTorchRunFile.Load("pytorch-lora-training.json");

    private static JsonNode Run => Runs["default"]!;

    private static readonly LoraProblem Problem = LoraProblem.Synthetic(new TorchGenerator(seed: 0), D, K, N, updateRank: 2, noise: 0.1f);

    // Hundreds of float steps taken by autograd's products and by the written-out ones round differently; the runs stay
    // within this of each other (measured: at most 2e-7 relative), while a wrong step, seed or scale moves a loss by far more.
    private const double FloatDrift = 2e-6;

    private static LoraAdapter<float> Start(int rank, double alpha) => LoraAdapter.Initial(new TorchGenerator(seed: 1), D, K, rank, alpha);

    private static LoraTrainingRun<float> Train(LoraAdapter<float> start, int steps, double learningRate = 0.5) =>
        LoraStep.Train(Problem.W0, start, Problem.X, Problem.Y, learningRate, steps);

    private static double Distance(Matrix<float> delta) =>
        (delta.Map(v => (double)v) - Problem.TargetDelta.Map(v => (double)v)).FrobeniusNorm();

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: PyTorch {expected:R}, here {actual:R}");

    [Fact]
    public void The_reference_ran_on_both_kernels()
    {
        Assert.Equal("NO AVX", (string?)Runs["default"]!["cpu_capability_usage"]);
        Assert.Equal("AVX2", (string?)Runs["avx2"]!["cpu_capability_usage"]);
    }

    [Fact]
    public void The_problem_and_A_equal_PyTorchs_bit_for_bit()
    {
        var hashes = Run["sha256"]!;
        Assert.Equal((string?)hashes["W0"], Sha256(Problem.W0));
        Assert.Equal((string?)hashes["target_delta"], Sha256(Problem.TargetDelta));
        Assert.Equal((string?)hashes["X"], Sha256(Problem.X));
        Assert.Equal((string?)hashes["Y"], Sha256(Problem.Y));
        Assert.Equal((string?)hashes["A"], Sha256(Start(2, 2).A));
    }

    [Fact]
    public void Rank_2_training_follows_PyTorchs_loss_curve()
    {
        var steps = (int)Number(Run["steps"]);
        var run = Train(Start(2, 2), steps);
        foreach (var (step, loss) in Run["losses"]!.AsObject())
        {
            Close(Number(loss), run.Losses[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)], FloatDrift,
                $"loss at step {step}");
        }
        Close(Number(Run["learned_distance"]), Distance(run.Adapter.Delta()), FloatDrift, "‖(α/r)·B·A − ΔW*‖");
    }

    [Fact]
    public void Gradients_after_one_step_are_autograds()
    {
        var oneStep = Train(Start(2, 2), steps: 1).Adapter.Cast<double>();
        var gradients = LoraStep.Gradients(Problem.W0.Map(v => (double)v), oneStep, Problem.X.Map(v => (double)v),
            Problem.Y.Map(v => (double)v));
        var reference = Run["after_one_step"]!;
        var gradB = Matrix<double>.Build.DenseOfRowArrays(
            reference["grad_B"]!.AsArray().Select(row => row!.AsArray().Select(Number).ToArray()));
        var gradA = Matrix<double>.Build.DenseOfRowArrays(
            reference["grad_A"]!.AsArray().Select(row => row!.AsArray().Select(Number).ToArray()));

        Assert.NotEqual(0, gradA.FrobeniusNorm());
        Close(Number(reference["loss"]), gradients.Loss, FloatDrift, "loss after one step");
        Assert.True((gradients.GradB - gradB).FrobeniusNorm() <= FloatDrift * gradB.FrobeniusNorm(),
            $"∂L/∂B off by {(gradients.GradB - gradB).FrobeniusNorm():e2}");
        Assert.True((gradients.GradA - gradA).FrobeniusNorm() <= FloatDrift * gradA.FrobeniusNorm(),
            $"∂L/∂A off by {(gradients.GradA - gradA).FrobeniusNorm():e2}");
    }

    [Fact]
    public void Starting_from_A_and_B_zero_never_moves()
    {
        var reference = Run["zero_start"]!;
        var run = Train(new LoraAdapter<float>(Matrix<float>.Build.Dense(D, 2), Matrix<float>.Build.Dense(2, K), 2),
            (int)Number(reference["steps"]));
        // PyTorch's loss is a float mean, ours a double sum of the same float residuals: they differ near float's rounding.
        Close(Number(reference["first_loss"]), run.Losses[0], 1e-6, "loss at the start");
        Close(Number(reference["final_loss"]), run.FinalLoss, 1e-6, "loss after the last step");
        Assert.Equal(run.Losses[0], run.FinalLoss);
        Assert.Equal(0, run.Adapter.B.FrobeniusNorm() + run.Adapter.A.FrobeniusNorm());
    }

    [Fact]
    public void A_standard_normal_A_is_where_PyTorch_leaves_it()
    {
        var reference = Run["std_one"]!;
        var start = new LoraAdapter<float>(Matrix<float>.Build.Dense(D, 2), new TorchGenerator(seed: 1).Randn(2, K), 2);
        Close(Number(reference["final_loss"]), Train(start, (int)Number(reference["steps"])).FinalLoss, FloatDrift,
            "loss with a standard normal A");
    }

    [Fact]
    public void Rank_sweep_and_held_alpha_runs_end_where_PyTorchs_do()
    {
        var steps = (int)Number(Run["steps"]);
        var held = Run["held_alpha"]!;
        var (heldAlpha, heldSteps) = (Number(held["alpha"]), (int)Number(held["steps"]));
        // Three of the eight ranks: both ends and one in between keep the test to a few seconds.
        foreach (var point in Run["sweep"]!.AsArray().Where(p => (int)Number(p!["rank"]) is 1 or 3 or 8))
        {
            var rank = (int)Number(point!["rank"]);
            var run = Train(Start(rank, rank), steps);
            Close(Number(point["final_loss"]), run.FinalLoss, FloatDrift, $"r = {rank}: final loss");
            Close(Number(point["loss_at_held_alpha_steps"]), run.Losses[heldSteps], FloatDrift, $"r = {rank}: loss at step {heldSteps}");
            Close(Number(point["trained_distance"]), Distance(run.Adapter.Delta()), FloatDrift, $"r = {rank}: distance to ΔW*");
            Close(Number(point["held_alpha_loss_at_held_alpha_steps"]), Train(Start(rank, heldAlpha), heldSteps).FinalLoss, FloatDrift,
                $"r = {rank}, α = {heldAlpha}: loss at step {heldSteps}");
        }
    }

    [Fact]
    public void The_loss_optimum_is_PyTorchs_least_squares_route_and_Eckart_Young_is_its_SVD()
    {
        var target = Problem.TargetDelta.Map(v => (double)v);
        var sigma = target.Svd(computeVectors: false).S;
        foreach (var point in Run["sweep"]!.AsArray())
        {
            var rank = (int)Number(point!["rank"]);
            var fit = ReducedRankRegression.Of(Problem.W0, Problem.X, Problem.Y, rank);
            // Both in double from the same float data, by different formulas: only double's rounding differs.
            Close(Number(point["optimum_loss"]), fit.Loss, 1e-9, $"r = {rank}: loss of the optimum");
            Close(Number(point["optimum_distance"]), (fit.Delta - target).FrobeniusNorm(), 1e-9,
                $"r = {rank}: distance of the optimum to ΔW*");
            Close(Number(point["optimum_norm"]), fit.Delta.FrobeniusNorm(), 1e-9, $"r = {rank}: ‖optimum‖");
            Close(Number(point["eckart_young"]), Math.Sqrt(sigma.Skip(rank).Sum(s => s * s)), 1e-9, $"r = {rank}: Eckart–Young");
        }
    }

    [Fact]
    public void On_the_AVX2_kernel_the_data_differ_in_low_bits_but_the_printed_digits_do_not()
    {
        var (portable, avx2) = (Runs["default"]!, Runs["avx2"]!);
        foreach (var name in new[] { "W0", "target_delta", "X", "Y" })
        {
            Assert.NotEqual((string?)portable["sha256"]![name], (string?)avx2["sha256"]![name]);
        }
        // kaiming_uniform_'s bound 1/√64 = 1/8 is a power of two, so the fused multiply-add of the AVX2 kernel rounds the same.
        Assert.Equal((string?)portable["sha256"]!["A"], (string?)avx2["sha256"]!["A"]);

        // Each value as notebook 5 prints it, by its path in a run.
        var printed = new List<(string Path, string Format)>
        {
            ("losses/0", "F6"), ("losses/100", "F6"), ("losses/200", "F6"), ("losses/300", "F6"), ("losses/500", "F6"),
            ("learned_distance", "F4"), ("std_one/final_loss", "F6"), ("zero_start/final_loss", "F6"),
            ("merged/adapter_off_to_target", "F4"), ("merged/merged_to_target", "F4"),
            ("target_singular_values/0", "F3"), ("target_singular_values/2", "F3"),
            ("xxt_over_n_eigenvalues/0", "F2"), ("xxt_over_n_eigenvalues/1", "F2"),
            ("exercises/loss_with_gaussian_B", "F4"), ("exercises/small_learning_rate_final_loss", "F4"),
        };
        for (var i = 0; i < 8; i++)
        {
            printed.AddRange([($"sweep/{i}/final_loss", "F6"), ($"sweep/{i}/loss_at_held_alpha_steps", "F6"), ($"sweep/{i}/optimum_loss",
                "F6"),
                ($"sweep/{i}/held_alpha_loss_at_held_alpha_steps", "F6"), ($"sweep/{i}/optimum_distance", "F4"), ($"sweep/{i}/eckart_young",
                    "F4")]);
        }
        static string Format(JsonNode run, string path, string format) =>
            Number(path.Split('/').Aggregate(run, (node, key) => node is JsonArray array ? array[int.Parse(key,
                System.Globalization.CultureInfo.InvariantCulture)]! : node[key]!))
                .ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(printed, p => Assert.Equal(Format(portable, p.Path, p.Format), Format(avx2, p.Path, p.Format)));
    }
}
