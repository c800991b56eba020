namespace LowRank;

/// <summary>Training, validation and test images cut from one random order (<see cref="Digits.Split"/>).</summary>
public sealed record DigitsSplit
{
    internal DigitsSplit(LabelledImages train, LabelledImages validation, LabelledImages test, IReadOnlyList<int> order)
    {
        (Train, Validation, Test, Order) = (train, validation, test, order);
    }

    /// <summary>The images the weights are fitted to.</summary>
    public LabelledImages Train { get; }

    /// <summary>The images choices such as the rank are made on.</summary>
    public LabelledImages Validation { get; }

    /// <summary>The images the final accuracy is reported on, looked at once.</summary>
    public LabelledImages Test { get; }

    /// <summary>The position in the full set of every image, training first, then validation, then test.</summary>
    public IReadOnlyList<int> Order { get; }
}
