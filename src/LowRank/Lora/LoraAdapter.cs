using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// A LoRA adapter on a frozen d×k weight W₀ (Hu et al. 2021): the layer computes W₀·X + s·B·(A·X) with B d×r, A r×k and
/// s = α/r, so only r·(d + k) numbers are trained. Immutable: a training step returns a new adapter.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// The record owns B and A and hands out copies, so a caller who writes into <see cref="B"/> or <see cref="A"/> changes only
/// that copy, never the adapter behind the back of every run that holds it.
/// </remarks>
public sealed record LoraAdapter<T>
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    /// <summary>An adapter from given factors, e.g. a nonzero B to look at a later point of training.</summary>
    /// <param name="b">The d×r factor, d ≥ 1 and r ≥ 1; every entry must be finite. It is copied.</param>
    /// <param name="a">The r×k factor, k ≥ 1, with as many rows as <paramref name="b"/> has columns; every entry must be finite. It
    /// is copied.</param>
    /// <param name="alpha">LoRA's α, a finite number &gt; 0 with α/r finite in <typeparamref name="T"/>; the update is scaled by
    /// α/r.</param>
    public LoraAdapter(Matrix<T> b, Matrix<T> a, double alpha)
    {
        Guard.Finite(b);
        Guard.Finite(a);
        if (b.ColumnCount != a.RowCount)
        {
            throw Guard.Invalid(nameof(a),
                $"{nameof(b)} ({Guard.Shape(b)}) and {nameof(a)} ({Guard.Shape(a)}) do not chain: {nameof(a)} must have as many rows as " +
                    $"{nameof(b)} has columns (the rank r).");
        }
        // A rank-0 adapter would scale by α/0 = ∞ and turn every output into NaN; a layer with no rows or inputs has nothing to adapt.
        if (b.ColumnCount == 0 || b.RowCount == 0)
        {
            throw Guard.Invalid(nameof(b),
                $"{nameof(b)} must be d x r with d >= 1 and rank r >= 1, but is {Guard.Shape(b)}: "
                + $"an adapter of rank 0 would scale B·A by α/0.");
        }
        if (a.ColumnCount == 0)
        {
            throw Guard.Invalid(nameof(a), $"{nameof(a)} must be r x k with k >= 1 columns (the layer's inputs), but is {Guard.Shape(a)}.");
        }
        Alpha = CheckAlpha(alpha, b.ColumnCount);
        B0 = b.Clone();
        A0 = a.Clone();
    }

    /// <summary>Takes ownership of factors the library has just built and checked, so training does not copy them twice.</summary>
    private LoraAdapter(double alpha, Matrix<T> b, Matrix<T> a)
    {
        Alpha = alpha;
        B0 = b;
        A0 = a;
    }

    /// <summary>B, d×r: zero at the start, so the adapted layer begins exactly as the frozen one. Each read returns a new
    /// copy.</summary>
    public Matrix<T> B => B0.Clone();

    /// <summary>A, r×k: random at the start (uniform within ±1/√k from <see cref="LoraAdapter.Initial"/>), so B receives a gradient from
    /// the first step on. Each read returns a new copy.</summary>
    public Matrix<T> A => A0.Clone();

    /// <summary>B itself, not copied, for the library's own reads; nothing writes into it.</summary>
    internal Matrix<T> B0 { get; }

    /// <summary>A itself, not copied, for the library's own reads; nothing writes into it.</summary>
    internal Matrix<T> A0 { get; }

    /// <summary>
    /// LoRA's α; the update is scaled by α/r. Held fixed as r changes, it spares retuning the learning rate under Adam
    /// (Hu et al. 2021), not under plain gradient descent, whose step of ΔW grows with (α/r)².
    /// </summary>
    public double Alpha { get; }

    /// <summary>The rank r: the columns of B and the rows of A.</summary>
    public int Rank => B0.ColumnCount;

    /// <summary>The scale s = α/r applied to B·A.</summary>
    public double Scale => Alpha / Rank;

    /// <summary>The rows d of the frozen weight this adapter fits.</summary>
    public int Rows => B0.RowCount;

    /// <summary>The columns k of the frozen weight this adapter fits.</summary>
    public int Columns => A0.ColumnCount;

    /// <summary>s·B·A, the d×k update the adapter adds to W₀; forming it costs d·k numbers, which is why training never does.</summary>
    /// <returns>A new d×k matrix.</returns>
    /// <exception cref="OverflowException">
    /// Some entry of s·B·A exceeds <typeparamref name="T"/>'s range although B and A are finite.
    /// </exception>
    public Matrix<T> Delta()
    {
        var delta = B0 * A0 * ScaleAsT;
        return delta.Enumerate().All(T.IsFinite)
            ? delta
            : throw new OverflowException(
                $"s·B·A overflows {typeof(T).Name} for this adapter "
                + $"(s = α/r = {Scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}): "
                + $"some entry exceeds {LargestFinite.Describe<T>()}. "
                + "Cast the adapter to double (Cast<double>()) or build it with a smaller α.");
    }

    /// <summary>W₀ + s·B·A, the single weight to deploy after training, so inference costs no more than the frozen layer.</summary>
    /// <param name="w0">The frozen d×k weight; every entry must be finite. It is not changed.</param>
    /// <returns>A new d×k matrix.</returns>
    internal Matrix<T> Merge(Matrix<T> w0)
    {
        CheckWeight(w0);
        var merged = w0 + Delta();
        return merged.Enumerate().All(T.IsFinite)
            ? merged
            : throw Guard.Overflow<T>("w0 + s·B·A", nameof(w0), "Merge in double (Cast<double>() and a double w0).");
    }

    /// <summary>W₀·X + s·B·(A·X): the adapted layer on a batch, without forming the d×k product B·A.</summary>
    /// <param name="w0">The frozen d×k weight; every entry must be finite.</param>
    /// <param name="x">The inputs, k×n with one column per example; every entry must be finite.</param>
    /// <returns>A new d×n matrix of outputs.</returns>
    internal Matrix<T> Forward(Matrix<T> w0, Matrix<T> x)
    {
        CheckWeight(w0);
        Guard.Finite(x);
        if (x.RowCount != Columns)
        {
            throw Guard.Invalid(nameof(x),
                $"{nameof(x)} must have {Columns} rows (the columns of the {Guard.Shape(w0)} w0), but is {Guard.Shape(x)}.");
        }
        var output = Adapt(w0 * x, x);
        return output.Enumerate().All(T.IsFinite)
            ? output
            : throw Guard.Overflow<T>("w0·x + s·B·(A·x)", nameof(x), $"Scale {nameof(x)} down or compute in double.");
    }

    /// <summary>W₀·X + s·B·(A·X) from a W₀·X computed once, so training does not redo the frozen product every step.</summary>
    internal Matrix<T> Adapt(Matrix<T> w0x, Matrix<T> x) => w0x + (B0 * (A0 * x) * ScaleAsT);

    /// <summary>The same adapter with new factors, as an optimizer step produces them.</summary>
    internal LoraAdapter<T> WithFactors(Matrix<T> b, Matrix<T> a) => new(Alpha, b, a);

    /// <summary>The adapter in another precision, e.g. a float initialization checked in double.</summary>
    /// <typeparam name="TOther">float or double.</typeparam>
    /// <returns>A new adapter with B and A converted entry by entry and the same α.</returns>
    public LoraAdapter<TOther> Cast<TOther>()
        where TOther : struct, System.Numerics.IFloatingPointIeee754<TOther>
    {
        Precision<TOther>.Require();
        var b = Matrix<TOther>.Build.Dense(B0.RowCount, B0.ColumnCount, (i, j) => TOther.CreateChecked(B0[i, j]));
        var a = Matrix<TOther>.Build.Dense(A0.RowCount, A0.ColumnCount, (i, j) => TOther.CreateChecked(A0[i, j]));
        // A double entry beyond float's range becomes ∞; the public constructor rejects it with the entry's position.
        return new LoraAdapter<TOther>(b, a, Alpha);
    }

    private T ScaleAsT => T.CreateChecked(Scale);

    /// <summary>α itself must be finite and &gt; 0, and α/r must be finite in T: a float scale of ∞ makes 0·∞ = NaN of B = 0.</summary>
    internal static double CheckAlpha(double alpha, int rank)
    {
        Guard.PositiveFinite(alpha);
        return T.IsFinite(T.CreateChecked(alpha / rank))
            ? alpha
            : throw Guard.OutOfRange(nameof(alpha),
                $"alpha / r = {alpha} / {rank} must be finite in {typeof(T).Name} (at most {LargestFinite.Describe<T>()}), "
                + $"but alpha was {alpha}. LoRA's α is of the order of r, e.g. 1 to 64.");
    }

    private void CheckWeight(Matrix<T> w0, string name = "w0")
    {
        Guard.Finite(w0, name);
        Guard.Dimensions(w0, Rows, Columns, $"B is {Guard.Shape(B0)} and A is {Guard.Shape(A0)}", name);
    }
}

