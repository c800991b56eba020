namespace LowRank;

/// <summary>The outcome of training a network: its weights after the last step and the loss of every batch.</summary>
/// <typeparam name="TResult">What was trained: an <see cref="Mlp"/>, or <see cref="MlpAdapters"/> over a frozen one.</typeparam>
/// <param name="Result">The trained network or adapters.</param>
/// <param name="Losses">The mean cross-entropy of each batch before its step, as a PyTorch loop's <c>loss.item()</c>.</param>
public sealed record MlpTrainingRun<TResult>(TResult Result, IReadOnlyList<double> Losses);
