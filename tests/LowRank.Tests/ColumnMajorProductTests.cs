using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// The vectorised product against MathNet's own managed one, bit for bit: every shape around the vector width (2, 4 or
/// 8 lanes) and the four-column block, empty dimensions, every transpose and the special α and β.
/// </summary>
public class ColumnMajorProductTests
{
    private static readonly ManagedLinearAlgebraProvider Managed = ManagedLinearAlgebraProvider.Instance;

    public static TheoryData<int, int, int> Shapes => new()
    {
        // 13 (double) and 25 (float) leave one vector of rows after the pairs, at a row offset other than 0.
        { 1, 1, 1 }, { 2, 3, 5 }, { 7, 4, 3 }, { 13, 4, 7 }, { 25, 6, 5 }, { 8, 8, 4 }, { 9, 17, 6 }, { 16, 1, 9 }, { 17, 5, 8 },
        { 33, 31, 13 }, { 64, 256, 2 },
        // The same leftover vector of rows in the second block of four columns, where its place in c depends on the column.
        { 13, 3, 9 }, { 25, 3, 9 },
        { 0, 3, 4 }, { 5, 0, 4 }, { 5, 3, 0 }, { 0, 0, 0 },
    };

    public static TheoryData<double, double> Scales => new() { { 1, 0 }, { 0.5, 0 }, { -2, 1 }, { 1.5, 0.25 }, { 0, 3 }, { 0, 0 }, { 1,
        -1 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_products_are_the_managed_providers_bit_for_bit(int m, int inner, int n)
        => EveryTransposeAndScale<double>(m, inner, n);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_products_are_the_managed_providers_bit_for_bit(int m, int inner, int n)
        => EveryTransposeAndScale<float>(m, inner, n);

    [Theory]
    [MemberData(nameof(Scales))]
    public void Alpha_and_beta_scale_as_the_managed_provider_scales(double alpha, double beta)
    {
        foreach (var (ta, tb) in Transposes)
        {
            Same<float>(ta, tb, 9, 5, 6, alpha, beta);
            Same<double>(ta, tb, 9, 5, 6, alpha, beta);
        }
    }

    [Fact]
    public void A_small_product_has_the_entries_written_out_by_hand()
    {
        // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]; column-major arrays.
        double[] a = [1, 3, 2, 4], b = [5, 7, 6, 8], c = new double[4];
        VectorizedLinearAlgebraProvider.Instance.MatrixMultiply(a, 2, 2, b, 2, 2, c);
        Assert.Equal([19, 43, 22, 50], c);
        // Aᵀ·Bᵀ = (B·A)ᵀ = [23 31; 34 46] with 2·it + 10·c added.
        VectorizedLinearAlgebraProvider.Instance.MatrixMultiplyWithUpdate(Transpose.Transpose, Transpose.Transpose, 2, a, 2, 2, b, 2,
            2, 10, c);
        Assert.Equal([(2 * 23) + 190, (2 * 34) + 430, (2 * 31) + 220, (2 * 46) + 500], c);
    }

    [Fact]
    public void Multiply_without_update_overwrites_the_result_as_the_managed_provider_does()
    {
        var x = Gaussian.Random<float>(11, 6, 1).ToColumnMajorArray();
        var y = Gaussian.Random<float>(6, 5, 2).ToColumnMajorArray();
        float[] expected = [.. Enumerable.Repeat(float.NaN, 55)], actual = [.. expected];
        Managed.MatrixMultiply(x, 11, 6, y, 6, 5, expected);
        VectorizedLinearAlgebraProvider.Instance.MatrixMultiply(x, 11, 6, y, 6, 5, actual);
        Assert.Equal(Bits(expected), Bits(actual));
        double[] xd = [.. x.Select(v => (double)v)], yd = [.. y.Select(v => (double)v)];
        double[] expectedD = new double[55], actualD = [.. Enumerable.Repeat(double.NaN, 55)];
        Managed.MatrixMultiply(xd, 11, 6, yd, 6, 5, expectedD);
        VectorizedLinearAlgebraProvider.Instance.MatrixMultiply(xd, 11, 6, yd, 6, 5, actualD);
        Assert.Equal(expectedD, actualD);
    }

    [Fact]
    public void Infinities_and_NaN_propagate_as_in_the_managed_provider()
    {
        var a = Gaussian.Random<double>(10, 3, 3).ToColumnMajorArray();
        var b = Gaussian.Random<double>(3, 5, 4).ToColumnMajorArray();
        (a[0], a[12], b[7]) = (double.PositiveInfinity, double.NaN, double.NegativeInfinity);
        double[] expected = new double[50], actual = new double[50];
        Managed.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1, a, 10, 3, b, 3, 5, 0, expected);
        VectorizedLinearAlgebraProvider.Instance.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1, a, 10,
            3, b, 3, 5, 0,
            actual);
        Assert.Equal(Bits(expected), Bits(actual));
    }

