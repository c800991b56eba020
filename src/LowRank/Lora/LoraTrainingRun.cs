namespace LowRank;

/// <summary>
/// The outcome of <see cref="LoraStep.Train{T}"/>: the loss curve a notebook plots and the adapter training ended with.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed record LoraTrainingRun<T>
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    internal LoraTrainingRun(IReadOnlyList<double> losses, LoraAdapter<T> adapter, double learningRate)
    {
        Losses = losses;
        Adapter = adapter;
        LearningRate = learningRate;
    }

    /// <summary>
    /// The loss before each step and, last, after the final one: steps + 1 values, so Losses[t] belongs to the adapter
    /// after t updates and Losses[0] to the starting one.
    /// </summary>
    public IReadOnlyList<double> Losses { get; }

    /// <summary>The adapter after the last step.</summary>
    public LoraAdapter<T> Adapter { get; }

    /// <summary>The learning rate η the run used.</summary>
    internal double LearningRate { get; }

    /// <summary>The number of SGD updates taken.</summary>
    internal int Steps => Losses.Count - 1;

    /// <summary>The loss of <see cref="Adapter"/>, the last value of <see cref="Losses"/>.</summary>
    public double FinalLoss => Losses[^1];
}
