using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Trains an <see cref="Mlp"/> with Adam on softmax cross-entropy: the whole network, its output layer alone, or LoRA
/// adapters on both its weights with the network frozen. The tested version of the loops notebook 7 writes out.
/// </summary>
/// <remarks>
/// Each step runs the batch forward (H = relu(W₁X + b₁), Z = W₂H + b₂), takes ∂L/∂Z = (softmax(Z) − onehot)/m, and
/// back: ∂L/∂W₂ = ∂L/∂Z·Hᵀ, ∂L/∂H = W₂ᵀ·∂L/∂Z, ∂L/∂W₁ = (∂L/∂H ∘ [W₁X + b₁ &gt; 0])·Xᵀ, the biases' gradients the row sums.
/// An adapted weight W + s·B·A is formed once per step, as hkproj's <c>lora.ipynb</c> parametrizes it, and its gradient G
/// reaches the factors as ∂L/∂B = (s·G)·Aᵀ and ∂L/∂A = Bᵀ·(s·G). Products go into storage allocated before the loop.
/// </remarks>
public static class MlpTraining
{
    /// <summary>Full training (or full fine-tuning): every weight and bias moves.</summary>
    /// <param name="start">The network to start from; it is not changed.</param>
    /// <param name="train">The training images, in the order the batches take them.</param>
    /// <param name="schedule">Batch size, epochs and learning rate.</param>
    /// <returns>The trained network and the loss of every batch.</returns>
    public static MlpTrainingRun<Mlp> Train(Mlp start, LabelledImages train, TrainingSchedule schedule)
    {
        var (engine, step) = FullSteps(start, train, schedule);
        var losses = engine.Run(step);
        return new MlpTrainingRun<Mlp>(engine.Network(), losses);
    }

    /// <summary>The engine and one step of full training on it, which a benchmark times alone.</summary>
    internal static (Engine Engine, Func<int, double> Step) FullSteps(Mlp start, LabelledImages train, TrainingSchedule schedule)
    {
        var engine = new Engine(start, train, schedule);
        return (engine, AdamSteps(engine, [engine.W1, engine.B1, engine.W2, engine.B2], [engine.G1, engine.Gb1, engine.G2, engine.Gb2],
            schedule, throughHidden: true));
    }

    // Adam over the given parameter arrays and their gradients; beforeStep runs before the forward pass, beforeUpdate between
    // the backward pass and Adam. The delegates are made once, so a step allocates nothing.
    private static Func<int, double> AdamSteps(Engine engine, float[][] w, float[][] g, TrainingSchedule schedule, bool throughHidden,
        Action? beforeStep = null, Action? beforeUpdate = null)
    {
        var adam = new Adam(schedule.LearningRate, [.. w.Select(a => a.Length)]);
        Action update = beforeUpdate is null ? () => adam.Step(w, g) : () => { beforeUpdate(); adam.Step(w, g); };
        return step => engine.Step(step, throughHidden, beforeStep, update);
    }

    /// <summary>Fine-tuning the output layer alone: the hidden layer stays frozen.</summary>
    /// <param name="start">The network to start from; it is not changed.</param>
    /// <param name="train">The training images, in the order the batches take them.</param>
    /// <param name="schedule">Batch size, epochs and learning rate.</param>
    /// <returns>The network with its new output layer and the loss of every batch.</returns>
    public static MlpTrainingRun<Mlp> TrainOutputLayer(Mlp start, LabelledImages train, TrainingSchedule schedule)
    {
        var engine = new Engine(start, train, schedule);
        var losses = engine.Run(AdamSteps(engine, [engine.W2, engine.B2], [engine.G2, engine.Gb2], schedule, throughHidden: false));
        return new MlpTrainingRun<Mlp>(engine.Network(), losses);
    }

    /// <summary>LoRA: the network frozen, only the adapters' B and A move.</summary>
    /// <param name="frozen">The network; it is not changed.</param>
    /// <param name="start">Adapters for its two weights, usually <see cref="MlpAdapters.Initial"/>; not changed.</param>
    /// <param name="train">The training images, in the order the batches take them.</param>
    /// <param name="schedule">Batch size, epochs and learning rate.</param>
    /// <returns>The trained adapters and the loss of every batch.</returns>
    public static MlpTrainingRun<MlpAdapters> TrainAdapters(Mlp frozen, MlpAdapters start, LabelledImages train, TrainingSchedule schedule)
    {
        var (hidden, output, engine, step) = AdapterSteps(frozen, start, train, schedule);
        var losses = engine.Run(step);
        return new MlpTrainingRun<MlpAdapters>(new MlpAdapters(hidden.Adapter(), output.Adapter()), losses);
    }

