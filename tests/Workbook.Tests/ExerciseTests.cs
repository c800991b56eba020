using Workbook;

namespace Workbook.Tests;

/// <summary>
/// The "Your turn" exercises: in a lesson every check prints "not yet" (the stubs compile and are unanswered), and the
/// lesson's solution in notebooks/solutions/ answers every one of them. A check line is a printed line starting with
/// "✓ " or "✗ ", as LowRank.Check writes them.
/// </summary>
[Collection(WorkbookCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class ExerciseTests(WorkbookRun workbook)
{
    private const string Passed = "✓ ";
    private const string NotYet = "✗ not yet: ";

    public static TheoryData<string> Lessons => new(Repository.Find(AppContext.BaseDirectory).ListNotebooks().Select(Path.GetFileName)!);

    private static string[] CheckLines(NotebookDocument notebook) =>
        notebook.PrintedLines.Where(l => l.StartsWith(Passed, StringComparison.Ordinal) || l.StartsWith("✗ ",
            StringComparison.Ordinal)).ToArray();

    [Fact]
    public void Every_lesson_has_a_solution_of_the_same_name_and_every_solution_a_lesson() =>
        Assert.Equal(
            workbook.Lessons.Select(Path.GetFileName).Order(StringComparer.Ordinal),
            workbook.Solutions.Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Lesson_exercises_compile_and_every_check_says_not_yet(string lesson) =>
        Unanswered(lesson, workbook.Executed(lesson));

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Solution_passes_every_check_of_its_lesson(string lesson)
    {
        var solution = "solutions/" + lesson;
        Assert.True(File.Exists(Path.Combine(workbook.Repository.Solutions, lesson)),
            $"notebooks/{solution} is missing: every lesson needs a worked solution of the same name.");
        Answered(solution, workbook.Executed(solution), workbook.Executed(lesson));
    }

    // The same assertions on a small fixture pair, so the machinery is known to work whatever the lessons hold.

    [Fact]
    public void The_fixture_pair_passes_and_the_assertions_catch_a_swap()
    {
        var runs = workbook.Exercises;
        Assert.Equal(["01-exercise.ipynb", "solutions/01-exercise.ipynb"], runs.Select(r => r.Name));
        Assert.All(runs, r => Assert.True(r.Succeeded, $"{r.Name} failed:\n{r.FailureSummary}"));
        var lesson = NotebookDocument.Load(runs[0].ExecutedPath);
        var solution = NotebookDocument.Load(runs[1].ExecutedPath);
        Assert.Equal(2, CheckLines(lesson).Length);

        Unanswered(runs[0].Name, lesson);
        Answered(runs[1].Name, solution, lesson);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Unanswered(runs[1].Name, solution));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Answered(runs[0].Name, lesson, lesson));
    }

    private static void Unanswered(string name, NotebookDocument lesson)
    {
        var checks = CheckLines(lesson);
        Assert.True(checks.Length > 0, $"{name} prints no check line: its \"Your turn\" exercises need check cells (LowRank.Check).");
        Assert.All(checks, line => Assert.True(line.StartsWith(NotYet, StringComparison.Ordinal),
            $"{name} must leave its exercises unanswered, but a check printed: {line}"));
    }

    private static void Answered(string name, NotebookDocument solution, NotebookDocument lesson)
    {
        var checks = CheckLines(solution);
        Assert.True(checks.Length == CheckLines(lesson).Length,
            $"{name} prints {checks.Length} check line(s), but its lesson prints {CheckLines(lesson).Length}: the solution answers " +
                $"exactly the lesson's exercises.");
        Assert.All(checks, line => Assert.True(line.StartsWith(Passed, StringComparison.Ordinal), $"{name} must answer every exercise, " +
            $"but a check printed: {line}"));
    }
}