/// <summary>Creates <see cref="LoraAdapter{T}"/>s the way PEFT and loralib start training.</summary>
public static class LoraAdapter
{
    /// <summary>
    /// PEFT's and loralib's initialization in float: B = 0 and A drawn from <paramref name="generator"/> as
    /// <c>nn.init.kaiming_uniform_(lora_A, a=math.sqrt(5))</c> draws it (uniform within ±1/√k, see
    /// <see cref="TorchInit.KaimingUniform"/>), so the adapted layer starts exactly as the frozen one while A already
    /// passes the input through.
    /// </summary>
    /// <remarks>
    /// Hu et al. (2021) describe a Gaussian A; the libraries that implement LoRA start it as <c>nn.Linear</c> starts its
    /// weights. The values are those of that one call on <paramref name="generator"/>, not of a PEFT model built from the
    /// same seed, which draws other weights first.
    /// </remarks>
    /// <param name="generator">The generator A is drawn from; it advances by rank·k 32-bit draws, as <c>torch.rand</c> does.</param>
    /// <param name="d">Rows of the frozen weight, at least 1.</param>
    /// <param name="k">Columns of the frozen weight, at least 1.</param>
    /// <param name="rank">The rank r, 1 ≤ r ≤ min(d, k).</param>
    /// <param name="alpha">LoRA's α, a finite number &gt; 0 with α/r finite in float; the update is scaled by α/r.</param>
    /// <returns>A new adapter with B = 0 (d×r) and A (r×k) uniform within ±1/√k.</returns>
    public static LoraAdapter<float> Initial(TorchGenerator generator, int d, int k, int rank, double alpha)
        => Initial<float>(generator, d, k, rank, alpha);