    /// <summary>The factors, the engine and one LoRA step on them, which a benchmark times alone.</summary>
    private static (Factors Hidden, Factors Output, Engine Engine, Func<int, double> Step) AdapterSteps(
        Mlp frozen, MlpAdapters start, LabelledImages train, TrainingSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(frozen);
        ArgumentNullException.ThrowIfNull(start);
        var engine = new Engine(frozen, train, schedule);
        if (start.Hidden.Rows != frozen.Hidden.Outputs || start.Hidden.Columns != frozen.Hidden.Inputs
            || start.Output.Rows != frozen.Output.Outputs)
        {
            throw Guard.Invalid(nameof(start),
                $"{nameof(start)} must fit the network's {Guard.Shape(frozen.Hidden.Weight)} and {Guard.Shape(frozen.Output.Weight)} "
                + $"weights, but has A {Guard.Shape(start.Hidden.A)} and B {Guard.Shape(start.Output.B)}.");
        }
        var hidden = new Factors(frozen.Hidden.Weight, start.Hidden, engine.W1, engine.G1);
        var output = new Factors(frozen.Output.Weight, start.Output, engine.W2, engine.G2);
        var step = AdamSteps(engine, [hidden.BData, hidden.AData, output.BData, output.AData],
            [hidden.GradBData, hidden.GradAData, output.GradBData, output.GradAData], schedule, throughHidden: true,
            beforeStep: () => { hidden.Merge(); output.Merge(); }, beforeUpdate: () => { hidden.Gradients(); output.Gradients(); });
        return (hidden, output, engine, step);
    }

    /// <summary>One LoRA step, for a benchmark: the step function over the given adapters.</summary>
    internal static Func<int, double> AdapterStep(Mlp frozen, MlpAdapters start, LabelledImages train, TrainingSchedule schedule) =>
        AdapterSteps(frozen, start, train, schedule).Step;

    /// <summary>The mean cross-entropy of a batch and its gradients with respect to W₁, b₁, W₂ and b₂, as one step takes them.</summary>
    internal static (double Loss, Matrix<float> W1, Vector<float> B1, Matrix<float> W2, Vector<float> B2) Gradients(
        Mlp network, LabelledImages batch)
    {
        var engine = new Engine(network, batch, WholeBatch(batch));
        var loss = engine.Evaluate(throughHidden: true);
        return (loss, engine.G1Matrix.Clone(), Vector<float>.Build.Dense([.. engine.Gb1]),
            engine.G2Matrix.Clone(), Vector<float>.Build.Dense([.. engine.Gb2]));
    }

    /// <summary>The mean cross-entropy of a batch through the adapted network and its gradients with respect to B₁, A₁, B₂, A₂.</summary>
    internal static (double Loss, Matrix<float> B1, Matrix<float> A1, Matrix<float> B2, Matrix<float> A2) AdapterGradients(
        Mlp frozen, MlpAdapters adapters, LabelledImages batch)
    {
        var engine = new Engine(frozen, batch, WholeBatch(batch));
        var hidden = new Factors(frozen.Hidden.Weight, adapters.Hidden, engine.W1, engine.G1);
        var output = new Factors(frozen.Output.Weight, adapters.Output, engine.W2, engine.G2);
        hidden.Merge();
        output.Merge();
        var loss = engine.Evaluate(throughHidden: true);
        hidden.Gradients();
        output.Gradients();
        return (loss, hidden.GradB.Clone(), hidden.GradA.Clone(), output.GradB.Clone(), output.GradA.Clone());
    }

    private static TrainingSchedule WholeBatch(LabelledImages batch) => new(batch?.Count ?? 1, epochs: 1, learningRate: 1);

    /// <summary>One adapter's factors and the buffers that turn a weight's gradient into theirs.</summary>
    internal sealed class Factors
    {
        private readonly Matrix<float> w0, b, a, gradB, gradA, product, scaledG, effective, g;
        private readonly float scale;
        private readonly double alpha;

        public Factors(Matrix<float> w0, LoraAdapter<float> start, float[] effective, float[] g)
        {
            this.w0 = w0;
            (b, a, alpha) = (Dense(start.B), Dense(start.A), start.Alpha);
            scale = (float)start.Scale;
            gradB = Matrix<float>.Build.Dense(b.RowCount, b.ColumnCount);
            gradA = Matrix<float>.Build.Dense(a.RowCount, a.ColumnCount);
            product = Matrix<float>.Build.Dense(w0.RowCount, w0.ColumnCount);
            scaledG = Matrix<float>.Build.Dense(w0.RowCount, w0.ColumnCount);
            this.effective = Matrix<float>.Build.Dense(w0.RowCount, w0.ColumnCount, effective);
            this.g = Matrix<float>.Build.Dense(w0.RowCount, w0.ColumnCount, g);
        }

