using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>Seeded standard-normal test matrices, drawn in double and rounded to T so float and double see the same numbers.</summary>
internal static class Gaussian
{
    public static Matrix<T> Random<T>(int rows, int cols, int seed)
        where T : struct, System.Numerics.IFloatingPointIeee754<T> =>
        Matrix<T>.Build.Dense(rows, cols, Draw<T>(rows * cols, seed)); // column-major, as Math.NET stores it

    public static Vector<T> RandomVector<T>(int length, int seed)
        where T : struct, System.Numerics.IFloatingPointIeee754<T> =>
        Vector<T>.Build.Dense(Draw<T>(length, seed));

    /// <summary>
    /// Draws in a plain loop: Math.NET runs a builder's initializer in parallel for long vectors, and System.Random
    /// shared across threads corrupts its state (Normal.Sample then never returns).
    /// </summary>
    private static T[] Draw<T>(int count, int seed)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var normal = new Normal(0, 1, new Random(seed));
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = T.CreateChecked(normal.Sample());
        }
        return values;
    }

    /// <summary>(rows×rank)·(rank×cols), the original's way of making a matrix of known rank.</summary>
    public static Matrix<T> Product<T>(int rows, int cols, int rank, int seed)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Random<T>(rows, rank, seed) * Random<T>(rank, cols, seed + 1);

    public static Matrix<T> Diagonal<T>(params double[] values)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Matrix<T>.Build.DenseOfDiagonalArray([.. values.Select(T.CreateChecked)]);

    public static Matrix<T> Of<T>(double[,] values)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Matrix<T>.Build.Dense(values.GetLength(0), values.GetLength(1), (i, j) => T.CreateChecked(values[i, j]));

    public static Vector<T> VectorOf<T>(params double[] values)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => Vector<T>.Build.Dense([.. values.Select(T.CreateChecked)]);
}
