using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using static LowRank.Tests.PyTorchRunFile;

namespace LowRank.Tests;

/// <summary>
/// Notebook 7's experiment against what real PyTorch 1.13 computed for it (tests/reference/pytorch-digits-lora.json,
/// written by tests/reference/pytorch_digits_lora.py): the split and the initial weights bit for bit with the portable
/// kernel, the losses of the first steps to float rounding, and the accuracies after training within a few images.
/// </summary>
public class DigitsPyTorchRunTests
{
    private const int Hidden = 32, TrainCount = 1000, ValidationCount = 400, Rank = 4;
    private const double Alpha = 8;

    private static readonly JsonNode Runs = PyTorchRunFile.Load("pytorch-digits-lora.json");

    private static JsonNode Run => Runs["default"]!;

    internal static readonly LabelledImages All = Digits.Load(Path.Combine(AppContext.BaseDirectory, "digits.csv.gz"));

    internal static readonly DigitsSplit Split = Digits.Split(All, new TorchGenerator(seed: 0), TrainCount, ValidationCount);

    internal static readonly TrainingSchedule Pretraining = new(batchSize: 50, epochs: 10, learningRate: 0.01);

    internal static readonly TrainingSchedule FineTuning = new(batchSize: 50, epochs: 5, learningRate: 0.01);

    private static readonly Lazy<MlpTrainingRun<Mlp>> Pretrained = new(() => MlpTraining.Train(Initial(), Split.Train, Pretraining));

    private static Mlp Initial() => Mlp.Initial(new TorchGenerator(seed: 1), Digits.Pixels, Hidden, Digits.Classes);

    // The same float operations summed in another order round differently: measured at most 7.3e-7 relative over all 200
    // pretraining losses and 2.4e-7 over the first 20 of each fine-tuning; a wrong gradient, bias correction or batch
    // order moves a loss by 1e-3 or more within a few steps.
    private const double FloatRounding = 2e-6;

    // Hundreds of Adam steps could turn that rounding into a different prediction for an image near a decision boundary;
    // measured, every accuracy here equals PyTorch's. Two images of the 397 is the margin; a wrong step is off by dozens.
    private const double AccuracyMargin = 2.0 / 397;

    private static void Losses(JsonNode expected, IReadOnlyList<double> actual, string what)
    {
        var losses = expected.AsArray().Select(Number).ToArray();
        for (var t = 0; t < losses.Length; t++)
        {
            Assert.True(Math.Abs(actual[t] - losses[t]) <= FloatRounding * losses[t],
                $"{what}, step {t}: PyTorch {losses[t]:R}, here {actual[t]:R}");
        }
    }

