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
            Assert.Contains("line 1, field 65", Assert.Throws<InvalidDataException>(() => Digits.Load(Write(row + ",10\n"))).Message);
            Assert.Contains("field 1", Assert.Throws<InvalidDataException>(() => Digits.Load(Write("17," + row[3..] + ",1\n"))).Message);
            Assert.Contains("found 2", Assert.Throws<InvalidDataException>(() => Digits.Load(Write("1,2\n"))).Message);
            Assert.Contains("no images", Assert.Throws<InvalidDataException>(() => Digits.Load(Write("\n"))).Message);
            Assert.Throws<FileNotFoundException>(() => Digits.Load(Path.Combine(folder.FullName, "missing.csv.gz")));
            Assert.Throws<ArgumentException>(() => Digits.Load(" "));
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
        var wide = Mlp.Initial(new TorchGenerator(seed: 1), 4, 5, 2);
        Rejects.Throws<ArgumentException>(() => adapters.Merge(wide), "w0");
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
    }
}
