using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Checks for the "Your turn" exercises: each prints one line saying whether the learner's answer is right and returns
/// the verdict. A wrong answer is told in which shape it is off, never what the expected value is nor in which direction
/// it lies, so the check can be used neither to read the solution nor to home in on it by halving.
/// </summary>
public static class Check
{
    /// <summary>Checks a whole-number answer, such as a rank or a parameter count, for exact equality.</summary>
    /// <param name="what">What the answer is, as the learner reads it, e.g. "rank of W3".</param>
    /// <param name="answer">The learner's answer; null while not yet answered.</param>
    /// <param name="expected">The right answer.</param>
    /// <returns>The verdict, whose message was also written to the console.</returns>
    public static CheckResult Equal(string what, long? answer, long expected) => Equal(Console.Out, what, answer, expected);

    /// <summary>Checks a real-number answer: right when |answer − expected| ≤ tolerance·|expected| (tolerance itself when expected is
    /// 0).</summary>
    /// <param name="what">What the answer is, e.g. "relative error at rank 2".</param>
    /// <param name="answer">The learner's answer; null while not yet answered.</param>
    /// <param name="expected">The right answer, a finite number.</param>
    /// <param name="relativeTolerance">The relative tolerance, a finite number &gt; 0.</param>
    /// <returns>The verdict, whose message was also written to the console.</returns>
    public static CheckResult Close(string what, double? answer, double expected, double relativeTolerance = 1e-3) =>
        Close(Console.Out, what, answer, expected, relativeTolerance);

    /// <summary>
    /// Checks a matrix answer: first its shape, then ‖answer − expected‖_F ≤ tolerance·‖expected‖_F
    /// (tolerance itself when expected is all zeros).
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="what">What the answer is, e.g. "B".</param>
    /// <param name="answer">The learner's matrix; null while not yet answered.</param>
    /// <param name="expected">The right matrix; every entry must be finite.</param>
    /// <param name="relativeTolerance">The relative tolerance, a finite number &gt; 0.</param>
    /// <returns>The verdict, whose message was also written to the console.</returns>
    public static CheckResult Close<T>(string what, Matrix<T>? answer, Matrix<T> expected, double relativeTolerance = 1e-4)
        where T : struct, System.Numerics.IFloatingPointIeee754<T> =>
        Close(Console.Out, what, answer, expected, relativeTolerance);

    /// <summary>Checks only the shape of a matrix answer, for exercises that ask which shape a factor has.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="what">What the answer is, e.g. "A".</param>
    /// <param name="answer">The learner's matrix; null while not yet answered.</param>
    /// <param name="rows">The expected number of rows, at least 1.</param>
    /// <param name="columns">The expected number of columns, at least 1.</param>
    /// <returns>The verdict, whose message was also written to the console.</returns>
    public static CheckResult Shape<T>(string what, Matrix<T>? answer, int rows, int columns)
        where T : struct, System.Numerics.IFloatingPointIeee754<T> =>
        Shape(Console.Out, what, answer, rows, columns);

    /// <summary>
    /// Checks a vector answer: first its length, then ‖answer − expected‖₂ ≤ tolerance·‖expected‖₂
    /// (tolerance itself when expected is all zeros).
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="what">What the answer is, e.g. "output through B·A".</param>
    /// <param name="answer">The learner's vector; null while not yet answered.</param>
    /// <param name="expected">The right vector; every entry must be finite.</param>
    /// <param name="relativeTolerance">The relative tolerance, a finite number &gt; 0.</param>
    /// <returns>The verdict, whose message was also written to the console.</returns>
    public static CheckResult Close<T>(string what, Vector<T>? answer, Vector<T> expected, double relativeTolerance = 1e-4)
        where T : struct, System.Numerics.IFloatingPointIeee754<T> =>
        Close(Console.Out, what, answer, expected, relativeTolerance);

    /// <summary>Checks a yes/no answer.</summary>
    /// <param name="what">What the answer is, e.g. "B·A equals W".</param>
    /// <param name="answer">The learner's answer; null while not yet answered.</param>
    /// <param name="expected">The right answer.</param>
    /// <returns>The verdict, whose message was also written to the console.</returns>
    public static CheckResult True(string what, bool? answer, bool expected) => True(Console.Out, what, answer, expected);

    // The cores below take the writer so the tests can read what a check prints without redirecting the shared console.

    internal static CheckResult Equal(TextWriter output, string what, long? answer, long expected)
    {
        What(what);
        return Report(output, answer switch
        {
            null => StillNull(what),
            var a when a == expected => Right(what),
            _ => NotYet(what, "is not right"),
        });
    }

