using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// A classifier with one hidden layer: logits = W₂·relu(W₁·x + b₁) + b₂, trained with softmax cross-entropy. Immutable:
/// training returns a new network.
/// </summary>
/// <param name="Hidden">The first layer, inputs → hidden units.</param>
/// <param name="Output">The second layer, hidden units → classes.</param>
public sealed record Mlp(DenseLayer Hidden, DenseLayer Output)
{
    /// <summary>The first layer, inputs → hidden units; its outputs must be the second layer's inputs.</summary>
    public DenseLayer Hidden { get; } = Chained(Hidden, Output);

    /// <summary>The second layer, hidden units → classes.</summary>
    public DenseLayer Output { get; } = Output;

    /// <summary>Every weight and bias: what full fine-tuning trains.</summary>
    public int ParameterCount => Hidden.ParameterCount + Output.ParameterCount;

    /// <summary>
    /// Two <c>nn.Linear</c> layers drawn one after the other from <paramref name="generator"/>, as
    /// <c>torch.manual_seed(s); nn.Linear(inputs, hidden); nn.Linear(hidden, classes)</c> draws them.
    /// </summary>
    /// <param name="generator">The generator; it advances by every parameter's draw.</param>
    /// <param name="inputs">Pixels per image, at least 1.</param>
    /// <param name="hidden">Hidden units, at least 1.</param>
    /// <param name="classes">Classes, at least 2.</param>
    /// <returns>A new network.</returns>
    public static Mlp Initial(TorchGenerator generator, int inputs, int hidden, int classes)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Guard.Positive(inputs);
        Guard.Positive(hidden);
        if (classes < 2)
        {
            throw Guard.OutOfRange(nameof(classes), $"{nameof(classes)} must be at least 2, but was {classes}.");
        }
        var first = DenseLayer.Initial(generator, inputs, hidden);
        return new Mlp(first, DenseLayer.Initial(generator, hidden, classes));
    }

    /// <summary>The logits, classes×n, one column per image: W₂·relu(W₁·X + b₁) + b₂.</summary>
    /// <param name="images">inputs×n, one image per column, every entry finite; so large with these weights that a logit
    /// overflows float, they are refused.</param>
    /// <returns>A new matrix, every entry finite.</returns>
    public Matrix<float> Logits(Matrix<float> images)
    {
        Guard.Finite(images);
        if (images.RowCount != Hidden.Inputs)
        {
            throw Guard.Invalid(nameof(images),
                $"{nameof(images)} must have {Hidden.Inputs} rows (the network's inputs), but is {Guard.Shape(images)}.");
        }
        // Dense results whatever the weights' storage, so the bias and the loss can run over their arrays.
        var h = Matrix<float>.Build.Dense(Hidden.Outputs, images.ColumnCount);
        Hidden.Weight.Multiply(images, h);
        AddBias(h.AsColumnMajorArray(), Hidden.Outputs, Hidden.Bias.ToArray());
        h.PointwiseMaximum(0f, h);
        var z = Matrix<float>.Build.Dense(Output.Outputs, images.ColumnCount);
        Output.Weight.Multiply(h, z);
        AddBias(z.AsColumnMajorArray(), Output.Outputs, Output.Bias.ToArray());
        return z.Enumerate().All(float.IsFinite)
            ? z
            : throw Guard.Invalid(nameof(images), $"The logits W₂·relu(W₁·images + b₁) + b₂ overflow float for these images: "
                + $"some exceeds {LargestFinite.Describe<float>()}. Scale the images down, or use a network with smaller weights.");
    }

    /// <summary>The fraction of images whose largest logit is their label's (the first largest on a tie, as <c>argmax</c>).</summary>
    /// <param name="data">Images with as many pixels as the network has inputs and classes it has outputs.</param>
    /// <returns>A number from 0 to 1.</returns>
    public double Accuracy(LabelledImages data)
    {
        var logits = Checked(data);
        var correct = 0;
        for (var j = 0; j < data.Count; j++)
        {
            correct += ArgMax(logits, j) == data.Labels[j] ? 1 : 0;
        }
        return (double)correct / data.Count;
    }

    /// <summary>The mean softmax cross-entropy, <c>F.cross_entropy(logits, labels)</c>, summed in double.</summary>
    /// <param name="data">Images with as many pixels as the network has inputs and classes it has outputs.</param>
    /// <returns>The mean loss over the images, ≥ 0.</returns>
    public double Loss(LabelledImages data)
    {
        var logits = Checked(data);
        var sum = 0.0;
        for (var j = 0; j < data.Count; j++)
        {
            sum += CrossEntropy(Column(logits, j), data.Labels[j]);
        }
        return sum / data.Count;
    }

    private Matrix<float> Checked(LabelledImages data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Classes != Output.Outputs)
        {
            throw Guard.Invalid(nameof(data), $"{nameof(data)} has {data.Classes} classes, but the network has {Output.Outputs} outputs.");
        }
        return Logits(data.Images);
    }

    /// <summary>m[i, j] += bias[i] for every column j of a column-major matrix with the given rows.</summary>
    internal static void AddBias(float[] m, int rows, ReadOnlySpan<float> bias)
    {
        for (var at = 0; at < m.Length; at += rows)
        {
            for (var i = 0; i < rows; i++)
            {
                m[at + i] += bias[i];
            }
        }
    }

    internal static int ArgMax(Matrix<float> logits, int column) => ArgMax(Column(logits, column));

    /// <summary>The index of the largest entry, the first of equal ones, as <c>argmax</c>.</summary>
    internal static int ArgMax(ReadOnlySpan<float> z)
    {
        var best = 0;
        for (var i = 1; i < z.Length; i++)
        {
            if (z[i] > z[best])
            {
                best = i;
            }
        }
        return best;
    }

    /// <summary>−log softmax(z)[label] for one column, shifted by its largest logit so exp cannot overflow.</summary>
    internal static double CrossEntropy(ReadOnlySpan<float> z, int label)
    {
        double max = z[ArgMax(z)], sum = 0;
        for (var i = 0; i < z.Length; i++)
        {
            sum += Math.Exp(z[i] - max);
        }
        return Math.Log(sum) - (z[label] - max);
    }

    // Column j of logits, which Logits always returns dense.
    private static ReadOnlySpan<float> Column(Matrix<float> logits, int column) =>
        logits.AsColumnMajorArray().AsSpan(column * logits.RowCount, logits.RowCount);

    private static DenseLayer Chained(DenseLayer hidden, DenseLayer output)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Inputs != hidden.Outputs)
        {
            throw Guard.Invalid(nameof(output),
                $"{nameof(output)} must take the {hidden.Outputs} outputs of the hidden layer as inputs, but takes {output.Inputs}.");
        }
        return hidden;
    }
}
