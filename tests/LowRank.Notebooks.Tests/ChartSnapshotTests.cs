using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using LowRank.Tests;

namespace LowRank.Notebooks.Tests;

/// <summary>
/// Every figure, ordinary and edge cases, against an approved JSON snapshot in Snapshots/: a change to a figure shows
/// as a reviewed diff of that file. <c>LOWRANK_APPROVE_SNAPSHOTS=1</c> rewrites the snapshots instead of comparing.
/// The inputs are exact (hand-built sweeps, small integer matrices), so no SVD's last bits move a snapshot between machines.
/// </summary>
public partial class ChartSnapshotTests
{
    public static TheoryData<string> Cases =>
    [
        "spectrum", "spectrum-with-zeros-and-tolerance-0", "error", "error-with-exact-zeros", "energy", "energy-with-a-floor",
        "parameters", "matrices", "factorization", "loss", "loss-with-a-zero", "adapter", "forgetting", "lines", "lines-on-a-log-axis",
        "rank-slider", "picture-slider",
    ];

    // Decreasing errors whose Eckart–Young prediction a real sweep would give; the last point is full rank (min(d, k) = n).
    private static RankSweep Sweep(int n, params double[] errors)
    {
        var total = errors[0] * errors[0] * 4;
        return new([.. errors.Select((e, i) => new RankSweepPoint(
            i + 1, e, e, e / Math.Sqrt(total), 1 - e * e / total, e * e / total, null, ParameterCount.Of(n, n, i + 1)))]);
    }

    private static Matrix<double> Integers(double[,] values) => Gaussian.Of<double>(values);

    private static GenericChart Draw(string name)
    {
        var b = Integers(new double[,] { { 1, 0 }, { 2, -1 }, { 0, 3 }, { -2, 1 } });
        var a = Integers(new double[,] { { 1, 2, 0, -1, 1 }, { 0, -1, 2, 1, 3 } });
        var w = b * a;
        w[0, 0] += 0.5;
        var gaussian = Sweep(5, 2.0, 1.2, 0.6, 0.25, 0.0);
        var rank2 = Sweep(5, 1.5, 0.5, 1e-15, 4e-16, 0.0);
        return name switch
        {
            "spectrum" => Charts.SingularValues(Vector<double>.Build.DenseOfArray([8.0, 3.0, 2e-7]), tolerance: 1e-5),
            "spectrum-with-zeros-and-tolerance-0" => Charts.SingularValues(Vector<double>.Build.DenseOfArray([2.0, 0.0]), tolerance: 0),
            "error" => Charts.ErrorVersusRank(gaussian),
            "error-with-exact-zeros" => Charts.ErrorVersusRank(Sweep(4, 2.0, 0.0, 0.0, 0.0)),
            "energy" => Charts.EnergyLost([("Gaussian", gaussian), ("rank 2", rank2)]),
            "energy-with-a-floor" => Charts.EnergyLost([("Gaussian", gaussian), ("rank 2", rank2)], floor: 1e-20,
                floorName: "double's floor ε²"),
            "parameters" => Charts.ParameterShare([ParameterCount.Of(4096, 4096, 8), ParameterCount.Of(4096, 11008, 64)]),
            "matrices" => Charts.Matrices([("W", w), ("B", b), ("A", a)]),
            "factorization" => Charts.Factorization(w, b, a),
            "loss" => Charts.TrainingLoss([3.0, 1.0, 0.2, 0.05]),
            "loss-with-a-zero" => Charts.TrainingLoss([3.0, 0.0]),
            "adapter" => Charts.AdapterError([(1, 6.8, 6.78, 6.7), (2, 0.8, 0.785, 0.78)]),
            "forgetting" => Charts.Forgetting([("full", 0.9, 0.8, null), ("LoRA r = 4", 0.85, 0.6, 0.95)]),
            "lines" => Charts.Lines([("exact", [64.0, 128.0], [0.01, 0.05]), ("randomized", [64.0, 128.0], [0.002, 0.004])], "Time", "n",
                "seconds"),
            // A diagonal W is its own SVD (up to signs, which B·A cancels): every step's W_r and error are exact.
            "rank-slider" => Charts.RankSlider(Integers(new double[,] { { 3, 0, 0 }, { 0, -2, 0 }, { 0, 0, 1 } })),
            "picture-slider" => Charts.PictureSlider(Integers(new double[,] { { 200, 0, 0 }, { 0, 100, 0 }, { 0, 0, 40 } }), [1, 3]),
            _ => Charts.Lines([("error", [1.0, 2.0, 3.0], [1e-3, 1e-6, 1e-9])], "Error", "r", "error", logY: true),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Figure_matches_its_approved_snapshot(string name)
    {
        var actual = Normalise(ChartHtml.FigureJson(Draw(name)));
        var path = Path.Combine(SnapshotFolder(), name + ".json");
        if (Environment.GetEnvironmentVariable("LOWRANK_APPROVE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path),
            $"No approved snapshot {path}: run the tests with LOWRANK_APPROVE_SNAPSHOTS=1, then review and commit it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail(DiffHint(name, path, expected, actual));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_notebooks_write_the_json_plotly_net_writes(string name)
    {
        var chart = Draw(name);

        Assert.Equal(ElementId().Replace(GenericChart.toJson(chart), ""), ElementId().Replace(ChartHtml.FigureJson(chart), ""));
    }

    /// <summary>
    /// Indented JSON, one value a line, with any element id (a GUID) replaced, so a diff points at what changed. Plotly.NET's
    /// default template, the same 20 KB in every figure and none of ours, is left out.
    /// </summary>
    internal static string Normalise(string json)
    {
        var figure = JsonNode.Parse(json)!;
        figure["layout"]!.AsObject().Remove("template");
        var indented = figure.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        return ElementId().Replace(indented, "00000000-0000-0000-0000-000000000000").ReplaceLineEndings("\n") + "\n";
    }

    private static string DiffHint(string name, string path, string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        string At(string[] lines) => line < lines.Length ? lines[line].Trim() : "(end of file)";
        return $"Figure \"{name}\" differs from {path} first at line {line + 1}:\n" +
            $"  approved: {At(e)}\n  now:      {At(a)}\n" +
            "If the change is intended, run the tests with LOWRANK_APPROVE_SNAPSHOTS=1 and review the snapshot's git diff.";
    }

    // Found from the test binary's folder, not from [CallerFilePath]: a deterministic build (CI=true) maps source paths
    // to /_/, which is no folder on disk.
    private static string SnapshotFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LowRankNotebooks.sln")))
            {
                return Path.Combine(folder.FullName, "tests", "LowRank.Notebooks.Tests", "Snapshots");
            }
        }
        throw new DirectoryNotFoundException($"No LowRankNotebooks.sln above {AppContext.BaseDirectory}: the snapshots are found from " +
            $"the checkout.");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex ElementId();
}