    private static void Accuracy(JsonNode? expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - Number(expected)) <= AccuracyMargin, $"{what}: PyTorch {Number(expected):R}, here {actual:R}");

    [Fact]
    public void The_split_is_PyTorchs()
    {
        var split = Run["split"]!;
        Assert.Equal(split["train"]!.AsArray().Select(v => (int)v!), Split.Order.Take(10));
        Assert.Equal(split["validation"]!.AsArray().Select(v => (int)v!), Split.Order.Skip(TrainCount).Take(10));
        Assert.Equal(split["test"]!.AsArray().Select(v => (int)v!), Split.Order.Skip(TrainCount + ValidationCount).Take(10));
        var bytes = Split.Order.SelectMany(BitConverter.GetBytes).ToArray();
        Assert.Equal((string?)split["order_sha256"], Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal([1000, 400, 397], new[] { Split.Train.Count, Split.Validation.Count, Split.Test.Count });
    }

    [Fact]
    public void The_initial_weights_are_nn_Linears_bit_for_bit()
    {
        var network = Initial();
        var hashes = Run["initial_sha256"]!;
        Assert.Equal((string?)hashes["W1"], Sha256(network.Hidden.Weight));
        Assert.Equal((string?)hashes["b1"], Sha256(network.Hidden.Bias.ToRowMatrix()));
        Assert.Equal((string?)hashes["W2"], Sha256(network.Output.Weight));
        Assert.Equal((string?)hashes["b2"], Sha256(network.Output.Bias.ToRowMatrix()));
        Assert.Equal((float)Number(Run["initial_first"]!["b2"]![0]), network.Output.Bias[0]);
    }

    [Fact]
    public void Pretraining_follows_PyTorchs_losses_and_reaches_its_accuracy()
    {
        var run = Pretrained.Value;
        var expected = Run["pretrain"]!;
        Assert.Equal(200, run.Losses.Count);
        Losses(expected["losses"]!, run.Losses, "pretraining");
        Accuracy(expected["test_accuracy"], run.Result.Accuracy(Split.Test), "test accuracy");
        Accuracy(expected["validation_accuracy"], run.Result.Accuracy(Split.Validation), "validation accuracy");
        Accuracy(expected["mirrored_test_accuracy"], run.Result.Accuracy(Split.Test.Mirrored()), "mirrored test accuracy");
        Accuracy(expected["upside_down_test_accuracy"], run.Result.Accuracy(Split.Test.UpsideDown()), "upside-down test accuracy");
    }

    [Fact]
    public void Full_fine_tuning_matches_PyTorch()
    {
        var run = MlpTraining.Train(Pretrained.Value.Result, Split.Train.Mirrored(), FineTuning);
        Check(Run["runs"]!["full"]!, run.Losses, run.Result, Pretrained.Value.Result.ParameterCount);
    }

    [Fact]
    public void Training_the_output_layer_alone_matches_PyTorch_and_leaves_the_hidden_layer()
    {
        var start = Pretrained.Value.Result;
        var run = MlpTraining.TrainOutputLayer(start, Split.Train.Mirrored(), FineTuning);
        Check(Run["runs"]!["last_layer"]!, run.Losses, run.Result, start.Output.ParameterCount);
        Assert.True(start.Hidden.Weight.Equals(run.Result.Hidden.Weight) && start.Hidden.Bias.Equals(run.Result.Hidden.Bias));
    }

    [Theory]
    [InlineData(1, Alpha, "lora_r1")]
    [InlineData(Rank, Alpha, "lora_r4")]
    [InlineData(2, 2.0, "lora_r2_alpha_r")]
    public void LoRA_matches_PyTorch(int rank, double alpha, string name)
    {
        var frozen = Pretrained.Value.Result;
        var start = MlpAdapters.Initial(new TorchGenerator(seed: 2), frozen, rank, alpha);
        var run = MlpTraining.TrainAdapters(frozen, start, Split.Train.Mirrored(), FineTuning);
        Check(Run["runs"]![name]!, run.Losses, run.Result.Merge(frozen), start.ParameterCount);
    }

    [Fact]
    public void Each_adapter_serves_its_own_task_over_one_base_as_in_PyTorch()
    {
        var frozen = Pretrained.Value.Result;
        MlpAdapters Adapter(LabelledImages train) => MlpTraining.TrainAdapters(frozen,
            MlpAdapters.Initial(new TorchGenerator(seed: 2), frozen, Rank, Alpha), train, FineTuning).Result;
        var (mirrored, upsideDown) = (Adapter(Split.Train.Mirrored()).Merge(frozen), Adapter(Split.Train.UpsideDown()).Merge(frozen));
        var swap = Run["swap"]!;
        Accuracy(Run["runs"]!["upside_down_r4"]!["new_test_accuracy"], upsideDown.Accuracy(Split.Test.UpsideDown()),
            "upside-down adapter, its task");
        Accuracy(swap["mirrored_adapter_on_upside_down"], mirrored.Accuracy(Split.Test.UpsideDown()),
            "mirrored adapter, upside-down digits");
        Accuracy(swap["upside_down_adapter_on_mirrored"], upsideDown.Accuracy(Split.Test.Mirrored()),
            "upside-down adapter, mirrored digits");
        Accuracy(Run["pretrain"]!["train_accuracy"], frozen.Accuracy(Split.Train), "pretrained, training digits");
    }

    private static void Check(JsonNode expected, IReadOnlyList<double> losses, Mlp tuned, int trainable)
    {
        Assert.Equal((int)expected["trainable"]!, trainable);
        Assert.Equal(100, losses.Count);
        Losses(expected["first_losses"]!, losses, "fine-tuning");
        Accuracy(expected["new_test_accuracy"], tuned.Accuracy(Split.Test.Mirrored()), "mirrored test accuracy");
        Accuracy(expected["new_validation_accuracy"], tuned.Accuracy(Split.Validation.Mirrored()), "mirrored validation accuracy");
        Accuracy(expected["original_test_accuracy"], tuned.Accuracy(Split.Test), "original test accuracy");
    }
}
