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

    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}, but was {value}.");
        }
        return value;
    }

    public static double Tolerance(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (double.IsNaN(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a number >= 0, but was {value}.");
        }
        return value;
    }

    public static Matrix<T> Finite<T>(Matrix<T>? matrix, [CallerArgumentExpression(nameof(matrix))] string name = "")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix, name);
        for (var j = 0; j < matrix.ColumnCount; j++)
        {
            for (var i = 0; i < matrix.RowCount; i++)
            {
                var v = matrix.At(i, j);
                if (!T.IsFinite(v))
                {
                    throw new ArgumentException(
                        $"{name} must contain only finite numbers, but {name}[{i}, {j}] is {v} ({matrix.RowCount}x{matrix.ColumnCount} matrix).",
                        name);
                }
            }
        }
        return matrix;
    }

    public static Vector<T> Finite<T>(Vector<T>? vector, [CallerArgumentExpression(nameof(vector))] string name = "")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(vector, name);
        for (var i = 0; i < vector.Count; i++)
        {
            var v = vector.At(i);
            if (!T.IsFinite(v))
            {
                throw new ArgumentException(
                    $"{name} must contain only finite numbers, but {name}[{i}] is {v} (length {vector.Count}).", name);
            }
        }
        return vector;
    }

    public static Vector<T> Length<T>(Vector<T> vector, int expected, string why, [CallerArgumentExpression(nameof(vector))] string name = "")
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        if (vector.Count != expected)
        {
            throw new ArgumentException(
                $"{name} must have length {expected} ({why}), but has length {vector.Count}.", name);
        }
        return vector;
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

    public static IReadOnlyList<RankSweepPoint> Sweep(IReadOnlyList<RankSweepPoint>? sweep, [CallerArgumentExpression(nameof(sweep))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(sweep, name);
        if (sweep.Count == 0)
        {
            throw new ArgumentException($"{name} must contain at least one rank, but was empty.", name);
        }
        for (var i = 0; i < sweep.Count; i++)
        {
            var p = sweep[i] ?? throw new ArgumentNullException(name, $"{name}[{i}] is null.");
            foreach (var (what, value) in new[] { ("Error", p.Error), ("EckartYoung", p.EckartYoung), ("RelativeError", p.RelativeError), ("EnergyKept", p.EnergyKept), ("OutputError", p.OutputError ?? 0) })
            {
                if (!double.IsFinite(value) || value < 0)
                {
                    throw new ArgumentException($"{name}[{i}].{what} must be a finite number >= 0, but was {value}.", name);
                }
            }
        }
        return sweep;
    }
}
