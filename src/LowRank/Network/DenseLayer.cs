using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>A linear layer y = W·x + b with W outputs×inputs, as <c>nn.Linear(inputs, outputs)</c> holds it.</summary>
public sealed record DenseLayer
{
    /// <summary>A layer from given weights, checked and copied.</summary>
    /// <param name="weight">outputs×inputs, at least 1×1, every entry finite; with the bias at most
    /// <see cref="Array.MaxLength"/> numbers, so that <see cref="ParameterCount"/> and training's copies fit.</param>
    /// <param name="bias">One entry per output, every entry finite.</param>
    public DenseLayer(Matrix<float> weight, Vector<float> bias)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.RowCount == 0 || weight.ColumnCount == 0)
        {
            throw Guard.Invalid(nameof(weight),
                $"{nameof(weight)} must have at least one output and one input, but is {Guard.Shape(weight)}.");
        }
        // Checked before the entries are scanned: a sparse weight can be this large and slow to scan.
        var parameters = (long)weight.RowCount * (weight.ColumnCount + 1L);
        if (parameters > Array.MaxLength)
        {
            throw Guard.OutOfRange(nameof(weight), $"{nameof(weight)} is {Guard.Shape(weight)}: with its bias {parameters} numbers, "
                + $"but a layer holds at most {Array.MaxLength}, the most one array holds.");
        }
        Guard.Finite(weight);
        Guard.Finite(bias);
        if (bias.Count != weight.RowCount)
        {
            throw Guard.Invalid(nameof(bias),
                $"{nameof(bias)} must have one entry per row of the {Guard.Shape(weight)} weight, {weight.RowCount}, "
                + $"but has {bias.Count}.");
        }
        Weight = weight.Clone();
        Bias = bias.Clone();
    }

    /// <summary>outputs×inputs.</summary>
    public Matrix<float> Weight { get; }

    /// <summary>One entry per output.</summary>
    public Vector<float> Bias { get; }

    /// <summary>The number of inputs.</summary>
    public int Inputs => Weight.ColumnCount;

    /// <summary>The number of outputs.</summary>
    public int Outputs => Weight.RowCount;

    /// <summary>The weights and biases: outputs·(inputs + 1).</summary>
    public int ParameterCount => Weight.RowCount * (Weight.ColumnCount + 1);

    /// <summary>
    /// <c>nn.Linear(inputs, outputs)</c>'s initialization from <paramref name="generator"/>: the weight by
    /// <c>kaiming_uniform_(a=√5)</c>, then the bias uniform within ±1/√inputs, both within ±1/√inputs.
    /// </summary>
    /// <param name="generator">The generator; it advances by outputs·(inputs + 1) 32-bit draws, as PyTorch's does.</param>
    /// <param name="inputs">The inputs, at least 1.</param>
    /// <param name="outputs">The outputs, at least 1.</param>
    /// <returns>A new layer.</returns>
    public static DenseLayer Initial(TorchGenerator generator, int inputs, int outputs)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Guard.Positive(inputs);
        Guard.Positive(outputs);
        Guard.Elements(outputs, inputs);
        var weight = TorchInit.KaimingUniform(generator, outputs, inputs, a: Math.Sqrt(5));
        return new DenseLayer(weight, TorchInit.LinearBias(generator, outputs, inputs));
    }
}
