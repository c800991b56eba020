using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Argument checks shared by every public entry point, so that bad input fails at the call that received it
/// with a message naming the argument, the value and what is allowed. Numbers in messages are culture-invariant.
/// </summary>
internal static class Guard
{
    public static int Positive(int value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, name);
        return value;
    }

    /// <summary>A finite number above 0, such as a learning rate or LoRA's α; NaN and ∞ are rejected along with 0 and below.</summary>
    public static double PositiveFinite(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw OutOfRange(name, $"{name} must be a finite number > 0, but was {value}.");
        }
        return value;
    }

    /// <summary>A finite number, such as the expected value of an exercise.</summary>
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!double.IsFinite(value))
        {
            throw OutOfRange(name, $"{name} must be a finite number, but was {value}.");
        }
        return value;
    }

    /// <summary>A finite number ≥ 0, such as a noise level, printed in its own type so 0.1f reads 0.1.</summary>
    public static TNumber NonNegativeFinite<TNumber>(TNumber value, [CallerArgumentExpression(nameof(value))] string name = "")
        where TNumber : struct, System.Numerics.IFloatingPointIeee754<TNumber>
    {
        if (!TNumber.IsFinite(value) || TNumber.IsNegative(value))
        {
            throw OutOfRange(name, $"{name} must be a finite number >= 0, but was {value}.");
        }
        return value;
    }

    /// <summary>A threshold such as a rank tolerance: a finite number ≥ 0, since ∞ would only end up as "Infinity" in a chart.</summary>
    public static double Tolerance(double value, [CallerArgumentExpression(nameof(value))] string name = "")
        => NonNegativeFinite(value, name);

    /// <summary>
    /// An <see cref="ArgumentOutOfRangeException"/> whose message is formatted culture-invariantly. The value is only in the
    /// message: the BCL would append ActualValue formatted in the current culture ("was -0,5" under de-DE).
    /// </summary>
    public static ArgumentOutOfRangeException OutOfRange(string name, InvariantMessage message)
        => new(name, message.ToString());

    /// <summary>A finite input whose result, <paramref name="what"/>, exceeds T's range; <paramref name="remedy"/> says what to
    /// do.</summary>
    public static ArgumentException Overflow<T>(string what, string name, string remedy)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => new($"{what} overflows {typeof(T).Name} for this {name}: some value exceeds {LargestFinite.Describe<T>()}. {remedy}", name);

    /// <summary>An <see cref="ArgumentException"/> whose message is formatted culture-invariantly.</summary>
    public static ArgumentException Invalid(string name, InvariantMessage message)
        => new(message.ToString(), name);

    /// <summary>The matrix is rows×cols; <paramref name="why"/> says which other argument fixes that shape.</summary>
    public static void Dimensions<T>(Matrix<T> matrix, int rows, int cols, string why,
        [CallerArgumentExpression(nameof(matrix))] string name = "", string? paramName = null)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        if (matrix.RowCount != rows || matrix.ColumnCount != cols)
        {
            throw Invalid(paramName ?? name, $"{name} must be {rows}x{cols} ({why}), but is {Shape(matrix)}.");
        }
    }

    /// <param name="matrix">The matrix to check.</param>
    /// <param name="name">How the message names the matrix, e.g. matrices["W"].</param>
    /// <param name="paramName">The parameter it belongs to, when that differs from <paramref name="name"/>.</param>
    public static Matrix<T> Finite<T>(Matrix<T>? matrix, [CallerArgumentExpression(nameof(matrix))] string name = "",
        string? paramName = null)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Precision<T>.Require();
        paramName ??= name;
        ArgumentNullException.ThrowIfNull(matrix, paramName);
        for (var j = 0; j < matrix.ColumnCount; j++)
        {
            for (var i = 0; i < matrix.RowCount; i++)
            {
                var v = matrix.At(i, j);
                if (!T.IsFinite(v))
                {
                    throw Invalid(paramName,
                        $"{name} must contain only finite numbers, but {name}[{i}, {j}] is {v} ({matrix.RowCount}x{matrix.ColumnCount} " +
                            $"matrix).");
                }
            }
        }
        return matrix;
    }

    /// <param name="vector">The vector to check.</param>
    /// <param name="name">How the message names the vector, e.g. svd.S.</param>
    /// <param name="paramName">The parameter it belongs to, when that differs from <paramref name="name"/>.</param>
    public static Vector<T> Finite<T>(Vector<T>? vector, [CallerArgumentExpression(nameof(vector))] string name = "",
        string? paramName = null)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Precision<T>.Require();
        paramName ??= name;
        ArgumentNullException.ThrowIfNull(vector, paramName);
        for (var i = 0; i < vector.Count; i++)
        {
            var v = vector.At(i);
            if (!T.IsFinite(v))
            {
                throw Invalid(paramName, $"{name} must contain only finite numbers, but {name}[{i}] is {v} (length {vector.Count}).");
            }
        }
        return vector;
    }

    /// <summary>
    /// A matrix to factor: not null, at most <see cref="Array.MaxLength"/> entries (the SVD copies it into one array; a sparse
    /// W can be larger) and every entry finite. Checked in that order, so a huge sparse W is not scanned before it is refused.
    /// </summary>
    public static Matrix<T> Factorable<T>(Matrix<T>? matrix, [CallerArgumentExpression(nameof(matrix))] string name = "")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Precision<T>.Require();
        ArgumentNullException.ThrowIfNull(matrix, name);
        var elements = (long)matrix.RowCount * matrix.ColumnCount;
        if (elements > Array.MaxLength)
        {
            throw Invalid(name,
                $"{name} is {Shape(matrix)} = {elements} entries, but its SVD needs them in one array, which holds at most " +
                    $"{Array.MaxLength}.");
        }
        return Finite(matrix, name);
    }

    /// <summary>A matrix with at least one row and one column, for operations that need a rank r ≥ 1 to exist.</summary>
    public static Matrix<T> NotEmpty<T>(Matrix<T> matrix, [CallerArgumentExpression(nameof(matrix))] string name = "")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
        {
            throw Invalid(name,
                $"{name} must have at least one row and one column, but is {Shape(matrix)}: an empty matrix has no rank r >= 1.");
        }
        return matrix;
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
            throw Invalid(name, $"{name} must have length {expected} ({why}), but has length {vector.Count}.");
        }
    }

    /// <summary>rows·cols elements fit in one array, checked before anything is drawn or allocated.</summary>
    public static void Elements(int rows, int cols, [CallerArgumentExpression(nameof(rows))] string rowsName = "",
        [CallerArgumentExpression(nameof(cols))] string colsName = "")
    {
        var elements = (long)rows * cols;
        if (elements > Array.MaxLength)
        {
            throw OutOfRange(rowsName,
                $"{rowsName} x {colsName} = {rows} x {cols} = {elements} elements, but an array holds at most {Array.MaxLength}.");
        }
    }

    public static int Rank(int rank, int rows, int cols, [CallerArgumentExpression(nameof(rank))] string name = "")
    {
        var max = Math.Min(rows, cols);
        if (rank < 1 || rank > max)
        {
            throw OutOfRange(name, $"{name} must be between 1 and min(rows, cols) = {max} for a {rows}x{cols} matrix, but was {rank}.");
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
            throw Invalid(aName,
                $"{bName} ({Shape(b)}) and {aName} ({Shape(a)}) do not chain: {bName} must have as many columns as {aName} has rows.");
        }
        if (b.RowCount != rows)
        {
            throw Invalid(bName, $"{bName} must have {rows} rows to stand in for a {rows}x{cols} W, but is {Shape(b)}.");
        }
        if (a.ColumnCount != cols)
        {
            throw Invalid(aName, $"{aName} must have {cols} columns to stand in for a {rows}x{cols} W, but is {Shape(a)}.");
        }
    }

    public static string Shape<T>(Matrix<T> m)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => string.Create(CultureInfo.InvariantCulture, $"{m.RowCount}x{m.ColumnCount}");

    /// <summary>A copy of a list that is not null and has at least one element, described by <paramref name="what"/>.</summary>
    public static TItem[] NonEmptyList<TItem>(IReadOnlyList<TItem>? items, string what,
        [CallerArgumentExpression(nameof(items))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(items, name);
        if (items.Count == 0)
        {
            throw Invalid(name, $"{name} must contain at least one {what}, but was empty.");
        }
        return [.. items];
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
                throw Invalid(paramName, $"{name}[{i}] is null, but every element must be a {typeof(TItem).Name.Split('`')[0]}.");
            }
        }
        return items!;
    }
}
