using System.IO.Compression;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>Every public entry point of the network layer refuses bad input with an exception naming the argument.</summary>
public class NetworkValidationTests
{
    private static readonly Mlp Network = Mlp.Initial(new TorchGenerator(seed: 1), 4, 3, 2);

    private static LabelledImages Images(int count = 3) =>
        new(Matrix<float>.Build.Dense(4, count, (i, j) => (i + j) / 8f), Enumerable.Range(0, count).Select(j => j % 2).ToArray(), 2);

    private static readonly TrainingSchedule Schedule = new(batchSize: 2, epochs: 1, learningRate: 0.01);

    [Fact]
    public void Labelled_images_need_square_images_finite_pixels_and_labels_in_range()
    {
        Rejects.Throws<ArgumentException>(
            () => _ = new LabelledImages(Matrix<float>.Build.Dense(5, 2), [0, 1], 2), "images", "square", "5");
        Rejects.Throws<ArgumentException>(
            () => _ = new LabelledImages(Matrix<float>.Build.Dense(4, 2, float.NaN), [0, 1], 2), "images", "finite");
        Rejects.Throws<ArgumentException>(() => _ = new LabelledImages(Matrix<float>.Build.Dense(4, 2), [0], 2), "labels", "2", "1");
        Rejects.Throws<ArgumentException>(
            () => _ = new LabelledImages(Matrix<float>.Build.Dense(4, 2), [0, 2], 2), "labels", "labels[1]", "0 to 1");
        Rejects.Throws<ArgumentException>(() => _ = new LabelledImages(Matrix<float>.Build.Dense(4, 2), [0, -1], 2), "labels", "labels[1]");
        Rejects.Throws<ArgumentOutOfRangeException>(
            () => _ = new LabelledImages(Matrix<float>.Build.Dense(4, 2), [0, 0], 1), "classes", "at least 2");
        Rejects.Throws<ArgumentNullException>(() => _ = new LabelledImages(Matrix<float>.Build.Dense(4, 2), null!, 2), "labels");
        Rejects.Throws<ArgumentException>(() => Images().Select([]), "indices", "at least one");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Images().Select([0, 3]), "indices", "indices[1]", "0 to 2", "3");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Images().Select([-1]), "indices", "-1");
        Rejects.Throws<ArgumentNullException>(() => Images().Select(null!), "indices");
    }

    [Fact]
    public void Mirroring_and_turning_move_pixels_within_each_row_or_column()
    {
        var image = new LabelledImages(Matrix<float>.Build.Dense(4, 1, [1, 2, 3, 4]), [1], 2);
        Assert.Equal([2f, 1, 4, 3], image.Mirrored().Images.Column(0).ToArray());
        Assert.Equal([3f, 4, 1, 2], image.UpsideDown().Images.Column(0).ToArray());
        Assert.Equal([1], image.Mirrored().Labels);
        Assert.Equal(2, image.Side);
    }

    [Fact]
    public void Digits_files_are_read_as_scikit_learn_ships_them_and_bad_ones_named()
    {
        var all = Digits.Load();
        Assert.Equal(1797, all.Count);
        // scikit-learn's load_digits(): the first image's first row is 0, 0, 5, 13, 9, 1, 0, 0, and it is a 0.
        Assert.Equal([0f, 0, 5 / 16f, 13 / 16f, 9 / 16f, 1 / 16f, 0, 0], all.Images.Column(0).SubVector(0, 8).ToArray());
        Assert.Equal(0, all.Labels[0]);
        Assert.Equal(
            [178, 182, 177, 183, 181, 182, 181, 179, 174, 180], Enumerable.Range(0, 10).Select(d => all.Labels.Count(l => l == d)));

        var folder = Directory.CreateTempSubdirectory("lowrank-digits-");
        try
        {
            string Write(string text)
            {
                var path = Path.Combine(folder.FullName, $"{Guid.NewGuid():N}.csv.gz");
                using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
                gzip.Write(Encoding.ASCII.GetBytes(text));
                return path;
            }
            var row = string.Join(",", Enumerable.Repeat("16", 64));
            Assert.Equal(1f, Digits.Load(Write(row + ",9\n")).Images[63, 0]);
            var bad = Write(row + ",10\n");
            Rejects.Throws<ArgumentException>(() => Digits.Load(bad), "path", $"{bad}, line 1, field 65: expected an integer from 0 to 9");
            Rejects.Throws<ArgumentException>(() => Digits.Load(Write("17," + row[3..] + ",1\n")), "path", "field 1", "found '17'");
            Rejects.Throws<ArgumentException>(() => Digits.Load(Write("-1," + row[3..] + ",1\n")), "path", "field 1", "found '-1'");
            Rejects.Throws<ArgumentException>(() => Digits.Load(Write("1,2\n")), "path", "expected 65 comma-separated numbers, found 2");
            Rejects.Throws<ArgumentException>(() => Digits.Load(Write("\n")), "path", "holds no images");
            var missing = Path.Combine(folder.FullName, "missing.csv.gz");
            Rejects.Throws<ArgumentException>(() => Digits.Load(missing), "path", $"path names no file: {missing}");
            Rejects.Throws<ArgumentException>(() => Digits.Load(folder.FullName), "path", "path names no file");
            var plain = Path.Combine(folder.FullName, "plain.csv.gz");
            File.WriteAllText(plain, row + ",9\n");
            Rejects.Throws<ArgumentException>(() => Digits.Load(plain), "path", $"{plain} is not gzip-compressed");
            var oneByte = Path.Combine(folder.FullName, "one-byte.csv.gz");
            File.WriteAllBytes(oneByte, [0x1f]);
            Rejects.Throws<ArgumentException>(() => Digits.Load(oneByte), "path", "is not gzip-compressed");
            Rejects.Throws<ArgumentException>(() => Digits.Load(" "), "path");
            Rejects.Throws<ArgumentNullException>(() => Digits.Load(null!), "path");
            // gzip starts with 1f 8b: either byte alone is not enough, and the two alone are a gzip stream cut short.
            foreach (var start in new byte[][] { [0x00, 0x8b, 0x08], [0x1f, 0x00, 0x08] })
            {
                var other = Path.Combine(folder.FullName, $"{start[0]:x2}{start[1]:x2}.csv.gz");
                File.WriteAllBytes(other, start);
                Rejects.Throws<ArgumentException>(() => Digits.Load(other), "path", "is not gzip-compressed");
            }
            var magicOnly = Path.Combine(folder.FullName, "magic-only.csv.gz");
            File.WriteAllBytes(magicOnly, [0x1f, 0x8b]);
            var cut = Assert.Throws<ArgumentException>(() => Digits.Load(magicOnly));
            Assert.Equal("path", cut.ParamName);
            Assert.DoesNotContain("not gzip-compressed", cut.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_split_needs_room_for_each_set()
    {
        var all = Images(5);
        var split = Digits.Split(all, new TorchGenerator(seed: 0), 2, 2);
        Assert.Equal([2, 2, 1], new[] { split.Train.Count, split.Validation.Count, split.Test.Count });
        Assert.Equal([0, 1, 2, 3, 4], split.Order.Order());
        Rejects.Throws<ArgumentOutOfRangeException>(
            () => Digits.Split(all, new TorchGenerator(seed: 0), 3, 2), "validation", "less than the 5", "3 + 2");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Digits.Split(all, new TorchGenerator(seed: 0), 0, 2), "train");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Digits.Split(all, new TorchGenerator(seed: 0), 2, 0), "validation");
        Rejects.Throws<ArgumentNullException>(() => Digits.Split(all, null!, 2, 2), "generator");
        Rejects.Throws<ArgumentNullException>(() => Digits.Split(null!, new TorchGenerator(seed: 0), 2, 2), "all");
    }

    [Fact]
    public void Layers_and_networks_need_matching_shapes()
    {
        Rejects.Throws<ArgumentException>(
            () => _ = new DenseLayer(Matrix<float>.Build.Dense(3, 4), Vector<float>.Build.Dense(4)), "bias", "3", "4");
        Rejects.Throws<ArgumentException>(
            () => _ = new DenseLayer(Matrix<float>.Build.Dense(3, 4), Vector<float>.Build.Dense(3, float.PositiveInfinity)),
            "bias", "finite");
        Rejects.Throws<ArgumentOutOfRangeException>(() => DenseLayer.Initial(new TorchGenerator(seed: 0), 0, 3), "inputs");
        Rejects.Throws<ArgumentException>(() => _ = new Mlp(Network.Hidden, Network.Hidden), "output", "3 outputs", "takes 4");
        Rejects.Throws<ArgumentNullException>(() => _ = new Mlp(null!, Network.Output), "hidden");
        Rejects.Throws<ArgumentNullException>(() => _ = new Mlp(Network.Hidden, null!), "output");
        // The layer's own names, not TorchInit's rows and cols.
        Rejects.Throws<ArgumentOutOfRangeException>(() => DenseLayer.Initial(new TorchGenerator(seed: 0), 3, 0), "outputs");
        Rejects.Throws<ArgumentOutOfRangeException>(() => DenseLayer.Initial(new TorchGenerator(seed: 0), int.MaxValue, 2), "outputs",
            "outputs x inputs = 2 x 2147483647");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Mlp.Initial(new TorchGenerator(seed: 0), 4, 3, 1), "classes", "at least 2");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Mlp.Initial(new TorchGenerator(seed: 0), 4, 0, 2), "hidden");
        Rejects.Throws<ArgumentException>(() => Network.Logits(Matrix<float>.Build.Dense(5, 1)), "images", "4 rows", "5x1");
        Rejects.Throws<ArgumentException>(
            () => Network.Accuracy(new LabelledImages(Matrix<float>.Build.Dense(4, 1), [2], 3)), "data", "3 classes", "2 outputs");
        Rejects.Throws<ArgumentNullException>(() => Network.Loss(null!), "data");
        Rejects.Throws<ArgumentOutOfRangeException>(() => TorchInit.LinearBias(new TorchGenerator(seed: 0), 3, 0), "fanIn");
        Assert.Equal(4 * 3 + 3 + 3 * 2 + 2, Network.ParameterCount);
    }

    [Fact]
    public void The_loss_and_accuracy_are_the_definitions()
    {
        // Zero weights: every logit is the bias, so the loss is −log softmax(b₂)[label] and argmax is the larger bias.
        var zero = new Mlp(new DenseLayer(Matrix<float>.Build.Dense(3, 4), Vector<float>.Build.Dense(3)),
            new DenseLayer(Matrix<float>.Build.Dense(2, 3), Vector<float>.Build.Dense([0f, 1f])));
        var data = Images(4);
        Assert.Equal(0.5, zero.Accuracy(data));
        // Bias 1 on class 1 makes it every image's prediction: the images labelled 1 are all right.
        Assert.Equal(1.0, zero.Accuracy(data.Select([1, 3])));
        // Equal logits: argmax takes the first, class 0, as torch.argmax does; the images are labelled 0, 1, 0, 1.
        var tied = new Mlp(zero.Hidden, new DenseLayer(Matrix<float>.Build.Dense(2, 3), Vector<float>.Build.Dense([1f, 1f])));
        Assert.Equal(0.5, tied.Accuracy(data));
        Assert.Equal(1.0, tied.Accuracy(data.Select([0, 2])));
        var expected = (Math.Log(1 + Math.E) + (Math.Log(1 + Math.E) - 1)) / 2;
        Assert.Equal(expected, zero.Loss(data), 1e-7);
    }

    [Fact]
    public void Adapters_must_fit_the_network_and_each_other()
    {
        var adapters = MlpAdapters.Initial(new TorchGenerator(seed: 2), Network, rank: 2, alpha: 4);
        Assert.Equal(2 * (3 + 4) + 2 * (2 + 3), adapters.ParameterCount);
        Assert.Equal(2, adapters.Rank);
        Assert.True(adapters.Merge(Network).Hidden.Weight.Equals(Network.Hidden.Weight));
        Rejects.Throws<ArgumentOutOfRangeException>(
            () => MlpAdapters.Initial(new TorchGenerator(seed: 2), Network, rank: 3, alpha: 4), "rank");
        Rejects.Throws<ArgumentOutOfRangeException>(
            () => MlpAdapters.Initial(new TorchGenerator(seed: 2), Network, rank: 1, alpha: 0), "alpha");
        Rejects.Throws<ArgumentException>(() => _ = new MlpAdapters(adapters.Hidden, adapters.Hidden), "output", "3 inputs");
        var otherAlpha = new LoraAdapter<float>(adapters.Output.B, adapters.Output.A, 5);
        Rejects.Throws<ArgumentException>(() => _ = new MlpAdapters(adapters.Hidden, otherAlpha), "output", "alpha 4", "alpha 5");
        Rejects.Throws<ArgumentNullException>(() => adapters.Merge(null!), "network");
        Rejects.Throws<ArgumentNullException>(() => MlpAdapters.Initial(new TorchGenerator(seed: 2), null!, 1, 1), "network");
        // Rank 3 fits the hidden layer (3x4) but not the output layer (2x3): refused before the hidden layer's A is drawn.
        var generator = new TorchGenerator(seed: 2);
        Rejects.Throws<ArgumentOutOfRangeException>(() => MlpAdapters.Initial(generator, Network, rank: 3, alpha: 4), "rank", "2x3");
        Assert.Equal(new TorchGenerator(seed: 2).Randn(1, 4).ToColumnMajorArray(), generator.Randn(1, 4).ToColumnMajorArray());
        var wide = Mlp.Initial(new TorchGenerator(seed: 1), 4, 5, 2);
        Rejects.Throws<ArgumentException>(() => adapters.Merge(wide), "network", "weights of 3x4 and 2x3", "has 5x4 and 2x5");
        Rejects.Throws<ArgumentException>(
            () => adapters.Merge(Mlp.Initial(new TorchGenerator(seed: 1), 5, 3, 2)), "network", "has 3x5 and 2x3");
        Rejects.Throws<ArgumentException>(
            () => adapters.Merge(Mlp.Initial(new TorchGenerator(seed: 1), 4, 3, 3)), "network", "has 3x4 and 3x3");
    }

    [Fact]
    public void A_merge_that_overflows_float_is_refused_naming_the_network_or_the_update()
    {
        // B = 1, A = 1, α/r = 1e38: the update is 1e38 everywhere, finite; on a weight of 3e38 the sum is not.
        static LoraAdapter<float> Ones(int d, int k) => new(Matrix<float>.Build.Dense(d, 1, 1), Matrix<float>.Build.Dense(1, k, 1), 1e38);
        var adapters = new MlpAdapters(Ones(3, 4), Ones(2, 3));
        var heavy = new Mlp(new DenseLayer(Matrix<float>.Build.Dense(3, 4, 3e38f), Vector<float>.Build.Dense(3)), Network.Output);
        Rejects.Throws<ArgumentException>(() => adapters.Merge(heavy), "network", "The hidden layer's W + (α/r)·B·A overflows Single",
            "A float network cannot hold it");
        // One entry of 3e38 among zeros overflows alone.
        var oneHeavy = new Mlp(new DenseLayer(Matrix<float>.Build.Dense(3, 4, (i, j) => i == 2 && j == 3 ? 3e38f : 0),
            Vector<float>.Build.Dense(3)), Network.Output);
        Rejects.Throws<ArgumentException>(() => adapters.Merge(oneHeavy), "network", "The hidden layer's");
        var heavyOutput = new Mlp(Network.Hidden, new DenseLayer(Matrix<float>.Build.Dense(2, 3, 3e38f), Vector<float>.Build.Dense(2)));
        Rejects.Throws<ArgumentException>(() => adapters.Merge(heavyOutput), "network", "The output layer's W + (α/r)·B·A overflows");
        // On the small network the same adapters merge to W + 1e38 exactly as float rounds it.
        Assert.Equal(Network.Hidden.Weight[0, 0] + 1e38f, adapters.Merge(Network).Hidden.Weight[0, 0]);
        // B = 4: the update 4e38 itself leaves float's range, which is the adapters' own doing, as in LoraAdapter.Delta().
        var overflowing = new MlpAdapters(
            new LoraAdapter<float>(Matrix<float>.Build.Dense(3, 1, 4), Matrix<float>.Build.Dense(1, 4, 1), 1e38), Ones(2, 3));
        Assert.Contains("s·B·A overflows Single", Assert.Throws<OverflowException>(() => overflowing.Merge(Network)).Message);
    }

    [Fact]
    public void Training_needs_a_schedule_and_data_that_fit_the_network()
    {
        Rejects.Throws<ArgumentOutOfRangeException>(() => _ = new TrainingSchedule(0, 1, 0.1), "batchSize");
        Rejects.Throws<ArgumentOutOfRangeException>(() => _ = new TrainingSchedule(1, 0, 0.1), "epochs");
        Rejects.Throws<ArgumentOutOfRangeException>(() => _ = new TrainingSchedule(1, 1, double.NaN), "learningRate");
        var nineClasses = new LabelledImages(Matrix<float>.Build.Dense(4, 2), [0, 8], 9);
        Rejects.Throws<ArgumentException>(() => MlpTraining.Train(Network, nineClasses, Schedule), "train", "2 classes");
        Rejects.Throws<ArgumentNullException>(() => MlpTraining.TrainOutputLayer(Network, Images(), null!), "schedule");
        Rejects.Throws<ArgumentNullException>(() => MlpTraining.TrainAdapters(Network, null!, Images(), Schedule), "start");
        var wide = Mlp.Initial(new TorchGenerator(seed: 1), 4, 5, 2);
        var adapters = MlpAdapters.Initial(new TorchGenerator(seed: 2), Network, rank: 1, alpha: 1);
        Rejects.Throws<ArgumentException>(() => MlpTraining.TrainAdapters(wide, adapters, Images(), Schedule), "start", "must fit");
        Rejects.Throws<ArgumentException>(
            () => MlpTraining.Train(Network, Images(), new TrainingSchedule(2, 3, 1e300)), "schedule", "overflowed");
        // Three images in batches of two: a full batch, then the one left, in every epoch.
        Assert.Equal(4, MlpTraining.Train(Network, Images(), new TrainingSchedule(2, 2, 0.01)).Losses.Count);
        Rejects.Throws<ArgumentNullException>(() => MlpTraining.TrainAdapters(null!, adapters, Images(), Schedule), "frozen");
    }

    [Fact]
    public void A_schedule_of_more_than_a_million_steps_is_refused_and_a_batch_beyond_the_data_is_the_data()
    {
        Assert.Equal(1_000_000, TrainingSchedule.MaxSteps);
        Assert.Equal(TrainingSchedule.MaxSteps, new TrainingSchedule(1, TrainingSchedule.MaxSteps, 0.1).Epochs);
        Rejects.Throws<ArgumentOutOfRangeException>(() => _ = new TrainingSchedule(1, TrainingSchedule.MaxSteps + 1, 0.1), "epochs",
            "at most 1000000", "1000001");
        Rejects.Throws<ArgumentOutOfRangeException>(() => _ = new TrainingSchedule(1, int.MaxValue, 0.1), "epochs", "2147483647");
        // 3 images one at a time for 333,334 epochs: 1,000,002 steps, refused before any is taken.
        Rejects.Throws<ArgumentOutOfRangeException>(() => MlpTraining.Train(Network, Images(), new TrainingSchedule(1, 333_334, 0.01)),
            "schedule", "takes 1000002 steps (333334 epochs of 3 batches of the 3 images)", "MaxSteps = 1000000");
        Rejects.Throws<ArgumentOutOfRangeException>(
            () => MlpTraining.TrainOutputLayer(Network, Images(), new TrainingSchedule(1, 333_334, 0.01)), "schedule", "1000002 steps");
        Rejects.Throws<ArgumentOutOfRangeException>(() => MlpTraining.TrainAdapters(Network,
            MlpAdapters.Initial(new TorchGenerator(seed: 2), Network, rank: 1, alpha: 1), Images(), new TrainingSchedule(1, 333_334, 0.01)),
            "schedule", "1000002 steps");
        // A batch of int.MaxValue images is all three, one step an epoch, as a batch of exactly three is.
        var whole = MlpTraining.Train(Network, Images(), new TrainingSchedule(3, 2, 0.01)).Losses;
        Assert.Equal(2, whole.Count);
        Assert.Equal(whole, MlpTraining.Train(Network, Images(), new TrainingSchedule(int.MaxValue, 2, 0.01)).Losses);
        Assert.Equal(whole, MlpTraining.Train(Network, Images(), new TrainingSchedule(4, 2, 0.01)).Losses);
    }

    [Fact]
    public void Adam_refuses_sizes_and_arrays_that_do_not_match()
    {
        Rejects.Throws<ArgumentOutOfRangeException>(() => _ = new Adam(0, 3), "learningRate");
        Rejects.Throws<ArgumentNullException>(() => _ = new Adam(0.1, null!), "sizes");
        Rejects.Throws<ArgumentOutOfRangeException>(
            () => _ = new Adam(0.1, 3, -1), "sizes", "sizes[1] must be a number of entries, 0 or more, but was -1.");
        var adam = new Adam(0.1, 2, 1);
        Rejects.Throws<ArgumentException>(() => adam.Step(new[] { new float[2] }, new[] { new float[2] }), "parameters",
            "Adam was made for 2 parameters, but was given 1 parameters and 1 gradients.");
        Rejects.Throws<ArgumentException>(() => adam.Step(new[] { new float[2], new float[1] }, new[] { new float[2] }), "parameters",
            "given 2 parameters and 1 gradients");
        Rejects.Throws<ArgumentException>(() => adam.Step(new[] { new float[2], new float[2] }, new[] { new float[2], new float[1] }),
            "parameters", "parameters[1] and gradients[1] must both have 1 entries, but have 2 and 1.");
        Rejects.Throws<ArgumentException>(() => adam.Step(new[] { new float[2], new float[1] }, new[] { new float[3], new float[1] }),
            "parameters", "parameters[0] and gradients[0] must both have 2 entries, but have 2 and 3.");
        Assert.Equal(0, adam.Steps);
        // Sizes of 0 are a parameter with no entries, which a step leaves as it is.
        var empty = new Adam(0.1, 0);
        empty.Step(new[] { Array.Empty<float>() }, new[] { Array.Empty<float>() });
        Assert.Equal(1, empty.Steps);
    }

    [Fact]
    public void A_first_layer_gradient_that_overflows_alone_stops_training_at_its_own_step()
    {
        // Hidden units at 1e-38 and output weights of ±3e38: logits ±9 and the loss 18 are finite, ∂L/∂W₂ = ∂L/∂Z·Hᵀ is
        // tiny, but ∂L/∂H = W₂ᵀ·∂L/∂Z = 3e38 + 3e38 is not, so ∂L/∂W₁ overflows by itself at step 0.
        var network = new Mlp(new DenseLayer(Matrix<float>.Build.Dense(3, 4), Vector<float>.Build.Dense(3, 1e-38f)),
            new DenseLayer(Matrix<float>.Build.Dense(2, 3, (i, _) => i == 0 ? 3e38f : -3e38f), Vector<float>.Build.Dense(2)));
        var image = new LabelledImages(Matrix<float>.Build.Dense(4, 1, 100), [1], 2);
        Assert.Equal(18, network.Loss(image), 1e-5);
        Rejects.Throws<ArgumentException>(() => MlpTraining.Train(network, image, new TrainingSchedule(1, 2, 0.01)), "schedule",
            "The loss or its gradients overflowed at step 0: use a smaller learning rate.");
    }

    [Fact]
    public void Logits_that_overflow_float_are_refused_not_returned()
    {
        // Every weight 3e38 and pixels of 1: W₁·x sums four of them, past float's 3.4e38.
        var heavy = new Mlp(new DenseLayer(Matrix<float>.Build.Dense(3, 4, 3e38f), Vector<float>.Build.Dense(3)),
            new DenseLayer(Matrix<float>.Build.Dense(2, 3, 1), Vector<float>.Build.Dense(2)));
        var ones = new LabelledImages(Matrix<float>.Build.Dense(4, 2, 1), [0, 1], 2);
        Rejects.Throws<ArgumentException>(() => heavy.Logits(ones.Images), "images", "overflow float for these images",
            "Single.MaxValue = 3.4028235E+38");
        Rejects.Throws<ArgumentException>(() => heavy.Accuracy(ones), "images", "overflow float");
        Rejects.Throws<ArgumentException>(() => heavy.Loss(ones), "images", "overflow float");
        // The same network on pixels of 2^-3: W₁·x = 1.5e38 per unit, finite, and the logits 4.5e38·1 are not.
        Rejects.Throws<ArgumentException>(() => heavy.Logits(Matrix<float>.Build.Dense(4, 1, 0.125f)), "images", "overflow float");
        // Pixels of 2^-4 keep every sum finite: 7.5e37 per unit, 2.25e38 per logit.
        Assert.Equal(2.25e38f, heavy.Logits(Matrix<float>.Build.Dense(4, 1, 0.0625f))[0, 0]);
    }

    [Fact]
    public void Empty_images_and_layers_and_layers_too_large_to_count_are_refused()
    {
        Rejects.Throws<ArgumentException>(() => _ = new LabelledImages(Matrix<float>.Build.Dense(4, 0), [], 2), "images",
            "at least one image of at least one pixel, but is 4x0");
        Rejects.Throws<ArgumentException>(() => _ = new LabelledImages(Matrix<float>.Build.Dense(0, 2), [0, 1], 2), "images", "is 0x2");
        Rejects.Throws<ArgumentException>(() => _ = new DenseLayer(Matrix<float>.Build.Dense(0, 0), Vector<float>.Build.Dense(0)),
            "weight", "at least one output and one input, but is 0x0");
        Rejects.Throws<ArgumentException>(() => _ = new DenseLayer(Matrix<float>.Build.Dense(3, 0), Vector<float>.Build.Dense(3)),
            "weight", "is 3x0");
        Rejects.Throws<ArgumentException>(() => _ = new DenseLayer(Matrix<float>.Build.Dense(0, 3), Vector<float>.Build.Dense(0)),
            "weight", "is 0x3");
        Rejects.Throws<ArgumentNullException>(() => _ = new DenseLayer(null!, Vector<float>.Build.Dense(3)), "weight");
        Rejects.Throws<ArgumentNullException>(() => _ = new DenseLayer(Matrix<float>.Build.Dense(3, 4), null!), "bias");
        // A sparse weight can be this large without memory; its 46341·(46340 + 1) = 2,147,488,281 parameters are more than
        // one array holds (training copies a weight into one) and would wrap ParameterCount's int.
        Rejects.Throws<ArgumentOutOfRangeException>(
            () => _ = new DenseLayer(Matrix<float>.Build.Sparse(46341, 46340), Vector<float>.Build.Dense(46341)), "weight",
            "weight is 46341x46340: with its bias 2147488281 numbers, but a layer holds at most 2147483591");
    }
}
