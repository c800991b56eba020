using System.Numerics;

namespace LowRank;

/// <summary>
/// <c>torch.optim.Adam</c> on float parameters, updated in place in the order PyTorch 1.13 computes it (its
/// single-tensor path): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², then p ← p − (η / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε).
/// </summary>
/// <remarks>The moments live here, one pair per parameter; nothing is allocated per step.</remarks>
internal sealed class Adam
{
    private readonly float[][] first;
    private readonly float[][] second;
    private readonly double learningRate;
    private int step;

    /// <param name="learningRate">η, finite and &gt; 0.</param>
    /// <param name="sizes">The number of entries of each parameter, in the order <see cref="Step"/> receives them.</param>
    public Adam(double learningRate, params int[] sizes)
    {
        this.learningRate = Guard.PositiveFinite(learningRate);
        ArgumentNullException.ThrowIfNull(sizes);
        for (var k = 0; k < sizes.Length; k++)
        {
            if (sizes[k] < 0)
            {
                throw Guard.OutOfRange(nameof(sizes), $"sizes[{k}] must be a number of entries, 0 or more, but was {sizes[k]}.");
            }
        }
        first = sizes.Select(n => new float[n]).ToArray();
        second = sizes.Select(n => new float[n]).ToArray();
    }

    /// <summary>The steps taken so far, t in the bias corrections.</summary>
    public int Steps => step;

    /// <summary>One step: each parameter array moves by its gradient array's update.</summary>
    public void Step(ReadOnlySpan<float[]> parameters, ReadOnlySpan<float[]> gradients)
    {
        CheckShapes(parameters, gradients);
        step++;
        // PyTorch computes these scalars in Python's double and casts them to float where they meet a float tensor.
        var correction1 = 1 - Math.Pow(TrainingSchedule.Beta1, step);
        var correction2 = 1 - Math.Pow(TrainingSchedule.Beta2, step);
        var stepSize = (float)-(learningRate / correction1);
        var root2 = (float)Math.Sqrt(correction2);
        float beta1 = (float)TrainingSchedule.Beta1, keep1 = (float)(1 - TrainingSchedule.Beta1);
        float beta2 = (float)TrainingSchedule.Beta2, keep2 = (float)(1 - TrainingSchedule.Beta2);
        var epsilon = (float)TrainingSchedule.Epsilon;
        for (var k = 0; k < parameters.Length; k++)
        {
            float[] p = parameters[k], g = gradients[k], m = first[k], v = second[k];
            // A vector of entries at a time, each lane doing the scalar loop's operations in its order (.NET fuses no
            // multiply-add it is not asked to), so the result is the scalar loop's to the bit; the scalar loop ends it.
            var i = 0;
            for (; i <= p.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var gi = new Vector<float>(g, i);
                var mi = (new Vector<float>(m, i) * beta1) + (keep1 * gi);
                var vi = (new Vector<float>(v, i) * beta2) + (keep2 * gi * gi);
                var denominator = (Vector.SquareRoot(vi) / root2) + new Vector<float>(epsilon);
                (new Vector<float>(p, i) + (stepSize * (mi / denominator))).CopyTo(p, i);
                mi.CopyTo(m, i);
                vi.CopyTo(v, i);
            }
            for (; i < p.Length; i++)
            {
                m[i] = (m[i] * beta1) + (keep1 * g[i]);
                v[i] = (v[i] * beta2) + (keep2 * g[i] * g[i]);
                var denominator = (MathF.Sqrt(v[i]) / root2) + epsilon;
                p[i] += stepSize * (m[i] / denominator);
            }
        }
    }

    // Every parameter and its gradient have the size given for it: a mismatch would update part of a parameter, or index
    // past an end.
    private void CheckShapes(ReadOnlySpan<float[]> parameters, ReadOnlySpan<float[]> gradients)
    {
        if (parameters.Length != first.Length || gradients.Length != first.Length)
        {
            throw Guard.Invalid(nameof(parameters), $"Adam was made for {first.Length} parameters, but was given {parameters.Length} "
                + $"parameters and {gradients.Length} gradients.");
        }
        for (var k = 0; k < first.Length; k++)
        {
            if (parameters[k]?.Length != first[k].Length || gradients[k]?.Length != first[k].Length)
            {
                throw Guard.Invalid(nameof(parameters), $"parameters[{k}] and gradients[{k}] must both have {first[k].Length} entries, "
                    + $"but have {parameters[k]?.Length} and {gradients[k]?.Length}.");
            }
        }
    }
}
