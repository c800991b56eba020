namespace LowRank;

/// <summary>Training, validation and test images cut from one random order (<see cref="Digits.Split"/>).</summary>
/// <param name="Train">The images the weights are fitted to.</param>
/// <param name="Validation">The images choices such as the rank are made on.</param>
/// <param name="Test">The images the final accuracy is reported on, looked at once.</param>
/// <param name="Order">The position in the full set of every image, training first, then validation, then test.</param>
public sealed record DigitsSplit(LabelledImages Train, LabelledImages Validation, LabelledImages Test, IReadOnlyList<int> Order);