        public float[] BData => b.AsColumnMajorArray();

        public float[] AData => a.AsColumnMajorArray();

        public float[] GradBData => gradB.AsColumnMajorArray();

        public float[] GradAData => gradA.AsColumnMajorArray();

        public Matrix<float> GradB => gradB;

        public Matrix<float> GradA => gradA;

        /// <summary>W = W₀ + s·(B·A), into the weight the forward pass reads, in PyTorch's order of operations.</summary>
        public void Merge()
        {
            b.Multiply(a, product);
            product.Multiply(scale, product);
            w0.Add(product, effective);
        }

        /// <summary>∂L/∂B = (s·G)·Aᵀ and ∂L/∂A = Bᵀ·(s·G), as autograd takes them through s·(B·A).</summary>
        public void Gradients()
        {
            g.Multiply(scale, scaledG);
            scaledG.TransposeAndMultiply(a, gradB);
            b.TransposeThisAndMultiply(scaledG, gradA);
        }

        public LoraAdapter<float> Adapter() => new(b, a, alpha);
    }

    private static Matrix<float> Dense(Matrix<float> m) => Matrix<float>.Build.DenseOfMatrix(m);

    /// <summary>The network's weights as flat arrays, the batches, and the forward and backward pass into fixed storage.</summary>
    internal sealed class Engine
    {
        private readonly Matrix<float> w1, w2, g1, g2;
        private readonly Vector<float> b1, b2, gb1, gb2;
        private readonly (Matrix<float> X, int[] Labels)[] batches;
        private readonly Dictionary<int, Buffers> buffers = [];
        private readonly int steps;

        public Engine(Mlp start, LabelledImages train, TrainingSchedule schedule)
        {
            ArgumentNullException.ThrowIfNull(start);
            ArgumentNullException.ThrowIfNull(train);
            ArgumentNullException.ThrowIfNull(schedule);
            if (train.Images.RowCount != start.Hidden.Inputs || train.Classes != start.Output.Outputs)
            {
                throw Guard.Invalid(nameof(train),
                    $"{nameof(train)} must have {start.Hidden.Inputs} pixels and {start.Output.Outputs} classes "
                    + $"(the network's inputs and outputs), but has {train.Images.RowCount} and {train.Classes}.");
            }
            var total = schedule.Steps(train.Count);
            if (total > TrainingSchedule.MaxSteps)
            {
                throw Guard.OutOfRange(nameof(schedule), $"{nameof(schedule)} takes {total} steps ({schedule.Epochs} epochs of "
                    + $"{total / schedule.Epochs} batches of the {train.Count} images), more than TrainingSchedule.MaxSteps = "
                    + $"{TrainingSchedule.MaxSteps}. Use fewer epochs or larger batches.");
            }
            (w1, w2) = (Dense(start.Hidden.Weight), Dense(start.Output.Weight));
            (b1, b2) = (Vector<float>.Build.DenseOfVector(start.Hidden.Bias), Vector<float>.Build.DenseOfVector(start.Output.Bias));
            (g1, g2) = (Matrix<float>.Build.Dense(w1.RowCount, w1.ColumnCount), Matrix<float>.Build.Dense(w2.RowCount, w2.ColumnCount));
            (gb1, gb2) = (Vector<float>.Build.Dense(b1.Count), Vector<float>.Build.Dense(b2.Count));
            // A batch larger than the data is the whole data, as a DataLoader gives it; the cap also keeps the count below in range.
            var size = Math.Min(schedule.BatchSize, train.Count);
            batches = Enumerable.Range(0, (train.Count + size - 1) / size).Select(i =>
            {
                var count = Math.Min(size, train.Count - (i * size));
                return (train.Images.SubMatrix(0, train.Images.RowCount, i * size, count),
                    train.Labels.Skip(i * size).Take(count).ToArray());
            }).ToArray();
            steps = (int)total;
        }

        public float[] W1 => w1.AsColumnMajorArray();

        public float[] B1 => b1.AsArray();

        public float[] W2 => w2.AsColumnMajorArray();

        public float[] B2 => b2.AsArray();

        public float[] G1 => g1.AsColumnMajorArray();

        public float[] Gb1 => gb1.AsArray();

        public float[] G2 => g2.AsColumnMajorArray();

        public float[] Gb2 => gb2.AsArray();

        public Matrix<float> G1Matrix => g1;

        public Matrix<float> G2Matrix => g2;

        /// <summary>One forward and backward pass over the first batch, without an update.</summary>
        public double Evaluate(bool throughHidden) => ForwardBackward(batches[0].X, batches[0].Labels, throughHidden);

        public Mlp Network() => new(new DenseLayer(w1, b1), new DenseLayer(w2, b2));

