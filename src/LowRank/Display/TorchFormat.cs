using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Text for matrices and vectors exactly as PyTorch's default <c>print</c> shows tensors (torch/_tensor_str.py with
/// precision 4, line width 80, threshold 1000, 3 edge items), so notebook output can be compared line by line with
/// the PyTorch original.
/// </summary>
/// <remarks>
/// Like PyTorch, every element is shown with 4 decimals in a common right-aligned width; integer-valued data prints as
/// <c>1.</c>; scientific notation is used when the largest and smallest nonzero magnitudes differ by more than a factor
/// 1000, the largest exceeds 1e8 or the smallest is below 1e-4. Tensors of more than 1000 elements are summarised to
/// their first and last 3 rows and columns with <c>...</c>, as PyTorch does. A tensor without elements prints as
/// <c>tensor([])</c>, with its size appended unless it is a vector, e.g. <c>tensor([], size=(0, 3))</c>.
/// </remarks>
public static class TorchFormat
{
    private const int LineWidth = 80;
    private const int Decimals = 4;
    private const int SummaryThreshold = 1000;
    private const int EdgeItems = 3;
    private const string Prefix = "tensor(";
    private const string Float64Suffix = "dtype=torch.float64";

    /// <summary>Formats a float matrix the way <c>print(tensor)</c> does for a 2-D float32 tensor.</summary>
    /// <param name="matrix">The matrix to show.</param>
    /// <returns>Text such as <c>tensor([[ 1.5410, -0.2934],\n        [-2.1788,  0.5684]])</c>.</returns>
    internal static string Format(Matrix<float> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return FormatMatrix(matrix.RowCount, matrix.ColumnCount, (i, j) => matrix.At(i, j), float64: false);
    }

    /// <summary>Formats a double matrix the way <c>print(tensor)</c> does for a 2-D float64 tensor, dtype suffix included.</summary>
    /// <param name="matrix">The matrix to show.</param>
    /// <returns>Text ending in <c>, dtype=torch.float64)</c>.</returns>
    internal static string Format(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return FormatMatrix(matrix.RowCount, matrix.ColumnCount, matrix.At, float64: true);
    }

    /// <summary>Formats a float vector the way <c>print(tensor)</c> does for a 1-D float32 tensor.</summary>
    /// <param name="vector">The vector to show.</param>
    /// <returns>Text such as <c>tensor([ 1.5410, -0.2934])</c>.</returns>
    internal static string Format(Vector<float> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return FormatVector(vector.Count, i => vector.At(i), float64: false);
    }

    /// <summary>Formats a double vector the way <c>print(tensor)</c> does for a 1-D float64 tensor, dtype suffix included.</summary>
    /// <param name="vector">The vector to show.</param>
    /// <returns>Text ending in <c>, dtype=torch.float64)</c>.</returns>
    internal static string Format(Vector<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return FormatVector(vector.Count, vector.At, float64: true);
    }

