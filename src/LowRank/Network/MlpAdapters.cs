using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// LoRA adapters on both layers of an <see cref="Mlp"/>, the frozen network's weights W becoming W + (α/r)·B·A while
/// its biases stay as they are (PEFT's default, <c>bias="none"</c>). One set per task over one base: switching tasks
/// swaps these factors, and the base never changes.
/// </summary>
/// <param name="Hidden">The adapter on the first layer's weight (hidden units × inputs).</param>
/// <param name="Output">The adapter on the second layer's weight (classes × hidden units), of the same rank and α.</param>
public sealed record MlpAdapters(LoraAdapter<float> Hidden, LoraAdapter<float> Output)
{
    /// <summary>The adapter on the first layer's weight.</summary>
    public LoraAdapter<float> Hidden { get; } = Matching(Hidden, Output);

    /// <summary>The adapter on the second layer's weight.</summary>
    public LoraAdapter<float> Output { get; } = Output;

    /// <summary>The rank r of both adapters.</summary>
    public int Rank => Hidden.Rank;

    /// <summary>The numbers trained: r·(d + k) for each layer.</summary>
    public int ParameterCount => (Hidden.Rank * (Hidden.Rows + Hidden.Columns)) + (Output.Rank * (Output.Rows + Output.Columns));

    /// <summary>
    /// PEFT's start on both layers: B = 0 and A by <c>kaiming_uniform_(a=√5)</c>, the first layer's A drawn first, then the
    /// second's, from one <paramref name="generator"/>, so the adapted network starts exactly as <paramref name="network"/>.
    /// </summary>
    /// <param name="generator">The generator the two A are drawn from.</param>
    /// <param name="network">The frozen network, which fixes the shapes.</param>
    /// <param name="rank">The rank r, 1 ≤ r ≤ the smallest side of either weight.</param>
    /// <param name="alpha">LoRA's α, a finite number &gt; 0; each update is scaled by α/r.</param>
    /// <returns>New adapters.</returns>
    public static MlpAdapters Initial(TorchGenerator generator, Mlp network, int rank, double alpha)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(network);
        Guard.Rank(rank, network.Output.Outputs, network.Output.Inputs);
        Guard.Rank(rank, network.Hidden.Outputs, network.Hidden.Inputs);
        Guard.PositiveFinite(alpha);
        var hidden = LoraAdapter.Initial(generator, network.Hidden.Outputs, network.Hidden.Inputs, rank, alpha);
        return new MlpAdapters(hidden, LoraAdapter.Initial(generator, network.Output.Outputs, network.Output.Inputs, rank, alpha));
    }

    /// <summary>
    /// The network with the updates added in: W + (α/r)·B·A on each layer, the biases unchanged. It computes what the
    /// adapted network computes at the frozen network's cost; <paramref name="network"/> is not changed.
    /// </summary>
    /// <param name="network">The frozen network the adapters were trained on: weights of their shapes, and small enough that
    /// each merged weight is finite in float.</param>
    /// <returns>A new network.</returns>
    /// <exception cref="OverflowException">An update (α/r)·B·A itself exceeds float's range.</exception>
    public Mlp Merge(Mlp network)
    {
        ArgumentNullException.ThrowIfNull(network);
        // The output layer's inputs are the hidden layer's outputs in both, so three sides fix all four.
        if (network.Hidden.Outputs != Hidden.Rows || network.Hidden.Inputs != Hidden.Columns || network.Output.Outputs != Output.Rows)
        {
            throw Guard.Invalid(nameof(network),
                $"{nameof(network)} must have weights of {Hidden.Rows}x{Hidden.Columns} and {Output.Rows}x{Output.Columns}, the shapes "
                + $"these adapters adapt, but has {Guard.Shape(network.Hidden.Weight)} and {Guard.Shape(network.Output.Weight)}.");
        }
        return new Mlp(
            new DenseLayer(Merged(Hidden, network.Hidden.Weight, "hidden"), network.Hidden.Bias),
            new DenseLayer(Merged(Output, network.Output.Weight, "output"), network.Output.Bias));
    }

    // W + (α/r)·B·A as LoraAdapter.Merge forms it, its overflow named as the argument this method was given.
    private static Matrix<float> Merged(LoraAdapter<float> adapter, Matrix<float> weight, string layer)
    {
        var merged = weight + adapter.Delta();
        return merged.Enumerate().All(float.IsFinite)
            ? merged
            : throw Guard.Overflow<float>($"The {layer} layer's W + (α/r)·B·A", "network",
                "A float network cannot hold it: use smaller adapters or a network with smaller weights.");
    }

    private static LoraAdapter<float> Matching(LoraAdapter<float> hidden, LoraAdapter<float> output)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Columns != hidden.Rows)
        {
            throw Guard.Invalid(nameof(output),
                $"{nameof(output)} must adapt a layer with {hidden.Rows} inputs (the hidden layer's outputs), "
                + $"but has A {Guard.Shape(output.A)}.");
        }
        if (output.Rank != hidden.Rank || output.Alpha != hidden.Alpha)
        {
            throw Guard.Invalid(nameof(output),
                $"{nameof(output)} must have the hidden adapter's rank {hidden.Rank} and alpha {hidden.Alpha}, "
                + $"but has rank {output.Rank} and alpha {output.Alpha}.");
        }
        return hidden;
    }
}