    [Fact]
    public void With_alpha_0_the_product_is_not_formed_so_its_infinities_do_not_reach_c()
    {
        // α = 0: c = β·c alone, as in the managed provider; forming 0·(a·b) would turn a's ∞ into NaN and a −0 of c into +0.
        var a = Gaussian.Random<double>(10, 3, 3).ToColumnMajorArray();
        var b = Gaussian.Random<double>(3, 5, 4).ToColumnMajorArray();
        a[0] = double.PositiveInfinity;
        var c = Gaussian.Random<double>(10, 5, 5).ToColumnMajorArray();
        c[1] = -0.0;
        foreach (var beta in new[] { 1.0, 2.0 })
        {
            var (expected, actual) = ((double[])c.Clone(), (double[])c.Clone());
            Managed.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 0, a, 10, 3, b, 3, 5, beta, expected);
            VectorizedLinearAlgebraProvider.Instance.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 0, a, 10,
                3, b, 3, 5, beta, actual);
            Assert.Equal(Bits(expected), Bits(actual));
            Assert.Equal(Bits(c.Select(v => beta * v).ToArray()), Bits(actual));
        }
    }

    [Fact]
    public void Matrix_operators_go_through_the_vectorised_provider_once_the_library_is_loaded()
    {
        _ = new TorchGenerator(0);
        Assert.Same(VectorizedLinearAlgebraProvider.Instance, LinearAlgebraControl.Provider);
        var a = Gaussian.Random<float>(64, 256, 5);
        var b = Gaussian.Random<float>(64, 256, 6);
        var expected = new float[64 * 64];
        Managed.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.Transpose, 1, a.ToColumnMajorArray(), 64, 256,
            b.ToColumnMajorArray(), 64, 256, 0, expected);
        Assert.Equal(Bits(expected), Bits(a.TransposeAndMultiply(b).ToColumnMajorArray()));
        Assert.Equal(Bits(expected), Bits((a * b.Transpose()).ToColumnMajorArray()));
    }

    [Fact]
    public void Only_the_managed_provider_is_replaced()
    {
        Assert.False(VectorizedLinearAlgebraProvider.UseInsteadOf(() => VectorizedLinearAlgebraProvider.Instance));
        Assert.False(VectorizedLinearAlgebraProvider.UseInsteadOf(() => throw new NotSupportedException("MKL Native Provider not found")));
        try
        {
            Assert.True(VectorizedLinearAlgebraProvider.UseInsteadOf(() => Managed));
            Assert.Same(VectorizedLinearAlgebraProvider.Instance, LinearAlgebraControl.Provider);
        }
        finally
        {
            LinearAlgebraControl.Provider = VectorizedLinearAlgebraProvider.Instance;
        }
        Assert.Equal("Managed, vectorised products", VectorizedLinearAlgebraProvider.Instance.ToString());
        Assert.True(VectorizedLinearAlgebraProvider.Instance.IsAvailable());
    }

    [Fact]
    public void Wrong_sizes_are_rejected_as_the_managed_provider_rejects_them()
    {
        double[] a = new double[6], b = new double[6], c = new double[4];
        var p = VectorizedLinearAlgebraProvider.Instance;
        Assert.Throws<ArgumentNullException>("a", () => p.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1,
            null!, 2, 3, b, 3, 2, 0, c));
        Assert.Throws<ArgumentNullException>("b", () => p.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1,
            a, 2, 3, null!, 3, 2, 0, c));
        Assert.Throws<ArgumentNullException>("c", () => p.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1,
            a, 2, 3, b, 3, 2, 0, null!));
        Rejected(() => p.MatrixMultiply(a, 2, 3, b, 2, 3, c), "columnsA (3) != rowsB (2)");
        Rejected(() => p.MatrixMultiply(a, 3, 3, b, 3, 2, c), "rowsA (3) * columnsA (3) != a.Length (6)");
        Rejected(() => p.MatrixMultiply(a, 2, 3, b, 3, 3, c), "rowsB (3) * columnsB (3) != b.Length (6)");
        Rejected(() => p.MatrixMultiply(a, 2, 3, b, 3, 2, new double[5]), "rowsA (2) * columnsB (2) != c.Length (5)");
        // Transposed, the shapes are those of op(a) and op(b): a is 3×2 stored, so op(a) is 2×3.
        Rejected(() => p.MatrixMultiplyWithUpdate(Transpose.Transpose, Transpose.DontTranspose, 1, a, 2, 3, b, 3, 2, 0, c),
            "columnsA (2) != rowsB (3)");
        Rejected(() => p.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.Transpose, 1f, new float[6], 2, 3, new float[6],
            3, 2, 0f, new float[4]),
            "columnsA (3) != rowsB (2)");
        Rejected(() => p.MatrixMultiply(new float[6], 2, 3, new float[6], 3, 2, new float[3]), "rowsA (2) * columnsB (2) != c.Length (3)");
        p.MatrixMultiplyWithUpdate(Transpose.Transpose, Transpose.Transpose, 1, a, 3, 2, b, 2, 3, 0, c);
    }

    private static readonly (Transpose A, Transpose B)[] Transposes =
    [
        (Transpose.DontTranspose, Transpose.DontTranspose), (Transpose.Transpose, Transpose.DontTranspose),
        (Transpose.DontTranspose, Transpose.Transpose), (Transpose.ConjugateTranspose, Transpose.ConjugateTranspose),
    ];

    private static void Rejected(Action call, string message)
        => Assert.Equal(message, Assert.Throws<ArgumentOutOfRangeException>(call).Message);

    private static void EveryTransposeAndScale<T>(int m, int inner, int n)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        foreach (var (ta, tb) in Transposes)
        {
            Same<T>(ta, tb, m, inner, n, 1, 0);
            Same<T>(ta, tb, m, inner, n, 0.75, -1.5);
        }
    }

    private static void Same<T>(Transpose ta, Transpose tb, int m, int inner, int n, double alpha, double beta)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        // Stored shapes: op(a) is m×inner, op(b) inner×n.
        var (rowsA, columnsA) = ta == Transpose.DontTranspose ? (m, inner) : (inner, m);
        var (rowsB, columnsB) = tb == Transpose.DontTranspose ? (inner, n) : (n, inner);
        var a = Gaussian.Random<T>(rowsA, columnsA, (m * 31) + inner).ToColumnMajorArray();
        var b = Gaussian.Random<T>(rowsB, columnsB, (n * 17) + inner).ToColumnMajorArray();
        var c = Gaussian.Random<T>(m, n, m + n).ToColumnMajorArray();
        var (expected, actual) = ((T[])c.Clone(), (T[])c.Clone());
        T at = T.CreateChecked(alpha), bt = T.CreateChecked(beta);
        ((ILinearAlgebraProvider<T>)(object)Managed).MatrixMultiplyWithUpdate(ta, tb, at, a, rowsA, columnsA, b, rowsB, columnsB, bt,
            expected);
        ((ILinearAlgebraProvider<T>)(object)VectorizedLinearAlgebraProvider.Instance).MatrixMultiplyWithUpdate(ta, tb, at, a, rowsA,
            columnsA, b, rowsB,
            columnsB, bt, actual);
        Assert.Equal(Bits(expected), Bits(actual));
        if (alpha == 1 && beta == 0 && ta == Transpose.DontTranspose && tb == Transpose.DontTranspose)
        {
            var product = new T[m * n];
            ((ILinearAlgebraProvider<T>)(object)VectorizedLinearAlgebraProvider.Instance).MatrixMultiply(a, m, inner, b, inner, n, product);
            Assert.Equal(Bits(expected), Bits(product));
        }
    }

    private static long[] Bits<T>(T[] values)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
        => [.. values.Select(v => typeof(T) == typeof(float)
            ? BitConverter.SingleToInt32Bits(float.CreateChecked(v))
            : BitConverter.DoubleToInt64Bits(double.CreateChecked(v)))];
}
