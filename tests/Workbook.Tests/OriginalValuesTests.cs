using LowRank.Tests;

namespace Workbook.Tests;

/// <summary>
/// The executed notebooks print what the PyTorch original prints (its code is tests/reference/pytorch-svd-notebook.py):
/// the expected strings come from the original's output cells (tests/LowRank.Tests/PyTorchReference.cs, shared with the library tests),
/// not from our own output.
/// </summary>
[Collection(WorkbookCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class OriginalValuesTests(WorkbookRun workbook)
{
    private const string Seeding = "01-seeding-and-rank.ipynb";
    private const string Svd = "02-svd-and-truncation.ipynb";
    private const string Outputs = "03-outputs-and-parameters.ipynb";

    [Fact]
    public void W_prints_as_in_the_original()
    {
        var text = workbook.Executed(Seeding).PrintedText;
        Assert.Contains(PyTorchReference.PrintedW, text);
        Assert.Contains("]]) torch.Size([10, 10])", text);
    }

    [Fact]
    public void The_rank_of_W_is_2() =>
        Assert.Contains("Rank of W: 2\n", workbook.Executed(Seeding).PrintedText);

    [Fact]
    public void B_is_10_by_2_and_A_is_2_by_10()
    {
        var text = workbook.Executed(Svd).PrintedText;
        Assert.Contains("Shape of B: torch.Size([10, 2])", text);
        Assert.Contains("Shape of A: torch.Size([2, 10])", text);
    }

    [Fact]
    public void The_original_printed_output_vector_appears_for_both_paths()
    {
        var text = workbook.Executed(Outputs).PrintedText;
        const string vector = PyTorchReference.PrintedSecondOutput;
        Assert.Contains("Output using W: " + vector, text);
        Assert.Contains("Output using BA: " + vector, text);
    }

    [Fact]
    public void The_first_draw_output_is_shown_too()
    {
        // A fresh top-to-bottom run of the original draws these first (tests/reference/pytorch-original.json holds PyTorch's own run);
        // PyTorch prints
        // this vector in scientific notation (its largest and smallest magnitudes are more than 1000 apart).
        var expected = PyTorchReference.FirstDraw;
        var text = workbook.Executed(Outputs).PrintedText;
        foreach (var label in new[] { "Output using W: ", "Output using BA: " })
        {
            var start = text.IndexOf(label, StringComparison.Ordinal) + label.Length;
            var printed = text[start..text.IndexOf(')', start)];
            var printedValues = System.Text.RegularExpressions.Regex.Matches(printed, @"-?\d+\.\d+(e[+-]\d+)?")
                .Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
            Assert.Equal(expected.Length, printedValues.Length);
            foreach (var (value, reference) in printedValues.Zip(expected))
            {
                // Both are roundings of the same number: the reference to 4 decimals, PyTorch's scientific
                // notation to 5 significant digits, so they may differ by half a unit of each.
                var halfUnit = 0.5 * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(value))) - 4);
                Assert.InRange(Math.Abs(value - reference), 0, 0.5e-4 + halfUnit + 1e-12);
            }
        }
    }

    [Fact]
    public void Differences_are_float_sized_in_float_and_rounding_sized_in_double()
    {
        var lines = workbook.Executed(Outputs).PrintedText.Split('\n');
        var floatDifferences = lines.Where(l => l.StartsWith("Difference between the two outputs: ", StringComparison.Ordinal))
            .Select(l => double.Parse(l["Difference between the two outputs: ".Length..],
                System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Equal(2, floatDifferences.Length);
        Assert.All(floatDifferences, d => Assert.InRange(d, 1e-7, 1e-5)); // float32 rounding: PyTorch printed 4.8e-6
        var doubleDifference = lines.Single(l => l.StartsWith("Difference in double: ", StringComparison.Ordinal));
        Assert.InRange(double.Parse(doubleDifference["Difference in double: ".Length..], System.Globalization.CultureInfo.InvariantCulture),
            0, 1e-12);
    }

    [Fact]
    public void Parameters_are_100_against_40()
    {
        var text = workbook.Executed(Outputs).PrintedText;
        Assert.Contains("Total params in W: 100\n", text);
        Assert.Contains("Total params in B and A: 40\n", text);
    }
}
