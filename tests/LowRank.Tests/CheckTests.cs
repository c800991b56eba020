using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank.Tests;

/// <summary>
/// The exercise checks give the right verdict, print exactly one line that starts with the prefix the workbook tests
/// count, never print the expected value, and reject a badly written check before the learner answers.
/// </summary>
public class CheckTests
{
    private const string NotYet = "✗ not yet: ";
    private const string StillNull = " is still null; put your answer in the variable and run this cell again.";

    private static Matrix<double> M(double[,] entries) => Matrix<double>.Build.DenseOfArray(entries);

    private static Vector<double> V(params double[] entries) => Vector<double>.Build.DenseOfArray(entries);

    /// <summary>Runs a check against a private writer and asserts it printed its message, once, as one line.</summary>
    private static CheckResult Printed(Func<TextWriter, CheckResult> check)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var result = check(output);
        Assert.Equal(result.Message + "\n", output.ToString());
        Assert.DoesNotContain('\n', result.Message);
        Assert.Equal(result.Message, result.ToString());
        Assert.StartsWith(result.Passed ? "✓ " : NotYet, result.Message, StringComparison.Ordinal);
        return result;
    }

    private static void Verdict(CheckResult result, bool passed, string message)
    {
        Assert.Equal(passed, result.Passed);
        Assert.Equal(message, result.Message);
    }

    // Equal: ranks and counts.

    // A wrong whole number is told only "not right": a direction would let the learner halve their way to the answer.
    [Theory]
    [InlineData(2L, 2L, true, "✓ rank of W: right.")]
    [InlineData(3L, 2L, false, NotYet + "rank of W is not right.")]
    [InlineData(1L, 2L, false, NotYet + "rank of W is not right.")]
    [InlineData(-5L, -4L, false, NotYet + "rank of W is not right.")]
    [InlineData(long.MaxValue, long.MinValue, false, NotYet + "rank of W is not right.")]
    [InlineData(long.MinValue, long.MinValue, true, "✓ rank of W: right.")]
    public void Equal_says_right_or_not_right_and_nothing_more(long answer, long expected, bool passed, string message) =>
        Verdict(Printed(o => Check.Equal(o, "rank of W", answer, expected)), passed, message);

    [Fact]
    public void Equal_with_no_answer_yet_asks_for_one() =>
        Verdict(Printed(o => Check.Equal(o, "rank of W", null, 2)), false, NotYet + "rank of W" + StillNull);

    // Close: real numbers, |answer − expected| ≤ tolerance·|expected|, inclusive.

    private const string ScalarDiffers = NotYet + "x differs from the expected value by more than 0.5 relative.";

    [Theory]
    // Tolerance 0.5 of 2 allows exactly 1 either way: the edges pass, a hair beyond fails, and the message is the same
    // on both sides, so it does not tell in which direction the answer is off.
    [InlineData(2.0, 2.0, true, "✓ x: right.")]
    [InlineData(3.0, 2.0, true, "✓ x: right.")]
    [InlineData(1.0, 2.0, true, "✓ x: right.")]
    [InlineData(3.0000001, 2.0, false, ScalarDiffers)]
    [InlineData(0.9999999, 2.0, false, ScalarDiffers)]
    // A negative expected value allows |expected|·tolerance, not a negative band.
    [InlineData(-1.0, -2.0, true, "✓ x: right.")]
    [InlineData(-3.0, -2.0, true, "✓ x: right.")]
    [InlineData(-0.9999999, -2.0, false, ScalarDiffers)]
    [InlineData(-3.0000001, -2.0, false, ScalarDiffers)]
    [InlineData(2.0, -2.0, false, ScalarDiffers)]
    // Expected 0: the tolerance is absolute, and the message says the same as for any other expected value.
    [InlineData(0.5, 0.0, true, "✓ x: right.")]
    [InlineData(-0.5, 0.0, true, "✓ x: right.")]
    [InlineData(0.5000001, 0.0, false, ScalarDiffers)]
    [InlineData(-0.5000001, 0.0, false, ScalarDiffers)]
    public void Close_accepts_up_to_the_tolerance_inclusive(double answer, double expected, bool passed, string message) =>
        Verdict(Printed(o => Check.Close(o, "x", answer, expected, 0.5)), passed, message);

    [Theory]
    [InlineData(double.NaN, "x is NaN.")]
    [InlineData(double.PositiveInfinity, "x is positive infinity.")]
    [InlineData(double.NegativeInfinity, "x is negative infinity.")]
    public void Close_names_a_non_finite_answer(double answer, string message) =>
        Verdict(Printed(o => Check.Close(o, "x", answer, 2.0, 0.5)), false, NotYet + message);

    [Fact]
    public void Close_with_no_answer_yet_asks_for_one() =>
        Verdict(Printed(o => Check.Close(o, "relative error", null, 0.25, 1e-3)), false, NotYet + "relative error" + StillNull);

    // Matrices: shape first, then the Frobenius norm of the difference.

    // ‖E‖_F = 4 exactly, so tolerance 0.25 allows a difference of norm exactly 1.
    private static readonly Matrix<double> E = M(new[,] { { 2.0, 2.0 }, { 2.0, 2.0 } });

    private const string MatrixDiffers = " differs from the expected matrix by more than 0.25 relative (Frobenius norm).";

    [Theory]
    [InlineData(0.0, 0.0, 0.0, 0.0, true)]
    [InlineData(1.0, 0.0, 0.0, 0.0, true)]
    [InlineData(0.0, 0.0, 0.0, -1.0, true)]
    [InlineData(0.5, 0.5, -0.5, 0.5, true)] // norm 1 spread over every entry: the norm, not the largest entry, counts
    [InlineData(0.6, 0.8, 0.0, 0.0, true)]  // norm 1 (up to rounding just below), not the sum 1.4
    [InlineData(1.0000001, 0.0, 0.0, 0.0, false)]
    [InlineData(0.6, 0.6, 0.6, 0.6, false)] // norm 1.2 although every entry is within 1
    [InlineData(0.0, 0.0, 0.9, 0.9, false)]
    public void Matrix_close_compares_the_Frobenius_norm_of_the_difference(double d00, double d01, double d10, double d11, bool passed)
    {
        var answer = E + M(new[,] { { d00, d01 }, { d10, d11 } });
        var result = Printed(o => Check.Close(o, "B·A", answer, E, 0.25));
        Verdict(result, passed, passed ? "✓ B·A: right." : NotYet + "B·A" + MatrixDiffers);
    }

    [Fact]
    public void Matrix_close_against_all_zeros_uses_the_tolerance_as_absolute()
    {
        var zeros = Matrix<double>.Build.Dense(2, 3);
        Assert.True(Check.Close(TextWriter.Null, "Z", M(new[,] { { 0.0, 0.1, 0 }, { 0, 0, 0 } }), zeros, 0.1).Passed);
        Assert.False(Check.Close(TextWriter.Null, "Z", M(new[,] { { 0.0, 0.1000001, 0 }, { 0, 0, 0 } }), zeros, 0.1).Passed);
    }

    [Theory]
    [InlineData(2, 3, "has shape 2x3, but 2x2 is expected.")]
    [InlineData(3, 2, "has shape 3x2, but 2x2 is expected.")]
    [InlineData(1, 1, "has shape 1x1, but 2x2 is expected.")]
    public void Matrix_close_tells_a_wrong_shape_before_any_value(int rows, int columns, string message) =>
        Verdict(Printed(o => Check.Close(o, "B", Matrix<double>.Build.Dense(rows, columns, 2.0), E, 0.25)), false, NotYet + "B " + message);

    [Theory]
    [InlineData(double.NaN, "B has NaN at [1, 0].")]
    [InlineData(double.PositiveInfinity, "B has positive infinity at [1, 0].")]
    [InlineData(double.NegativeInfinity, "B has negative infinity at [1, 0].")]
    public void Matrix_close_points_at_a_non_finite_entry(double value, string message)
    {
        var answer = E.Clone();
        answer[1, 0] = value;
        Verdict(Printed(o => Check.Close(o, "B", answer, E, 0.25)), false, NotYet + message);
    }

    [Fact]
    public void Matrix_close_with_no_answer_yet_asks_for_one() =>
        Verdict(Printed(o => Check.Close(o, "B", (Matrix<double>?)null, E, 0.25)), false, NotYet + "B" + StillNull);

    [Fact]
    public void Matrix_close_works_in_float_and_flags_a_float_NaN()
    {
        var expected = Matrix<float>.Build.Dense(2, 2, 2f);
        Verdict(Printed(o => Check.Close(o, "W", expected + 1e-6f, expected, 1e-4)), true, "✓ W: right.");
        Verdict(Printed(o => Check.Close(o, "W", expected + 1f, expected, 1e-4)), false,
            NotYet + "W differs from the expected matrix by more than 0.0001 relative (Frobenius norm).");
        var nan = expected.Clone();
        nan[0, 1] = float.NaN;
        Verdict(Printed(o => Check.Close(o, "W", nan, expected, 1e-4)), false, NotYet + "W has NaN at [0, 1].");
    }

    [Fact]
    public void Matrix_close_of_huge_entries_neither_overflows_nor_passes_a_wrong_answer()
    {
        // Squaring 1e200 overflows double; the norm is scaled, so a right answer passes and a far one fails.
        var huge = Matrix<double>.Build.Dense(2, 2, 1e200);
        Assert.True(Check.Close(TextWriter.Null, "H", huge * (1 + 1e-6), huge, 1e-4).Passed);
        Assert.False(Check.Close(TextWriter.Null, "H", huge * 1.1, huge, 1e-4).Passed);
        // A difference beyond double's range (1.7e308 − (−1.7e308)) is never close.
        var edge = Matrix<double>.Build.Dense(1, 2, double.MaxValue);
        Assert.False(Check.Close(TextWriter.Null, "H", -edge, edge, 1).Passed);
    }

    // Shape only.

    [Theory]
    [InlineData(10, 2, true, "✓ B: right.")]
    [InlineData(10, 3, false, NotYet + "B has shape 10x3, but 10x2 is expected.")]
    [InlineData(2, 10, false, NotYet + "B has shape 2x10, but 10x2 is expected.")]
    [InlineData(11, 2, false, NotYet + "B has shape 11x2, but 10x2 is expected.")]
    public void Shape_compares_rows_and_columns(int rows, int columns, bool passed, string message) =>
        Verdict(Printed(o => Check.Shape(o, "B", Matrix<float>.Build.Dense(rows, columns), 10, 2)), passed, message);

    [Fact]
    public void Shape_with_no_answer_yet_asks_for_one() =>
        Verdict(Printed(o => Check.Shape(o, "A", (Matrix<double>?)null, 2, 10)), false, NotYet + "A" + StillNull);

    // Vectors: length first, then the Euclidean norm of the difference.

    // ‖(3, 4)‖ = 5, so tolerance 0.2 allows a difference of norm 1.
    private static readonly Vector<double> Y = V(3, 4);

    [Theory]
    [InlineData(0.0, 0.0, true)]
    [InlineData(1.0, 0.0, true)]
    [InlineData(0.0, -1.0, true)]
    [InlineData(0.6, -0.8, true)]
    [InlineData(1.0000001, 0.0, false)]
    [InlineData(0.75, 0.75, false)] // norm 1.06 although each entry is within 1
    public void Vector_close_compares_the_Euclidean_norm_of_the_difference(double d0, double d1, bool passed)
    {
        var result = Printed(o => Check.Close(o, "y", Y + V(d0, d1), Y, 0.2));
        Verdict(result, passed,
            passed ? "✓ y: right." : NotYet + "y differs from the expected vector by more than 0.2 relative (Euclidean norm).");
    }

    [Fact]
    public void Vector_close_against_all_zeros_uses_the_tolerance_as_absolute()
    {
        Assert.True(Check.Close(TextWriter.Null, "z", V(0, 0.25), V(0, 0), 0.25).Passed);
        Assert.False(Check.Close(TextWriter.Null, "z", V(0, 0.2500001), V(0, 0), 0.25).Passed);
    }

    [Fact]
    public void Vector_close_tells_length_and_non_finite_entries()
    {
        Verdict(Printed(o => Check.Close(o, "y", V(3, 4, 0), Y, 0.2)), false, NotYet + "y has length 3, but 2 is expected.");
        Verdict(Printed(o => Check.Close(o, "y", V(3), Y, 0.2)), false, NotYet + "y has length 1, but 2 is expected.");
        Verdict(Printed(o => Check.Close(o, "y", V(3, double.NaN), Y, 0.2)), false, NotYet + "y has NaN at [1].");
        Verdict(Printed(o => Check.Close(o, "y", V(double.NegativeInfinity, 4), Y, 0.2)), false,
            NotYet + "y has negative infinity at [0].");
        Verdict(Printed(o => Check.Close(o, "y", (Vector<double>?)null, Y, 0.2)), false, NotYet + "y" + StillNull);
        var f = Vector<float>.Build.DenseOfArray([3f, 4f]);
        Verdict(Printed(o => Check.Close(o, "y", f, f, 1e-4)), true, "✓ y: right.");
    }

    // True: yes/no questions.

    [Theory]
    [InlineData(true, true, true, "✓ B·A equals W: right.")]
    [InlineData(false, false, true, "✓ B·A equals W: right.")]
    [InlineData(false, true, false, NotYet + "B·A equals W is not right.")]
    [InlineData(true, false, false, NotYet + "B·A equals W is not right.")]
    public void True_compares_yes_and_no(bool answer, bool expected, bool passed, string message) =>
        Verdict(Printed(o => Check.True(o, "B·A equals W", answer, expected)), passed, message);

    [Fact]
    public void True_with_no_answer_yet_asks_for_one() =>
        Verdict(Printed(o => Check.True(o, "B·A equals W", null, true)), false, NotYet + "B·A equals W" + StillNull);

    // A wrong answer never shows the expected value, in any usual spelling of it.

    public static TheoryData<double, double> WrongScalars => new()
    {
        { 2, 3 }, { 40, 100 }, { 100, 40 }, { 3.14159, 3 }, { 0.0625, 0.5 }, { -7.5, 7.5 }, { 1234567, 1234000 }, { 4.8e-6, 1 },
    };

    private static void DoesNotShow(double expected, string message)
    {
        var spellings = new[]
        {
            expected.ToString(CultureInfo.InvariantCulture), expected.ToString("R", CultureInfo.InvariantCulture),
            expected.ToString("G4", CultureInfo.InvariantCulture), expected.ToString("E2", CultureInfo.InvariantCulture),
            ((float)expected).ToString(CultureInfo.InvariantCulture),
            // Two decimals only where they still tell the value (4.8e-6 would be "0.00", found in any tolerance).
            Math.Abs(expected) >= 1 ? expected.ToString("F2", CultureInfo.InvariantCulture) : "no F2 spelling",
        };
        Assert.All(spellings, s => Assert.DoesNotContain(s, message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(WrongScalars))]
    public void A_wrong_number_does_not_show_the_expected_value(double expected, double answer)
    {
        DoesNotShow(expected, Check.Close(TextWriter.Null, "the answer", answer, expected, 1e-3).Message);
        DoesNotShow(expected, Check.Close(TextWriter.Null, "the answer", double.NaN, expected, 1e-3).Message);
        if (expected == Math.Round(expected))
        {
            DoesNotShow(expected, Check.Equal(TextWriter.Null, "the answer", (long)answer + 1, (long)expected).Message);
        }
    }

    [Theory]
    [MemberData(nameof(WrongScalars))]
    public void A_wrong_number_reads_the_same_above_and_below_the_expected_value(double expected, double answer)
    {
        var offBy = Math.Abs(expected - answer);
        Assert.Equal(
            Check.Close(TextWriter.Null, "the answer", expected + offBy, expected, 1e-3).Message,
            Check.Close(TextWriter.Null, "the answer", expected - offBy, expected, 1e-3).Message);
        if (expected == Math.Round(expected))
        {
            var whole = (long)expected;
            Assert.Equal(
                Check.Equal(TextWriter.Null, "the answer", whole + 1, whole).Message,
                Check.Equal(TextWriter.Null, "the answer", whole - 1, whole).Message);
        }
    }

    [Theory]
    [MemberData(nameof(WrongScalars))]
    public void A_wrong_matrix_or_vector_does_not_show_the_expected_entries(double expected, double answer)
    {
        var matrix = Matrix<double>.Build.Dense(3, 2, (i, j) => expected * (1 + i + 10 * j));
        var wrong = Check.Close(TextWriter.Null, "the answer", Matrix<double>.Build.Dense(3, 2, answer), matrix, 1e-4);
        Assert.False(wrong.Passed);
        foreach (var entry in matrix.Enumerate())
        {
            DoesNotShow(entry, wrong.Message);
        }
        var vector = Vector<double>.Build.Dense(3, i => expected * (1 + i));
        var wrongVector = Check.Close(TextWriter.Null, "the answer", Vector<double>.Build.Dense(3, answer), vector, 1e-4);
        Assert.False(wrongVector.Passed);
        foreach (var entry in vector.Enumerate())
        {
            DoesNotShow(entry, wrongVector.Message);
        }
    }

    // Validation: a mistake in the check cell itself fails at once, with or without an answer, and prints nothing.

    private static void Rejects<TException>(Func<TextWriter, CheckResult> check, string paramName, params string[] inMessage)
        where TException : ArgumentException
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exception = Assert.Throws<TException>(() => check(output));
        Assert.Equal(paramName, exception.ParamName);
        Assert.All(inMessage, text => Assert.Contains(text, exception.Message, StringComparison.Ordinal));
        Assert.Equal("", output.ToString());
    }

    public static TheoryData<string> BlankNames => new() { "", " ", "\t\n" };

    [Theory]
    [MemberData(nameof(BlankNames))]
    public void Every_check_rejects_a_blank_what(string what)
    {
        var said = $"but was \"{what}\"";
        Rejects<ArgumentException>(o => Check.Equal(o, what, 1, 1), "what", said, "must name the answer");
        Rejects<ArgumentException>(o => Check.Close(o, what, 1.0, 1.0, 1e-3), "what", said);
        Rejects<ArgumentException>(o => Check.Close(o, what, E, E, 1e-4), "what", said);
        Rejects<ArgumentException>(o => Check.Shape(o, what, E, 2, 2), "what", said);
        Rejects<ArgumentException>(o => Check.Close(o, what, Y, Y, 1e-4), "what", said);
        Rejects<ArgumentException>(o => Check.True(o, what, true, true), "what", said);
    }

    [Fact]
    public void Every_check_rejects_a_null_what()
    {
        Rejects<ArgumentNullException>(o => Check.Equal(o, null!, 1, 1), "what");
        Rejects<ArgumentNullException>(o => Check.Close(o, null!, 1.0, 1.0, 1e-3), "what");
        Rejects<ArgumentNullException>(o => Check.Close(o, null!, E, E, 1e-4), "what");
        Rejects<ArgumentNullException>(o => Check.Shape(o, null!, E, 2, 2), "what");
        Rejects<ArgumentNullException>(o => Check.Close(o, null!, Y, Y, 1e-4), "what");
        Rejects<ArgumentNullException>(o => Check.True(o, null!, true, true), "what");
    }

    [Theory]
    [InlineData(0.0, "but was 0.")]
    [InlineData(-1e-3, "but was -0.001.")]
    [InlineData(double.NaN, "but was NaN.")]
    [InlineData(double.PositiveInfinity, "but was Infinity.")]
    public void Every_close_check_rejects_a_tolerance_that_is_not_finite_and_positive(double tolerance, string said)
    {
        const string allowed = "relativeTolerance must be a finite number > 0";
        Rejects<ArgumentOutOfRangeException>(o => Check.Close(o, "x", null, 1.0, tolerance), "relativeTolerance", allowed, said);
        Rejects<ArgumentOutOfRangeException>(o => Check.Close(o, "x", 1.0, 1.0, tolerance), "relativeTolerance", allowed, said);
        Rejects<ArgumentOutOfRangeException>(o => Check.Close(o, "M", (Matrix<double>?)null, E, tolerance), "relativeTolerance", allowed,
            said);
        Rejects<ArgumentOutOfRangeException>(o => Check.Close(o, "y", (Vector<double>?)null, Y, tolerance), "relativeTolerance", allowed,
            said);
    }

    [Theory]
    [InlineData(double.NaN, "but was NaN.")]
    [InlineData(double.PositiveInfinity, "but was Infinity.")]
    [InlineData(double.NegativeInfinity, "but was -Infinity.")]
    public void Close_rejects_a_non_finite_expected_value(double expected, string said)
    {
        Rejects<ArgumentOutOfRangeException>(o => Check.Close(o, "x", null, expected, 1e-3), "expected", "expected must be a finite number",
            said);
        Rejects<ArgumentOutOfRangeException>(o => Check.Close(o, "x", 1.0, expected, 1e-3), "expected", "expected must be a finite number",
            said);
    }

    [Fact]
    public void Matrix_and_vector_checks_reject_a_missing_or_non_finite_expected_value()
    {
        var matrix = E.Clone();
        matrix[0, 1] = double.NaN;
        Rejects<ArgumentException>(o => Check.Close(o, "M", (Matrix<double>?)null, matrix, 1e-4), "expected", "expected[0, 1] is NaN",
            "only finite numbers");
        Rejects<ArgumentNullException>(o => Check.Close(o, "M", E, null!, 1e-4), "expected");
        Rejects<ArgumentException>(o => Check.Close(o, "y", (Vector<double>?)null, V(1, double.PositiveInfinity), 1e-4), "expected",
            "expected[1] is ", "only finite numbers");
        Rejects<ArgumentNullException>(o => Check.Close(o, "y", Y, null!, 1e-4), "expected");
    }

    [Theory]
    [InlineData(0, 2, "rows")]
    [InlineData(-1, 2, "rows")]
    [InlineData(2, 0, "columns")]
    public void Shape_rejects_a_dimension_below_1(int rows, int columns, string paramName) =>
        Rejects<ArgumentOutOfRangeException>(o => Check.Shape(o, "M", (Matrix<double>?)null, rows, columns), paramName);

    // The verdict record keeps its two prefixes apart, which the workbook's exercise tests rely on.

    [Fact]
    public void A_verdict_message_must_start_with_the_prefix_of_its_verdict()
    {
        var right = new CheckResult(true, "✓ n: right.");
        Assert.True(right.Passed);
        Assert.Equal("✓ n: right.", right.Message);
        Assert.Equal("✗ not yet: n is not right.", new CheckResult(false, "✗ not yet: n is not right.").ToString());
        Assert.Equal(new CheckResult(true, "✓ a"), new CheckResult(true, "✓ a"));
        var wrong = Assert.Throws<ArgumentException>(() => new CheckResult(true, "✗ not yet: n is not right."));
        Assert.Equal("message", wrong.ParamName);
        Assert.Contains("must start with \"✓ \" when passed is True", wrong.Message, StringComparison.Ordinal);
        var alsoWrong = Assert.Throws<ArgumentException>(() => new CheckResult(false, "✓ n: right."));
        Assert.Contains("must start with \"✗ not yet: \" when passed is False, but was \"✓ n: right.\"", alsoWrong.Message,
            StringComparison.Ordinal);
        Assert.Equal("message", Assert.Throws<ArgumentNullException>(() => new CheckResult(true, null!)).ParamName);
    }
}

