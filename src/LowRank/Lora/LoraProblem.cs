using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// A regression task with a known answer for LoRA to learn: targets Y = (W₀ + ΔW*)·X from a frozen W₀ and a hidden
/// update ΔW*, so a notebook can compare the trained s·B·A with ΔW* instead of only watching the loss fall.
/// </summary>
/// <remarks>Only <see cref="Synthetic"/> builds one; the record owns its matrices and hands out copies, so a caller who writes
/// into one changes only that copy.</remarks>
public sealed record LoraProblem
{
    private readonly Matrix<float> w0;
    private readonly Matrix<float> targetDelta;
    private readonly Matrix<float> x;
    private readonly Matrix<float> y;

    private LoraProblem(Matrix<float> w0, Matrix<float> targetDelta, Matrix<float> x, Matrix<float> y)
    {
        this.w0 = w0;
        this.targetDelta = targetDelta;
        this.x = x;
        this.y = y;
    }

    /// <summary>The frozen d×k weight W₀, full rank, with entries of variance 1/k so W₀·x keeps the size of x.
    /// Each read returns a new copy, so changing it cannot change the record.</summary>
    public Matrix<float> W0 => w0.Clone();

    /// <summary>
    /// The hidden d×k update ΔW* that training should recover as s·B·A.
    /// Each read returns a new copy, so changing it cannot change the record.
    /// </summary>
    public Matrix<float> TargetDelta => targetDelta.Clone();

    /// <summary>
    /// The k×n inputs, one standard normal column per example. Each read returns a new copy, so changing it cannot change the record.
    /// </summary>
    public Matrix<float> X => x.Clone();

    /// <summary>
    /// The d×n targets (W₀ + ΔW*)·X, noiseless given ΔW*. Each read returns a new copy, so changing it cannot change the record.
    /// </summary>
    public Matrix<float> Y => y.Clone();

    /// <summary>
    /// Draws a problem whose update has rank <paramref name="updateRank"/> plus full-rank noise, so an adapter of that rank
    /// can fit it exactly when <paramref name="noise"/> is 0 and is held to the Eckart–Young bound otherwise.
    /// </summary>
    /// <remarks>
    /// The draws are, in this order and always all five, so a seed fixes every matrix whatever the noise:
    /// W₀ = randn(d, k)/√k; B* = randn(d, updateRank); A* = randn(updateRank, k); N = randn(d, k); X = randn(k, n).
    /// Then ΔW* = (B*·A* + noise·N)/√k and Y = (W₀ + ΔW*)·X, all in float.
    /// </remarks>
    /// <param name="generator">The generator everything is drawn from, e.g. <c>new TorchGenerator(0)</c>.</param>
    /// <param name="d">Rows of W₀ (outputs), at least 1.</param>
    /// <param name="k">Columns of W₀ (inputs), at least 1.</param>
    /// <param name="n">Number of examples, at least 1.</param>
    /// <param name="updateRank">Rank of the low-rank part of ΔW*, 1 ≤ updateRank ≤ min(d, k).</param>
    /// <param name="noise">
    /// Size of the full-rank part of ΔW* relative to one rank of the low-rank part, a finite number ≥ 0 small enough that
    /// ΔW* and Y fit in float (a noise near float's range is refused, naming it).
    /// </param>
    /// <returns>W₀, ΔW*, X and Y.</returns>
    public static LoraProblem Synthetic(TorchGenerator generator, int d, int k, int n, int updateRank, float noise)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Guard.Positive(d);
        Guard.Positive(k);
        Guard.Positive(n);
        Guard.Elements(d, k);
        Guard.Elements(k, n);
        Guard.Elements(d, n);
        Guard.Rank(updateRank, d, k);
        Guard.NonNegativeFinite(noise);

        // Dividing by √k keeps W₀·x and ΔW*·x at the size of one input entry, however wide the layer.
        var scale = 1 / MathF.Sqrt(k);
        var w0 = generator.Randn(d, k) * scale;
        var lowRank = generator.Randn(d, updateRank) * generator.Randn(updateRank, k);
        var full = generator.Randn(d, k);
        var x = generator.Randn(k, n);
        var delta = (lowRank + (full * noise)) * scale;
        var y = (w0 + delta) * x;
        // A finite noise can still overflow float in noise·N or in Y; a problem of ∞ and NaN would train to NaN silently.
        if (!delta.Enumerate().All(float.IsFinite) || !y.Enumerate().All(float.IsFinite))
        {
            throw Guard.Overflow<float>("ΔW* or Y", nameof(noise), FormattableString.Invariant($"noise = {noise} is too large: ")
                + "use a noise of the order of 1, which makes the full-rank part as large as one rank of the low-rank part.");
        }
        return new LoraProblem(w0, delta, x, y);
    }
}
