using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// One training step of a LoRA adapter on a frozen linear layer with mean-squared error, written out by hand so a
/// notebook can check its own cells against it: the loss and gradients, the SGD update, and a loop of both.
/// </summary>
/// <remarks>
/// With Ŷ = W₀·X + s·B·(A·X), L = mean((Ŷ − Y)²) over all d·n entries and G = (2/(d·n))·(Ŷ − Y)·Xᵀ, the chain rule gives
/// ∂L/∂B = s·G·Aᵀ and ∂L/∂A = s·Bᵀ·G. Everything is computed in the matrices' own precision as a notebook would,
/// except the loss, which is summed in double.
/// </remarks>
public static class LoraStep
{
    /// <summary>The loss of the adapted layer on a batch and its gradients with respect to B and A.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w0">The frozen d×k weight; every entry must be finite.</param>
    /// <param name="adapter">An adapter for a d×k weight.</param>
    /// <param name="x">The inputs, k×n with one column per example; every entry must be finite.</param>
    /// <param name="y">The targets, d×n; every entry must be finite.</param>
    /// <returns>The loss and ∂L/∂B, ∂L/∂A.</returns>
    internal static LoraGradients<T> Gradients<T>(Matrix<T> w0, LoraAdapter<T> adapter, Matrix<T> x, Matrix<T> y)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Validate(w0, adapter, x, y);
        var gradients = Evaluate(Frozen(w0, x), adapter, x, y);
        return Finite(gradients) ? gradients : throw Overflow<T>(nameof(adapter));
    }

    /// <summary>
    /// Plain SGD: B ← B − η·∂L/∂B and A ← A − η·∂L/∂A, both from the B and A the gradients were taken at.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="adapter">The adapter the gradients were computed for.</param>
    /// <param name="gradients">Gradients from <see cref="Gradients{T}"/> for an adapter of the same shape.</param>
    /// <param name="learningRate">The learning rate η, a finite number &gt; 0.</param>
    /// <returns>A new adapter; <paramref name="adapter"/> is unchanged.</returns>
    internal static LoraAdapter<T> Sgd<T>(LoraAdapter<T> adapter, LoraGradients<T> gradients, double learningRate)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(gradients);
        Guard.Dimensions(gradients.GradB, adapter.Rows, adapter.Rank, $"the B of the adapter is {Guard.Shape(adapter.B0)}",
            "gradients.GradB", nameof(gradients));
        Guard.Dimensions(gradients.GradA, adapter.Rank, adapter.Columns, $"the A of the adapter is {Guard.Shape(adapter.A0)}",
            "gradients.GradA", nameof(gradients));
        Guard.PositiveFinite(learningRate);
        var next = Update(adapter, gradients, learningRate);
        return Finite(next)
            ? next
            : throw Guard.OutOfRange(nameof(learningRate),
                $"learningRate = {learningRate} is too large for these gradients: the update makes B or A overflow {typeof(T).Name}. Use a smaller learning rate.");
    }

    /// <summary>
    /// Trains the adapter with <paramref name="steps"/> SGD updates on the full batch, recording the loss before each
    /// update and after the last.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="w0">The frozen d×k weight; every entry must be finite. It is not changed.</param>
    /// <param name="start">The adapter to start from, usually <see cref="LoraAdapter.Initial"/>. It is not changed.</param>
    /// <param name="x">The inputs, k×n with one column per example; every entry must be finite.</param>
    /// <param name="y">The targets, d×n; every entry must be finite.</param>
    /// <param name="learningRate">
    /// The learning rate η, a finite number &gt; 0; one so large that the loss or the factors overflow is rejected with the step
    /// it happened at, rather than returning a curve of NaN.
    /// </param>
    /// <param name="steps">The number of updates, at least 1.</param>
    /// <returns>The loss curve (steps + 1 values) and the final adapter.</returns>
    public static LoraTrainingRun<T> Train<T>(Matrix<T> w0, LoraAdapter<T> start, Matrix<T> x, Matrix<T> y, double learningRate, int steps)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Validate(w0, start, x, y, nameof(start));
        Guard.PositiveFinite(learningRate);
        Guard.Positive(steps);

        // W₀ is frozen, so W₀·X is the same every step; computing it once is also what keeps W₀ out of the gradient.
        var w0x = Frozen(w0, x);
        var losses = new double[steps + 1];
        var adapter = start;
        for (var step = 0; step < steps; step++)
        {
            var gradients = Evaluate(w0x, adapter, x, y);
            if (!Finite(gradients))
            {
                throw step == 0 ? Overflow<T>(nameof(start)) : Diverged(learningRate, "the loss or its gradients", step, steps, losses[0]);
            }
            losses[step] = gradients.Loss;
            adapter = Update(adapter, gradients, learningRate);
            if (!Finite(adapter))
            {
                throw Diverged(learningRate, "B or A", step + 1, steps, losses[0]);
            }
        }
        var final = Loss(Residual(w0x, adapter, x, y));
        if (!double.IsFinite(final))
        {
            throw Diverged(learningRate, "the loss", steps, steps, losses[0]);
        }
        losses[steps] = final;
        return new LoraTrainingRun<T>(Array.AsReadOnly(losses), adapter, learningRate);
    }

    private static void Validate<T>(Matrix<T> w0, LoraAdapter<T> adapter, Matrix<T> x, Matrix<T> y, string adapterName = "adapter")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Guard.Finite(w0);
        ArgumentNullException.ThrowIfNull(adapter, adapterName);
        Guard.Finite(x);
        Guard.Finite(y);
        int d = w0.RowCount, k = w0.ColumnCount;
        if (adapter.Rows != d || adapter.Columns != k)
        {
            throw Guard.Invalid(adapterName,
                $"{adapterName} must fit the {d}x{k} w0 (B with {d} rows, A with {k} columns), but has B {Guard.Shape(adapter.B0)} and A {Guard.Shape(adapter.A0)}.");
        }
        if (x.RowCount != k)
        {
            throw Guard.Invalid(nameof(x), $"{nameof(x)} must have {k} rows (the columns of the {d}x{k} w0), but is {Guard.Shape(x)}.");
        }
        // The loss is a mean over the batch: with no examples it would be 0/0, which is no overflow and no loss.
        if (x.ColumnCount == 0)
        {
            throw Guard.Invalid(nameof(x), $"{nameof(x)} must have at least one column (one example), but is {Guard.Shape(x)}: the loss of an empty batch is 0/0.");
        }
        Guard.Dimensions(y, d, x.ColumnCount, $"the rows of the {d}x{k} w0 by the columns of the {Guard.Shape(x)} x");
    }

    private static Matrix<T> Frozen<T>(Matrix<T> w0, Matrix<T> x)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var w0x = w0 * x;
        return w0x.Enumerate().All(T.IsFinite)
            ? w0x
            : throw Guard.Overflow<T>("w0·x", nameof(x), $"Scale {nameof(x)} down or train in double.");
    }

    private static Matrix<T> Residual<T>(Matrix<T> w0x, LoraAdapter<T> adapter, Matrix<T> x, Matrix<T> y)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => adapter.Adapt(w0x, x) - y;

    private static LoraGradients<T> Evaluate<T>(Matrix<T> w0x, LoraAdapter<T> adapter, Matrix<T> x, Matrix<T> y)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var residual = Residual(w0x, adapter, x, y);
        var s = T.CreateChecked(adapter.Scale);
        // G = ∂L/∂W for the whole layer; B and A see it through W = W₀ + s·B·A.
        var g = residual.TransposeAndMultiply(x) * T.CreateChecked(2.0 / residual.RowCount / residual.ColumnCount);
        var gradB = g.TransposeAndMultiply(adapter.A0) * s;
        var gradA = adapter.B0.TransposeThisAndMultiply(g) * s;
        return new LoraGradients<T>(Loss(residual), gradB, gradA);
    }

    private static LoraAdapter<T> Update<T>(LoraAdapter<T> adapter, LoraGradients<T> gradients, double learningRate)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var eta = T.CreateChecked(learningRate);
        return adapter.WithFactors(adapter.B0 - (gradients.GradB * eta), adapter.A0 - (gradients.GradA * eta));
    }

    private static double Loss<T>(Matrix<T> residual)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var sum = 0.0;
        foreach (var r in residual.Enumerate())
        {
            var v = double.CreateChecked(r);
            sum += v * v;
        }
        return sum / residual.RowCount / residual.ColumnCount;
    }

    private static bool Finite<T>(LoraGradients<T> gradients)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => double.IsFinite(gradients.Loss) && gradients.GradB.Enumerate().All(T.IsFinite) && gradients.GradA.Enumerate().All(T.IsFinite);

    private static bool Finite<T>(LoraAdapter<T> adapter)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => adapter.B0.Enumerate().All(T.IsFinite) && adapter.A0.Enumerate().All(T.IsFinite);

    private static ArgumentException Overflow<T>(string name)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Guard.Overflow<T>("the loss or a gradient", name, "Scale the data or the adapter down, or compute in double.");

    private static ArgumentOutOfRangeException Diverged(double learningRate, string what, int step, int steps, double startLoss)
        => Guard.OutOfRange(nameof(learningRate),
            $"learningRate = {learningRate} is too large for this problem: {what} overflowed at step {step} of {steps} (the loss was {startLoss:G4} at step 0). Use a smaller learning rate, e.g. {learningRate / 10}.");
}
