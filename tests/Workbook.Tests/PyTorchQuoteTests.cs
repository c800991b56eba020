using System.Globalization;
using System.Text.Json.Nodes;
using LowRank;
using Workbook;

namespace Workbook.Tests;

/// <summary>
/// The PyTorch numbers that notebooks 2, 3 and 5 and the README quote, where a learner running PyTorch sees something
/// else than the workbook prints, are the ones real PyTorch 1.13 computed (tests/reference/pytorch-original.json and
/// pytorch-lora-training.json), each for the CPU kernel the text names: regenerate the JSON and these say which sentence
/// to update.
/// </summary>
[Trait(Speed.Name, Speed.Fast)]
public sealed class PyTorchQuoteTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);

    private static readonly JsonNode Runs = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory,
        "pytorch-original.json")))!;

    private static string Markdown(string notebook) => string.Join("\n",
        NotebookDocument.Load(Path.Combine(Repository.Notebooks,
            notebook)).Cells.Where(c => c.CellType == "markdown").Select(c => c.Source));

    private static string Readme => File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

    private static double Sigma(string kernel, int index) => (double)Runs[kernel]!["S"]![index]!;

    private static JsonNode Draw(string kernel, int draw) => Runs[kernel]!["draws"]![draw]!;

    /// <summary>5.2886e-07 as notebook LaTeX writes it: 5.2886 \cdot 10^{-7}, to the given significant digits.</summary>
    private static string Latex(double value, int digits)
    {
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var mantissa = Math.Round(value / Math.Pow(10, exponent), digits - 1);
        return $"{mantissa.ToString("F" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)} \\cdot " +
            $"10^{{{exponent}}}";
    }

    /// <summary>5.2886e-07 as the README writes it: 5.3e-7, to the given significant digits.</summary>
    private static string Short(double value, int digits) =>
        value.ToString(digits == 2 ? "0.0e-0" : "0.00e-0", CultureInfo.InvariantCulture);

    /// <summary>The fifth entry of an output vector as PyTorch prints that vector: -8.1637e-03.</summary>
    private static string FifthOutput(string kernel) =>
        ((double)Draw(kernel, 0)["output_BA"]![4]!).ToString("0.0000e+00", CultureInfo.InvariantCulture);

    [Fact]
    public void Notebook_2_quotes_each_kernels_singular_values_under_the_cliff_and_W_minus_BA()
    {
        var text = Markdown("02-svd-and-truncation.ipynb");
        foreach (var kernel in new[] { "default", "avx2" })
        {
            Assert.Contains($"\\sigma_3 = {Latex(Sigma(kernel, 2), 5)}$ and $\\sigma_{{10}} = {Latex(Sigma(kernel, 9), 5)}$", text,
                StringComparison.Ordinal);
            Assert.Contains(Latex((double)Runs[kernel]!["error_rank_2"]!, 2), text, StringComparison.Ordinal);
        }
        // The portable kernel's come first, as the W this notebook draws.
        Assert.True(text.IndexOf(Latex(Sigma("default", 2), 5), StringComparison.Ordinal) < text.IndexOf(Latex(Sigma("avx2", 2), 5),
            StringComparison.Ordinal));
    }

    [Fact]
    public void Notebook_3_quotes_each_kernels_differences_and_the_fifth_output_of_the_first_draw()
    {
        var text = Markdown("03-outputs-and-parameters.ipynb");
        foreach (var kernel in new[] { "default", "avx2" })
        {
            foreach (var draw in new[] { 0, 1 })
            {
                Assert.Contains($"{TorchFormat.PythonFloat((double)Draw(kernel, draw)["difference"]!)}`", text, StringComparison.Ordinal);
            }
            Assert.Contains($"`{FifthOutput(kernel)}`", text, StringComparison.Ordinal);
        }
        Assert.Contains(Latex((double)Runs["default"]!["error_rank_2"]!, 2), text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_quotes_the_same_numbers_portable_kernel_first()
    {
        var text = Readme;
        Assert.Contains($"σ₃ = {Short(Sigma("default", 2), 2)} and {Short(Sigma("avx2", 2), 2)}", text, StringComparison.Ordinal);
        Assert.Contains($"({Short((double)Runs["default"]!["error_rank_2"]!, 2)} and " +
            $"{Short((double)Runs["avx2"]!["error_rank_2"]!, 2)}", text, StringComparison.Ordinal);
        Assert.Contains($"{Short((double)Draw("default", 1)["difference"]!, 2)} and {Short((double)Draw("avx2", 1)["difference"]!, 2)}",
            text, StringComparison.Ordinal);
        Assert.Contains($"{Short((double)Draw("default", 0)["difference"]!, 3)} and {Short((double)Draw("avx2", 0)["difference"]!, 2)}",
            text, StringComparison.Ordinal);
        Assert.Contains($"`{FifthOutput("default")}` and `{FifthOutput("avx2")}`", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Notebook_5_quotes_each_kernels_rounding_level_differences()
    {
        var lora = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pytorch-lora-training.json")))!;
        // One space for every line break, so a reflowed paragraph still matches.
        var text = System.Text.RegularExpressions.Regex.Replace(Markdown("05-training-a-lora-adapter.ipynb"), @"\s+", " ");
        string Quote(string kernel, params string[] path) =>
            Latex((double)path.Aggregate(lora[kernel]!, (node, key) => node[key]!), 2);
        Assert.Contains($"prints ${Quote("default", "merged", "largest_difference")}$ with its portable kernel and " +
            $"${Quote("avx2", "merged", "largest_difference")}$ with AVX2",
            text, StringComparison.Ordinal);
        Assert.Contains($"${Quote("default", "learned_to_optimum")}$ away with its portable kernel, " +
            $"${Quote("avx2", "learned_to_optimum")}$ with AVX2",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public void Notebook_7_quotes_each_kernels_merge_difference()
    {
        var digits = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pytorch-digits-lora.json")))!;
        var text = System.Text.RegularExpressions.Regex.Replace(Markdown("07-lora-on-a-real-network.ipynb"), @"\s+", " ");
        string Quote(string kernel) => Latex((double)digits[kernel]!["merge_largest_logit_difference"]!, 2);
        Assert.Contains($"${Quote("default")}$ with its portable kernel and ${Quote("avx2")}$ with AVX2", text, StringComparison.Ordinal);
    }
}