/// <summary>
/// The public overloads print to the console itself. Console.Out is shared by the whole test run, so these tests swap it
/// in a collection that runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

[Collection(ConsoleCollection.Name)]
public class CheckConsoleTests
{
    private static readonly Matrix<double> E = Matrix<double>.Build.Dense(2, 2, 2.0);
    private static readonly Vector<double> Y = Vector<double>.Build.DenseOfArray([3.0, 4.0]);

    [Fact]
    public void Public_checks_write_their_line_to_the_console()
    {
        var original = Console.Out;
        using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        CheckResult[] results;
        Console.SetOut(output);
        try
        {
            results =
            [
                Check.Equal("n", 1, 2),
                Check.Close("x", 1.0, 1.0005),
                Check.Close("M", E * 1.00005, E),
                Check.Shape("M", E, 2, 2),
                Check.Close("y", Y * 1.00005, Y),
                Check.True("b", null, true),
            ];
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.Equal(
            "✗ not yet: n is not right.\n✓ x: right.\n✓ M: right.\n✓ M: right.\n✓ y: right.\n" +
            "✗ not yet: b is still null; put your answer in the variable and run this cell again.\n",
            output.ToString());
        Assert.Equal([false, true, true, true, true, false], results.Select(r => r.Passed));
    }

    // The defaults need the public overloads, so they are checked here, with the console swapped for a quiet writer.

    private static T Quietly<T>(Func<T> check)
    {
        var original = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            return check();
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Theory]
    [InlineData(1.0, 1.00099, true)]
    [InlineData(1.0, 1.00101, false)]
    [InlineData(-1000.0, -1000.99, true)]
    [InlineData(-1000.0, -1001.01, false)]
    public void Close_default_tolerance_is_one_part_in_a_thousand(double expected, double answer, bool passed) =>
        Assert.Equal(passed, Quietly(() => Check.Close("x", answer, expected)).Passed);

    [Theory]
    [InlineData(3.99e-4, true)]
    [InlineData(4.01e-4, false)]
    public void Matrix_and_vector_default_tolerance_is_one_part_in_ten_thousand(double offBy, bool passed)
    {
        // ‖E‖_F = 4 and ‖Y‖₂ = 5 allow 4e-4 and 5e-4: one entry off by 0.9975 or 1.0025 of that is just inside or outside.
        var matrix = E.Clone();
        matrix[0, 0] += offBy;
        Assert.Equal(passed, Quietly(() => Check.Close("M", matrix, E)).Passed);
        var vector = Y.Clone();
        vector[0] += offBy * 5 / 4;
        Assert.Equal(passed, Quietly(() => Check.Close("y", vector, Y)).Passed);
    }
}
