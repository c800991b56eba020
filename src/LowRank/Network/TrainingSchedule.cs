namespace LowRank;

/// <summary>
/// How a network is trained: Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, as <c>torch.optim.Adam</c>'s defaults) at
/// <see cref="LearningRate"/>, over the training images in their given order, <see cref="BatchSize"/> at a time (a
/// smaller last batch when they do not divide), the same batches in every one of <see cref="Epochs"/> passes.
/// </summary>
public sealed record TrainingSchedule
{
    /// <summary>A schedule, checked.</summary>
    /// <param name="batchSize">Images per step, at least 1.</param>
    /// <param name="epochs">Passes over the training images, 1 to <see cref="MaxSteps"/> (every pass takes at least one step).</param>
    /// <param name="learningRate">Adam's learning rate, a finite number &gt; 0.</param>
    public TrainingSchedule(int batchSize, int epochs, double learningRate)
    {
        BatchSize = Guard.Positive(batchSize);
        Epochs = Guard.Positive(epochs);
        if (epochs > MaxSteps)
        {
            throw Guard.OutOfRange(nameof(epochs),
                $"{nameof(epochs)} must be at most {MaxSteps} (TrainingSchedule.MaxSteps, one step per pass at least), but was {epochs}.");
        }
        LearningRate = Guard.PositiveFinite(learningRate);
    }

    /// <summary>Images per step.</summary>
    public int BatchSize { get; }

    /// <summary>Passes over the training images.</summary>
    public int Epochs { get; }

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; }

    /// <summary>
    /// The most steps a training run takes: notebook 7's runs take 200, a million take minutes even on 8×8 digits and record
    /// a million losses. Beyond it, a count is a typo.
    /// </summary>
    public const int MaxSteps = 1_000_000;

    /// <summary>Adam's β₁, the decay of the running mean of the gradients.</summary>
    public const double Beta1 = 0.9;

    /// <summary>Adam's β₂, the decay of the running mean of their squares.</summary>
    public const double Beta2 = 0.999;

    /// <summary>Adam's ε, added to the root of the second moment.</summary>
    public const double Epsilon = 1e-8;

    /// <summary>The number of steps over <paramref name="images"/> (at least 1) training images, in a long: it cannot overflow.</summary>
    internal long Steps(int images) => Epochs * (((images - 1L) / BatchSize) + 1);
}
