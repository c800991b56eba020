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
    /// <summary>
    /// The most updates <see cref="Train{T}"/> takes: a million full-batch steps train even a small layer for many
    /// minutes and record an 8 MB loss curve, and far fewer reach every loss a notebook shows. Beyond it, a count is a typo.
    /// </summary>
    public const int MaxSteps = 1_000_000;

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
        var work = new Workspace<T>(adapter.Rows, adapter.Rank, adapter.Columns, x.ColumnCount);
        var gradients = new LoraGradients<T>(Evaluate(Frozen(w0, x), adapter.B0, adapter.A0, adapter.Scale, x, y, work), work.GradB,
            work.GradA);
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
                $"learningRate = {learningRate} is too large for these gradients: the update makes B or A overflow {typeof(T).Name}. " +
                    $"Use a smaller learning rate.");
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
    /// <param name="steps">The number of updates, 1 to <see cref="MaxSteps"/>.</param>
    /// <returns>The loss curve (steps + 1 values) and the final adapter.</returns>
    public static LoraTrainingRun<T> Train<T>(Matrix<T> w0, LoraAdapter<T> start, Matrix<T> x, Matrix<T> y, double learningRate, int steps)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Validate(w0, start, x, y, nameof(start));
        Guard.PositiveFinite(learningRate);
        if (steps is < 1 or > MaxSteps)
        {
            throw Guard.OutOfRange(nameof(steps), $"steps must be between 1 and {MaxSteps:N0} (LoraStep.MaxSteps), but was {steps}.");
        }

        // W₀ is frozen, so W₀·X is the same every step; computing it once is also what keeps W₀ out of the gradient.
        var w0x = Frozen(w0, x);
        var losses = new double[steps + 1];
        int d = start.Rows, r = start.Rank, k = start.Columns;
        var work = new Workspace<T>(d, r, k, x.ColumnCount);
        // Each step writes the next B and A into the pair the step before read, so a step allocates nothing; start's own
        // factors are only read, and the pair the last step wrote becomes the returned adapter's.
        var (b, a) = (start.B0, start.A0);
        var (nextB, nextA) = (Matrix<T>.Build.Dense(d, r), Matrix<T>.Build.Dense(r, k));
        var eta = T.CreateChecked(learningRate);
        for (var step = 0; step < steps; step++)
        {
            var loss = Evaluate(w0x, b, a, start.Scale, x, y, work);
            if (!double.IsFinite(loss) || !Finite(work.GradB) || !Finite(work.GradA))
            {
                throw step == 0 ? Overflow<T>(nameof(start)) : Diverged(learningRate, "the loss or its gradients", step, steps, losses[0]);
            }
            losses[step] = loss;
            Update(b, a, work, eta, nextB, nextA);
            if (!Finite(nextB) || !Finite(nextA))
            {
                throw Diverged(learningRate, "B or A", step + 1, steps, losses[0]);
            }
            var (readB, readA) = (b, a);
            (b, a) = (nextB, nextA);
            (nextB, nextA) = step == 0 ? (Matrix<T>.Build.Dense(d, r), Matrix<T>.Build.Dense(r, k)) : (readB, readA);
        }
        var final = Loss(Residual(w0x, b, a, start.Scale, x, y, work));
        if (!double.IsFinite(final))
        {
            throw Diverged(learningRate, "the loss", steps, steps, losses[0]);
        }
        losses[steps] = final;
        return new LoraTrainingRun<T>(Array.AsReadOnly(losses), start.WithFactors(b, a), learningRate);
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
                $"{adapterName} must fit the {d}x{k} w0 (B with {d} rows, A with {k} columns), but has B {Guard.Shape(adapter.B0)} and A " +
                    $"{Guard.Shape(adapter.A0)}.");
        }
        if (x.RowCount != k)
        {
            throw Guard.Invalid(nameof(x), $"{nameof(x)} must have {k} rows (the columns of the {d}x{k} w0), but is {Guard.Shape(x)}.");
        }
        // The loss is a mean over the batch: with no examples it would be 0/0, which is no overflow and no loss.
        if (x.ColumnCount == 0)
        {
            throw Guard.Invalid(nameof(x),
                $"{nameof(x)} must have at least one column (one example), but is {Guard.Shape(x)}: an empty batch's loss is 0/0.");
        }
        Guard.Dimensions(y, d, x.ColumnCount, $"the rows of the {d}x{k} w0 by the columns of the {Guard.Shape(x)} x");
    }

    private static Matrix<T> Frozen<T>(Matrix<T> w0, Matrix<T> x)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var w0x = w0 * x;
        return w0x.Enumerate().All(T.IsFinite)
            ? w0x
            : throw Guard.Overflow<T>("w0·x", nameof(x), $"Scale {nameof(x)} down{OrDouble<T>(" or train in double")}.");
    }

    /// <summary>Storage for one step's intermediate products, reused step after step.</summary>
    private sealed class Workspace<T>(int d, int r, int k, int n)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        public Matrix<T> Ax { get; } = Matrix<T>.Build.Dense(r, n);

        public Matrix<T> Residual { get; } = Matrix<T>.Build.Dense(d, n);

        public Matrix<T> G { get; } = Matrix<T>.Build.Dense(d, k);

        public Matrix<T> GradB { get; } = Matrix<T>.Build.Dense(d, r);

        public Matrix<T> GradA { get; } = Matrix<T>.Build.Dense(r, k);
    }

    // Ŷ − Y = W₀X + s·B·(A·X) − Y, into work.Residual: the operations of LoraAdapter.Adapt, in its order, so the bits agree.
    private static Matrix<T> Residual<T>(Matrix<T> w0x, Matrix<T> b, Matrix<T> a, double scale, Matrix<T> x, Matrix<T> y,
        Workspace<T> work)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var residual = work.Residual;
        a.Multiply(x, work.Ax);
        b.Multiply(work.Ax, residual);
        residual.Multiply(T.CreateChecked(scale), residual);
        w0x.Add(residual, residual);
        residual.Subtract(y, residual);
        return residual;
    }

    // The loss, returned, and its gradients, into work.GradB and work.GradA.
    private static double Evaluate<T>(Matrix<T> w0x, Matrix<T> b, Matrix<T> a, double scale, Matrix<T> x, Matrix<T> y,
        Workspace<T> work)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var residual = Residual(w0x, b, a, scale, x, y, work);
        var s = T.CreateChecked(scale);
        // G = ∂L/∂W for the whole layer; B and A see it through W = W₀ + s·B·A.
        residual.TransposeAndMultiply(x, work.G);
        work.G.Multiply(T.CreateChecked(2.0 / residual.RowCount / residual.ColumnCount), work.G);
        work.G.TransposeAndMultiply(a, work.GradB);
        work.GradB.Multiply(s, work.GradB);
        b.TransposeThisAndMultiply(work.G, work.GradA);
        work.GradA.Multiply(s, work.GradA);
        return Loss(residual);
    }

    // B − η·∂L/∂B and A − η·∂L/∂A into nextB and nextA; the gradients are scaled by η in place.
    private static void Update<T>(Matrix<T> b, Matrix<T> a, Workspace<T> work, T eta, Matrix<T> nextB, Matrix<T> nextA)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        work.GradB.Multiply(eta, work.GradB);
        b.Subtract(work.GradB, nextB);
        work.GradA.Multiply(eta, work.GradA);
        a.Subtract(work.GradA, nextA);
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
        // The residual is the workspace's dense matrix: its array, column by column, is the order Enumerate() visits.
        var sum = 0.0;
        foreach (var r in residual.AsColumnMajorArray())
        {
            var v = double.CreateChecked(r);
            sum += v * v;
        }
        return sum / residual.RowCount / residual.ColumnCount;
    }

    private static bool Finite<T>(LoraGradients<T> gradients)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => double.IsFinite(gradients.Loss) && Finite(gradients.GradB) && Finite(gradients.GradA);

    private static bool Finite<T>(LoraAdapter<T> adapter)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Finite(adapter.B0) && Finite(adapter.A0);

    private static bool Finite<T>(Matrix<T> m)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => m.Enumerate().All(T.IsFinite);

    private static ArgumentException Overflow<T>(string name)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Guard.Overflow<T>("the loss or a gradient", name, $"Scale the data or the adapter down{OrDouble<T>(", or compute in double")}.");

    // Computing in double is a remedy only where the matrices are not double already.
    private static string OrDouble<T>(string remedy)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => typeof(T) == typeof(double) ? "" : remedy;

    private static ArgumentOutOfRangeException Diverged(double learningRate, string what, int step, int steps, double startLoss)
        => Guard.OutOfRange(nameof(learningRate),
            $"learningRate = {learningRate} is too large for this problem: {what} overflowed at step {step} of {steps} (the loss was " +
                $"{startLoss:G4} at step 0). Use a smaller learning rate, e.g. {learningRate / 10}.");
}