        public IReadOnlyList<double> Run(Func<int, double> step)
        {
            var losses = new double[steps];
            for (var t = 0; t < steps; t++)
            {
                losses[t] = step(t);
            }
            return Array.AsReadOnly(losses);
        }

        /// <summary>Step <paramref name="step"/> (0-based) on its batch: the loss before the update.</summary>
        public double Step(int step, bool throughHidden, Action? beforeStep, Action afterStep)
        {
            beforeStep?.Invoke();
            var (x, labels) = batches[step % batches.Length];
            var loss = ForwardBackward(x, labels, throughHidden);
            if (!double.IsFinite(loss) || !Finite(g1) || !Finite(g2))
            {
                throw new ArgumentException(FormattableString.Invariant(
                    $"The loss or its gradients overflowed at step {step}: use a smaller learning rate."), "schedule");
            }
            afterStep();
            return loss;
        }

        private static bool Finite(Matrix<float> m) => Array.TrueForAll(m.AsColumnMajorArray(), float.IsFinite);

        /// <summary>The batch's mean cross-entropy; fills the gradients of both layers (the first only when asked).</summary>
        /// <remarks>
        /// The entry-by-entry steps run over the column-major arrays of the engine's own dense storage, not through
        /// <c>At</c>: the same operations in the same order, without a virtual call per entry.
        /// </remarks>
        private double ForwardBackward(Matrix<float> x, int[] labels, bool throughHidden)
        {
            var m = labels.Length;
            if (!buffers.TryGetValue(m, out var b))
            {
                b = new Buffers(w1.RowCount, w2.RowCount, m);
                buffers[m] = b;
            }
            var (pre, h, z, dz, dh) = (b.Pre.AsColumnMajorArray(), b.H.AsColumnMajorArray(), b.Z.AsColumnMajorArray(),
                b.DZ.AsColumnMajorArray(), b.DH.AsColumnMajorArray());
            var (hidden, classes) = (w1.RowCount, w2.RowCount);
            w1.Multiply(x, b.Pre);
            Mlp.AddBias(pre, hidden, B1);
            for (var k = 0; k < pre.Length; k++)
            {
                h[k] = Math.Max(pre[k], 0f);
            }
            w2.Multiply(b.H, b.Z);
            Mlp.AddBias(z, classes, B2);
            var loss = 0.0;
            for (var j = 0; j < m; j++)
            {
                var column = z.AsSpan(j * classes, classes);
                loss += Mlp.CrossEntropy(column, labels[j]);
                SoftmaxGradient(column, dz.AsSpan(j * classes, classes), labels[j], m);
            }
            b.DZ.TransposeAndMultiply(b.H, g2);
            RowSums(dz, classes, Gb2);
            if (throughHidden)
            {
                w2.TransposeThisAndMultiply(b.DZ, b.DH);
                for (var k = 0; k < dh.Length; k++)
                {
                    if (pre[k] <= 0)
                    {
                        dh[k] = 0f;
                    }
                }
                b.DH.TransposeAndMultiply(x, g1);
                RowSums(dh, hidden, Gb1);
            }
            return loss / m;
        }

        // sums[i] = m[i, 0] + m[i, 1] + …, in that order, for a column-major matrix with the given rows.
        private static void RowSums(float[] m, int rows, float[] sums)
        {
            for (var i = 0; i < rows; i++)
            {
                var sum = 0f;
                for (var at = i; at < m.Length; at += rows)
                {
                    sum += m[at];
                }
                sums[i] = sum;
            }
        }

        /// <summary>(softmax(z) − onehot(label)) / m for one column, in float as autograd computes it.</summary>
        private static void SoftmaxGradient(ReadOnlySpan<float> z, Span<float> dz, int label, int m)
        {
            var max = z[Mlp.ArgMax(z)];
            var sum = 0f;
            for (var i = 0; i < z.Length; i++)
            {
                var e = MathF.Exp(z[i] - max);
                dz[i] = e;
                sum += e;
            }
            for (var i = 0; i < z.Length; i++)
            {
                dz[i] = ((dz[i] / sum) - (i == label ? 1f : 0f)) / m;
            }
        }
    }

    /// <summary>The activations and their gradients for one batch size.</summary>
    private sealed class Buffers(int hidden, int classes, int m)
    {
        public Matrix<float> Pre { get; } = Matrix<float>.Build.Dense(hidden, m);

        public Matrix<float> H { get; } = Matrix<float>.Build.Dense(hidden, m);

        public Matrix<float> Z { get; } = Matrix<float>.Build.Dense(classes, m);

        public Matrix<float> DZ { get; } = Matrix<float>.Build.Dense(classes, m);

        public Matrix<float> DH { get; } = Matrix<float>.Build.Dense(hidden, m);
    }
}