    internal static CheckResult Close(TextWriter output, string what, double? answer, double expected, double relativeTolerance)
    {
        What(what);
        Guard.Finite(expected);
        Guard.PositiveFinite(relativeTolerance);
        if (answer is not { } a)
        {
            return Report(output, StillNull(what));
        }
        if (!double.IsFinite(a))
        {
            return Report(output, NotYet(what, $"is {NonFinite(a)}"));
        }
        // Inclusive, so a tolerance stated as "within 0.1 %" accepts an answer exactly 0.1 % off.
        var allowed = expected == 0 ? relativeTolerance : relativeTolerance * Math.Abs(expected);
        // One wording whatever the expected value, so the message tells neither its sign nor whether it is 0.
        return Report(output, Math.Abs(a - expected) <= allowed ? Right(what)
            : NotYet(what, $"differs from the expected value by more than {Format(relativeTolerance)} relative"));
    }

    internal static CheckResult Close<T>(TextWriter output, string what, Matrix<T>? answer, Matrix<T> expected, double relativeTolerance)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        What(what);
        Guard.Finite(expected);
        Guard.PositiveFinite(relativeTolerance);
        if (answer is null)
        {
            return Report(output, StillNull(what));
        }
        if (answer.RowCount != expected.RowCount || answer.ColumnCount != expected.ColumnCount)
        {
            return Report(output, NotYet(what, $"has shape {Guard.Shape(answer)}, but {Guard.Shape(expected)} is expected"));
        }
        var rows = answer.RowCount;
        return Entries(output, what, answer.ToColumnMajorArray(), expected.ToColumnMajorArray(), relativeTolerance,
            "matrix", "Frobenius norm", k => $"[{k % rows}, {k / rows}]");
    }

    internal static CheckResult Shape<T>(TextWriter output, string what, Matrix<T>? answer, int rows, int columns)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        Precision<T>.Require();
        What(what);
        Guard.Positive(rows);
        Guard.Positive(columns);
        return Report(output, answer is null ? StillNull(what)
            : answer.RowCount == rows && answer.ColumnCount == columns ? Right(what)
            : NotYet(what, $"has shape {Guard.Shape(answer)}, but {rows}x{columns} is expected"));
    }

    internal static CheckResult Close<T>(TextWriter output, string what, Vector<T>? answer, Vector<T> expected, double relativeTolerance)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        What(what);
        Guard.Finite(expected);
        Guard.PositiveFinite(relativeTolerance);
        if (answer is null)
        {
            return Report(output, StillNull(what));
        }
        if (answer.Count != expected.Count)
        {
            return Report(output, NotYet(what, $"has length {answer.Count}, but {expected.Count} is expected"));
        }
        return Entries(output, what, answer.ToArray(), expected.ToArray(), relativeTolerance, "vector", "Euclidean norm", k => $"[{k}]");
    }

    /// <summary>The verdict on same-shaped entries: the first non-finite one is named by <paramref name="index"/>, else the norm of the
    /// difference decides.</summary>
    private static CheckResult Entries<T>(TextWriter output, string what, T[] answer, T[] expected, double relativeTolerance,
        string kind, string norm, Func<int, string> index)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        for (var k = 0; k < answer.Length; k++)
        {
            if (!T.IsFinite(answer[k]))
            {
                return Report(output, NotYet(what, $"has {NonFinite(double.CreateTruncating(answer[k]))} at {index(k)}"));
            }
        }
        return Report(output, Within(EuclideanDistance.Of(answer, expected), EuclideanDistance.Of(expected, new T[expected.Length]),
            relativeTolerance)
            ? Right(what)
            : NotYet(what, $"differs from the expected {kind} by more than {Format(relativeTolerance)} relative ({norm})"));
    }

    internal static CheckResult True(TextWriter output, string what, bool? answer, bool expected)
    {
        What(what);
        // No direction here: "should be true" would hand over the answer.
        return Report(output, answer is not { } a ? StillNull(what) : a == expected ? Right(what) : NotYet(what, "is not right"));
    }

    private static CheckResult Report(TextWriter output, CheckResult result)
    {
        output.WriteLine(result.Message);
        return result;
    }

    private static CheckResult Right(string what) => new(true, $"{CheckResult.PassedPrefix}{what}: right.");

    private static CheckResult NotYet(string what, string how) => new(false, $"{CheckResult.NotYetPrefix}{what} {how}.");

    private static CheckResult StillNull(string what) =>
        NotYet(what, "is still null; put your answer in the variable and run this cell again");

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "positive infinity" : "negative infinity";

    // A difference beyond double's range is never close, even to an expected value whose own norm overflows.
    private static bool Within(double difference, double expectedNorm, double relativeTolerance) =>
        double.IsFinite(difference) && difference <= (expectedNorm == 0 ? relativeTolerance : relativeTolerance * expectedNorm);

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static void What(string what)
    {
        ArgumentNullException.ThrowIfNull(what);
        if (string.IsNullOrWhiteSpace(what))
        {
            throw new ArgumentException(
                $"what must name the answer being checked, e.g. \"rank of W3\", but was \"{what}\".", nameof(what));
        }
    }
}
