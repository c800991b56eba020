using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Argument checks shared by every public entry point, so that bad input fails at the call that received it
/// with a message naming the argument, the value and what is allowed.
/// </summary>
internal static class Guard
{
    public static int Positive(int value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1, but was {value}.");
        }
        return value;
    }

    /// <summary>A finite number above 0, such as a learning rate or LoRA's α; NaN and ∞ are rejected along with 0 and below.</summary>
    public static double PositiveFinite(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} must be a finite number > 0, but was {value}."));
        }
        return value;
    }

    /// <summary>A finite number ≥ 0, such as a noise level, printed in its own type so 0.1f reads 0.1.</summary>
    public static TNumber NonNegativeFinite<TNumber>(TNumber value, [CallerArgumentExpression(nameof(value))] string name = "")
        where TNumber : struct, System.Numerics.IFloatingPointIeee754<TNumber>
    {
        if (!TNumber.IsFinite(value) || TNumber.IsNegative(value))
        {
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} must be a finite number >= 0, but was {value.ToString(null, CultureInfo.InvariantCulture)}.");
        }
        return value;
    }

    /// <summary>The matrix is rows×cols; <paramref name="why"/> says which other argument fixes that shape.</summary>
    public static void Dimensions<T>(Matrix<T> matrix, int rows, int cols, string why, [CallerArgumentExpression(nameof(matrix))] string name = "", string? paramName = null)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        if (matrix.RowCount != rows || matrix.ColumnCount != cols)
        {
            throw new ArgumentException(
                $"{name} must be {rows}x{cols} ({why}), but is {Shape(matrix)}.", paramName ?? name);
        }
    }

    public static double Tolerance(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (double.IsNaN(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a number >= 0, but was {value}.");
        }
        return value;
    }

    /// <param name="matrix">The matrix to check.</param>
    /// <param name="name">How the message names the matrix, e.g. matrices["W"].</param>
    /// <param name="paramName">The parameter it belongs to, when that differs from <paramref name="name"/>.</param>
    public static Matrix<T> Finite<T>(Matrix<T>? matrix, [CallerArgumentExpression(nameof(matrix))] string name = "", string? paramName = null)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        paramName ??= name;
        ArgumentNullException.ThrowIfNull(matrix, paramName);
        for (var j = 0; j < matrix.ColumnCount; j++)
        {
            for (var i = 0; i < matrix.RowCount; i++)
            {
                var v = matrix.At(i, j);
                if (!T.IsFinite(v))
                {
                    throw new ArgumentException(
                        $"{name} must contain only finite numbers, but {name}[{i}, {j}] is {v} ({matrix.RowCount}x{matrix.ColumnCount} matrix).",
                        paramName);
                }
            }
        }
        return matrix;
    }

    /// <param name="vector">The vector to check.</param>
    /// <param name="name">How the message names the vector, e.g. svd.S.</param>
    /// <param name="paramName">The parameter it belongs to, when that differs from <paramref name="name"/>.</param>
    public static Vector<T> Finite<T>(Vector<T>? vector, [CallerArgumentExpression(nameof(vector))] string name = "", string? paramName = null)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        paramName ??= name;
        ArgumentNullException.ThrowIfNull(vector, paramName);
        for (var i = 0; i < vector.Count; i++)
        {
            var v = vector.At(i);
            if (!T.IsFinite(v))
            {
                throw new ArgumentException(
                    $"{name} must contain only finite numbers, but {name}[{i}] is {v} (length {vector.Count}).", paramName);
            }
        }
        return vector;
    }

    /// <summary>x and bias of a layer y = W·x + b: finite, x of length k and bias of length d for the d×k W.</summary>
    public static void LayerInput<T>(Matrix<T> w, Vector<T>? x, Vector<T>? bias,
        [CallerArgumentExpression(nameof(x))] string xName = "", [CallerArgumentExpression(nameof(bias))] string biasName = "")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Length(Finite(x, xName), w.ColumnCount, $"the columns of the {Shape(w)} W", xName);
        Length(Finite(bias, biasName), w.RowCount, $"the rows of the {Shape(w)} W", biasName);
    }

    private static void Length<T>(Vector<T> vector, int expected, string why, string name)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        if (vector.Count != expected)
        {
            throw new ArgumentException(
                $"{name} must have length {expected} ({why}), but has length {vector.Count}.", name);
        }
    }

    /// <summary>rows·cols elements fit in one array, checked before anything is drawn or allocated.</summary>
    public static void Elements(int rows, int cols, [CallerArgumentExpression(nameof(rows))] string rowsName = "", [CallerArgumentExpression(nameof(cols))] string colsName = "")
    {
        var elements = (long)rows * cols;
        if (elements > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(rowsName, rows,
                $"{rowsName} x {colsName} = {rows} x {cols} = {elements} elements, but an array holds at most {Array.MaxLength}.");
        }
    }

    public static int Rank(int rank, int rows, int cols, [CallerArgumentExpression(nameof(rank))] string name = "")
    {
        var max = Math.Min(rows, cols);
        if (rank < 1 || rank > max)
        {
            throw new ArgumentOutOfRangeException(name, rank,
                $"{name} must be between 1 and min(rows, cols) = {max} for a {rows}x{cols} matrix, but was {rank}.");
        }
        return rank;
    }

    public static void Chain<T>(Matrix<T> b, Matrix<T> a, int rows, int cols,
        [CallerArgumentExpression(nameof(b))] string bName = "", [CallerArgumentExpression(nameof(a))] string aName = "")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        // B·A must stand in for a rows x cols W, so B is rows x r and A is r x cols.
        if (b.ColumnCount != a.RowCount)
        {
            throw new ArgumentException(
                $"{bName} ({Shape(b)}) and {aName} ({Shape(a)}) do not chain: {bName} must have as many columns as {aName} has rows.",
                aName);
        }
        if (b.RowCount != rows)
        {
            throw new ArgumentException(
                $"{bName} must have {rows} rows to stand in for a {rows}x{cols} W, but is {Shape(b)}.", bName);
        }
        if (a.ColumnCount != cols)
        {
            throw new ArgumentException(
                $"{aName} must have {cols} columns to stand in for a {rows}x{cols} W, but is {Shape(a)}.", aName);
        }
    }

    public static string Shape<T>(Matrix<T> m)
        where T : struct, System.Numerics.IFloatingPointIeee754<T> => $"{m.RowCount}x{m.ColumnCount}";

    /// <summary>The sequence is not null and has at least one element, described by <paramref name="what"/>.</summary>
    public static TItem[] NonEmpty<TItem>(IEnumerable<TItem>? items, string what,
        [CallerArgumentExpression(nameof(items))] string name = "", string? paramName = null)
    {
        paramName ??= name;
        ArgumentNullException.ThrowIfNull(items, paramName);
        var array = items as TItem[] ?? [.. items];
        if (array.Length == 0)
        {
            throw new ArgumentException($"{name} must contain at least one {what}, but was empty.", paramName);
        }
        return array;
    }

    /// <summary>The list is not null and no element is null; <paramref name="name"/> is how the message names it.</summary>
    public static IReadOnlyList<TItem> NoNulls<TItem>(IReadOnlyList<TItem?>? items,
        [CallerArgumentExpression(nameof(items))] string name = "", string? paramName = null)
        where TItem : class
    {
        paramName ??= name;
        ArgumentNullException.ThrowIfNull(items, paramName);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentException($"{name}[{i}] is null, but every element must be a {typeof(TItem).Name.Split('`')[0]}.", paramName);
            }
        }
        return items!;
    }

    /// <summary>
    /// The points of one <see cref="RankSweep"/>: at least one, none null, and output errors at every rank or at none.
    /// The values need no check: only <see cref="RankSweep"/> can build a point, and it builds finite ones.
    /// </summary>
    public static IReadOnlyList<RankSweepPoint> Sweep(IReadOnlyList<RankSweepPoint>? sweep,
        [CallerArgumentExpression(nameof(sweep))] string name = "", string? paramName = null)
    {
        paramName ??= name;
        var points = NoNulls(NonEmpty(sweep, "rank", name, paramName), name, paramName);
        // A mix can only come from splicing different sweeps, and would leave holes in the output error column.
        var withOutput = points[0].OutputError is not null;
        for (var i = 1; i < points.Count; i++)
        {
            if ((points[i].OutputError is not null) != withOutput)
            {
                throw new ArgumentException(
                    $"{name}[{i}].OutputError is {Describe(points[i].OutputError)} but {name}[0].OutputError is {Describe(points[0].OutputError)}: " +
                    "a sweep has output errors at every rank (RankSweep.Of(W, x, bias)) or at none (RankSweep.Of(W)); do not mix points of different sweeps.",
                    paramName);
            }
        }
        return points;
    }

    private static string Describe(double? value) =>
        value is { } v ? v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : "null";
}