    /// <summary>The shape as PyTorch prints <c>tensor.shape</c>, for notebook cells: <c>W.TorchShape()</c> gives <c>torch.Size([10,
    /// 2])</c>.</summary>
    /// <typeparam name="T">Element type of the matrix.</typeparam>
    /// <param name="matrix">The matrix whose shape to show.</param>
    /// <returns><c>torch.Size([rows, cols])</c>.</returns>
    public static string TorchShape<T>(this Matrix<T> matrix)
        where T : struct, IEquatable<T>, IFormattable
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return string.Create(CultureInfo.InvariantCulture, $"torch.Size([{matrix.RowCount}, {matrix.ColumnCount}])");
    }

    /// <summary>The shape as PyTorch prints <c>tensor.shape</c> for a 1-D tensor: <c>x.TorchShape()</c> gives
    /// <c>torch.Size([10])</c>.</summary>
    /// <typeparam name="T">Element type of the vector.</typeparam>
    /// <param name="vector">The vector whose shape to show.</param>
    /// <returns><c>torch.Size([length])</c>.</returns>
    public static string TorchShape<T>(this Vector<T> vector)
        where T : struct, IEquatable<T>, IFormattable
    {
        ArgumentNullException.ThrowIfNull(vector);
        return string.Create(CultureInfo.InvariantCulture, $"torch.Size([{vector.Count}])");
    }

    /// <summary>A number as Python prints a float (its <c>repr</c>), for example <c>4.846704541705549e-06</c>, <c>0.0001</c>,
    /// <c>1e-05</c> or <c>100.0</c>; this is how PyTorch prints a one-element result such as <c>torch.norm(...)</c> in an
    /// f-string.</summary>
    /// <param name="value">Any double, including NaN and infinities (printed <c>nan</c>, <c>inf</c>, <c>-inf</c>).</param>
    /// <returns>The shortest text that reads back as the same double, laid out the way Python does.</returns>
    public static string PythonFloat(double value) => PythonNumberFormat.Repr(value);

    /// <summary>Extension form of <see cref="Format(Matrix{float})"/>, for notebook cells: <c>W.ToTorchString()</c>.</summary>
    /// <param name="matrix">The matrix to show.</param>
    /// <returns>The PyTorch-style text.</returns>
    public static string ToTorchString(this Matrix<float> matrix) => Format(matrix);

    /// <summary>Extension form of <see cref="Format(Matrix{double})"/>, for notebook cells.</summary>
    /// <param name="matrix">The matrix to show.</param>
    /// <returns>The PyTorch-style text.</returns>
    public static string ToTorchString(this Matrix<double> matrix) => Format(matrix);

    /// <summary>Extension form of <see cref="Format(Vector{float})"/>, for notebook cells: <c>output.ToTorchString()</c>.</summary>
    /// <param name="vector">The vector to show.</param>
    /// <returns>The PyTorch-style text.</returns>
    public static string ToTorchString(this Vector<float> vector) => Format(vector);

    /// <summary>Extension form of <see cref="Format(Vector{double})"/>, for notebook cells.</summary>
    /// <param name="vector">The vector to show.</param>
    /// <returns>The PyTorch-style text.</returns>
    public static string ToTorchString(this Vector<double> vector) => Format(vector);

    private static string FormatVector(int length, Func<int, double> at, bool float64)
    {
        if (length == 0)
        {
            return WithSuffixes(Prefix + "[]", Suffixes(size: null, float64));
        }
        var summarize = length > SummaryThreshold;
        var shown = ShownIndices(length, summarize);
        var formatter = new ElementFormatter(shown.Where(i => i >= 0).Select(at));
        var body = VectorBody(shown, at, formatter, Prefix.Length);
        return WithSuffixes(Prefix + body, Suffixes(size: null, float64));
    }

    private static string FormatMatrix(int rows, int cols, Func<int, int, double> at, bool float64)
    {
        if (rows == 0 || cols == 0)
        {
            // PyTorch shows no rows for an empty tensor, so the size is the only place its shape appears.
            return WithSuffixes(Prefix + "[]", Suffixes(string.Create(CultureInfo.InvariantCulture, $"size=({rows}, {cols})"), float64));
        }
        var summarize = (long)rows * cols > SummaryThreshold;
        var shownRows = ShownIndices(rows, summarize);
        var shownCols = ShownIndices(cols, summarize);

        // PyTorch sizes every column from the elements it will show, not from the whole tensor.
        var formatter = new ElementFormatter(
            from i in shownRows where i >= 0 from j in shownCols where j >= 0 select at(i, j));

        var rowIndent = Prefix.Length + 1;
        var slices = shownRows.Select(i => i < 0 ? "..." : VectorBody(shownCols, j => at(i, j), formatter, rowIndent));
        var body = "[" + string.Join(",\n" + new string(' ', rowIndent), slices) + "]";
        return WithSuffixes(Prefix + body, Suffixes(size: null, float64));
    }

    // In PyTorch's order: size first, then dtype (float32 is the default dtype and is not printed).
    private static string[] Suffixes(string? size, bool float64) =>
        [.. size is null ? [] : new[] { size }, .. float64 ? new[] { Float64Suffix } : []];

    /// <summary>Indices to show along one dimension; -1 marks the "..." gap of a summarised tensor.</summary>
    private static int[] ShownIndices(int count, bool summarize) =>
        summarize && count > 2 * EdgeItems
            ? [.. Enumerable.Range(0, EdgeItems), -1, .. Enumerable.Range(count - EdgeItems, EdgeItems)]
            : [.. Enumerable.Range(0, count)];

    private static string VectorBody(int[] shown, Func<int, double> at, ElementFormatter formatter, int indent)
    {
        // Each element takes its width plus ", "; the gap marker " ..." counts as one element, as in PyTorch.
        var perLine = Math.Max(1, (LineWidth - indent) / (formatter.Width + 2));
        var items = shown.Select(i => i < 0 ? " ..." : formatter.Format(at(i))).ToArray();
        var lines = items.Chunk(perLine).Select(line => string.Join(", ", line));
        return "[" + string.Join(",\n" + new string(' ', indent + 1), lines) + "]";
    }

    private static string WithSuffixes(string tensorText, string[] suffixes)
    {
        // PyTorch's _add_suffixes, measure included: one more than the last line's length, two more when there is no
        // newline. Replicated as is so that the wrap decision matches character for character.
        var text = new StringBuilder(tensorText);
        var lastLineLength = tensorText.Length - tensorText.LastIndexOf('\n') + 1;
        foreach (var suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > LineWidth)
            {
                text.Append(",\n").Append(' ', Prefix.Length).Append(suffix);
                lastLineLength = Prefix.Length + suffix.Length;
            }
            else
            {
                text.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }
        return text.Append(')').ToString();
    }

    /// <summary>PyTorch's _Formatter: one mode (integer, fixed or scientific) and one width for all shown elements.</summary>
    private sealed class ElementFormatter
    {
        private readonly bool integerMode = true;
        private readonly bool scientificMode;

        public ElementFormatter(IEnumerable<double> values)
        {
            var nonzeroFinite = values.Where(v => double.IsFinite(v) && v != 0).ToArray();
            if (nonzeroFinite.Length == 0)
            {
                return;
            }

            var max = nonzeroFinite.Max(Math.Abs);
            var min = nonzeroFinite.Min(Math.Abs);
            integerMode = nonzeroFinite.All(v => v == Math.Ceiling(v));
            scientificMode = max / min > 1000.0 || max > 1.0e8 || (!integerMode && min < 1.0e-4);

            Width = nonzeroFinite.Max(v =>
                scientificMode ? PythonNumberFormat.Scientific(v, Decimals).Length
                : integerMode ? PythonNumberFormat.Fixed(v, 0).Length + 1
                : PythonNumberFormat.Fixed(v, Decimals).Length);
        }

        public int Width { get; } = 1;

        public string Format(double value)
        {
            string text;
            if (scientificMode)
            {
                text = PythonNumberFormat.Scientific(value, Decimals);
            }
            else if (integerMode)
            {
                text = PythonNumberFormat.Fixed(value, 0) + (double.IsFinite(value) ? "." : string.Empty);
            }
            else
            {
                text = PythonNumberFormat.Fixed(value, Decimals);
            }

            // Wider text (such as -0. or nan, which do not count towards the width) is left as is, like Python's padding.
            return text.Length >= Width ? text : new string(' ', Width - text.Length) + text;
        }
    }
}
