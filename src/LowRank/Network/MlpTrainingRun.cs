namespace LowRank;

/// <summary>The outcome of training a network: its weights after the last step and the loss of every batch.</summary>
/// <typeparam name="TResult">What was trained: an <see cref="Mlp"/>, or <see cref="MlpAdapters"/> over a frozen one.</typeparam>
public sealed record MlpTrainingRun<TResult>
{
    internal MlpTrainingRun(TResult result, IReadOnlyList<double> losses)
    {
        Result = result;
        Losses = losses;
    }

    /// <summary>The trained network or adapters.</summary>
    public TResult Result { get; }

    /// <summary>The mean cross-entropy of each batch before its step, as a PyTorch loop's <c>loss.item()</c>.</summary>
    public IReadOnlyList<double> Losses { get; }
}