    /// <summary>The same initialization in <typeparamref name="T"/>: A is drawn in float, as PyTorch does, then widened.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="generator">The generator A is drawn from; it advances by rank·k 32-bit draws, as <c>torch.rand</c> does.</param>
    /// <param name="d">Rows of the frozen weight, at least 1.</param>
    /// <param name="k">Columns of the frozen weight, at least 1.</param>
    /// <param name="rank">The rank r, 1 ≤ r ≤ min(d, k).</param>
    /// <param name="alpha">LoRA's α, a finite number &gt; 0 with α/r finite in <typeparamref name="T"/>; the update is scaled by
    /// α/r.</param>
    /// <returns>A new adapter with B = 0 (d×r) and A (r×k) uniform within ±1/√k.</returns>
    public static LoraAdapter<T> Initial<T>(TorchGenerator generator, int d, int k, int rank, double alpha)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Precision<T>.Require();
        ArgumentNullException.ThrowIfNull(generator);
        Guard.Positive(d);
        Guard.Positive(k);
        Guard.Elements(d, k);
        Guard.Rank(rank, d, k);
        LoraAdapter<T>.CheckAlpha(alpha, rank);
        var a = TorchInit.KaimingUniform(generator, rank, k, a: Math.Sqrt(5));
        var widened = Matrix<T>.Build.Dense(rank, k, (i, j) => T.CreateChecked(a[i, j]));
        return new LoraAdapter<T>(Matrix<T>.Build.Dense(d, rank), widened, alpha);
    }
}
