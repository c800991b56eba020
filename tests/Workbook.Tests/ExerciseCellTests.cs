using System.Text.RegularExpressions;
using Workbook;

namespace Workbook.Tests;

/// <summary>
/// In every lesson, the cell under each answer cell (a code cell whose last line carries a <c>// your code</c> comment)
/// is one call, <c>Exercises.Nxx.Member(answer);</c>, passing the variable the answer cell declares. The expected value
/// is computed in src/LowRank/Exercises, so no check cell holds the expression that solves its exercise; and each
/// solution checks with the same cells as its lesson.
/// </summary>
[Trait(Speed.Name, Speed.Fast)]
public sealed partial class ExerciseCellTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);

    public static TheoryData<string> Lessons => new(Repository.ListNotebooks().Select(Path.GetFileName)!);

    private static IReadOnlyList<NotebookCell> CellsOf(string path) => NotebookDocument.Load(path).Cells;

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Every_answer_cell_is_followed_by_one_call_to_the_notebooks_exercise_check(string lesson)
    {
        var problems = Problems(lesson[..2], CellsOf(Path.Combine(Repository.Notebooks, lesson)));
        Assert.True(problems.Count == 0, $"{lesson}:\n- " + string.Join("\n- ", problems));
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void The_solution_checks_with_the_lessons_check_cells(string lesson) =>
        Assert.Equal(
            CheckCells(CellsOf(Path.Combine(Repository.Notebooks, lesson))),
            CheckCells(CellsOf(Path.Combine(Repository.Solutions, lesson))));

    private static string[] CheckCells(IEnumerable<NotebookCell> cells) =>
        cells.Where(c => c.CellType == "code").Select(c => c.Source.Trim())
            .Where(s => s.StartsWith("Exercises.", StringComparison.Ordinal) || s.StartsWith("Check.", StringComparison.Ordinal))
            .ToArray();

    /// <summary>What is wrong with a notebook's exercise cells, one line each; empty when every exercise is as it should be.</summary>
    /// <param name="number">The notebook's two-digit number, which names its class in Exercises (N01 for 01-...).</param>
    /// <param name="cells">The notebook's cells.</param>
    internal static List<string> Problems(string number, IReadOnlyList<NotebookCell> cells)
    {
        var problems = new List<string>();
        var answers = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.CellType != "code")
            {
                continue;
            }
            if (DirectCheck().IsMatch(cell.Source))
            {
                problems.Add($"cell {cell.Number} calls Check itself; the expected value belongs in src/LowRank/Exercises/N{number}.cs, " +
                    $"and the cell in one call, Exercises.N{number}.Member(answer).");
            }
            if (!IsAnswerCell(cell))
            {
                continue;
            }
            answers++;
            var declared = AnswerDeclaration().Matches(cell.Source).Select(m => m.Groups["name"].Value).ToArray();
            if (declared.Length != 1)
            {
                problems.Add($"answer cell {cell.Number} declares {declared.Length} answer variables (`double? name = null;`), not one.");
                continue;
            }
            var check = i + 1 < cells.Count ? cells[i + 1] : null;
            var call = check is { CellType: "code" } ? CheckCall().Match(check.Source.Trim()) : Match.Empty;
            if (!call.Success)
            {
                problems.Add($"the cell after answer cell {cell.Number} is not the one call `Exercises.N{number}.Member({declared[0]});` " +
                    $"but: {check?.Source.Trim() ?? "nothing"}");
            }
            else if (call.Groups["number"].Value != number)
            {
                problems.Add($"cell {check!.Number} calls Exercises.N{call.Groups["number"].Value}, the class of another notebook, not " +
                    $"N{number}.");
            }
            else if (call.Groups["argument"].Value != declared[0])
            {
                problems.Add($"cell {check!.Number} checks {call.Groups["argument"].Value}, but the answer cell above it declares " +
                    $"{declared[0]}.");
            }
        }
        if (answers == 0)
        {
            problems.Add("no answer cell: each exercise needs a code cell whose last line declares the answer with a `// your code` " +
                "comment, e.g. `double? answer = null;   // your code`.");
        }
        return problems;
    }

    private static bool IsAnswerCell(NotebookCell cell) =>
        cell.Source.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0)?.Contains("// your code",
            StringComparison.Ordinal) == true;

    // The machinery on hand-written cells, so it is known to catch each way a check cell can go wrong.

    private static NotebookCell[] Cells(params string[] sources) =>
        sources.Select((s, i) => new NotebookCell(i + 1, s.StartsWith("md:", StringComparison.Ordinal) ? "markdown" : "code",
            s.StartsWith("md:", StringComparison.Ordinal) ? s[3..] : s, [])).ToArray();

    private const string Answer = "var g = new TorchGenerator(seed: 1);\n// your code: W3\ndouble? ratio = null;   // your code";

    [Fact]
    public void An_answer_cell_and_one_call_under_it_pass()
    {
        Assert.Empty(Problems("07", Cells("md:**1.** ...", Answer, "Exercises.N07.Ratio(ratio);", "md:**2.** ...", "long? count = null;  " +
            " // your code", "Exercises.N07.Count(count)")));
        Assert.Empty(Problems("07", Cells("Matrix<double>? B = null;   // your code: B", " Exercises.N07.Factor(B);\n")));
    }

    public static TheoryData<string[], string> Wrong => new()
    {
        { ["double? ratio = null;   // your code", "Exercises.N07.Ratio(ratio * 4);"], "is not the one call" },
        { ["double? ratio = null;   // your code", "Exercises.N07.Ratio(ratio);\nConsole.WriteLine(ratio);"], "is not the one call" },
        { ["double? ratio = null;   // your code", "Check.Close(\"ratio\", ratio, 4.2);"], "calls Check itself" },
        { ["double? ratio = null;   // your code", "Exercises.N08.Ratio(ratio);"], "the class of another notebook" },
        { ["double? ratio = null;   // your code", "Exercises.N07.Ratio(other);"], "declares ratio" },
        { ["double? ratio = null;   // your code", "md:Now check:", "Exercises.N07.Ratio(ratio);"], "is not the one call" },
        { ["double? ratio = null;   // your code"], "but: nothing" },
        { ["double? ratio = null;   // your answer", "Exercises.N07.Ratio(ratio);"], "no answer cell" },
        { ["// your code: W3\ndouble? ratio = null;", "Exercises.N07.Ratio(ratio);"], "no answer cell" },
        { ["double? a = null;\ndouble? b = null;   // your code", "Exercises.N07.Ratio(a);"], "declares 2 answer variables" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void Each_way_a_check_cell_can_go_wrong_is_named(string[] sources, string problem) =>
        Assert.Contains(Problems("07", Cells(sources)), p => p.Contains(problem, StringComparison.Ordinal));

    [GeneratedRegex(@"^\s*[A-Za-z_][\w<>,. ]*\?\s+(?<name>[A-Za-z_]\w*)\s*=\s*null\s*;", RegexOptions.Multiline)]
    private static partial Regex AnswerDeclaration();

    [GeneratedRegex(@"^Exercises\.N(?<number>\d{2})\.[A-Z]\w*\((?<argument>[A-Za-z_]\w*)\);?$")]
    private static partial Regex CheckCall();

    [GeneratedRegex(@"\bCheck\.(Equal|Close|Shape|True)\(")]
    private static partial Regex DirectCheck();
}
