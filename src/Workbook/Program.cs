using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Workbook;
using Workbook.Report;

// The workbook's two entry points, one per Quick start command: `run` executes every notebook headless,
// `test` runs the test suite after the set-up it needs (local tools, a browser for the chart checks).
var command = args.FirstOrDefault() ?? "help";
try
{
    return command switch
    {
        "run" => await RunWorkbookAsync(args.Skip(1).ToArray()),
        "test" => await RunTestsAsync(args.Skip(1).ToArray()),
        "report" => ReportCommand.Run(Repository.Find(), Console.WriteLine, Console.Error.WriteLine),
        "help" or "--help" or "-h" => Usage(0),
        _ => Usage(2, $"Unknown command '{command}'."),
    };
}
catch (Exception e) when (e is InvalidOperationException or DirectoryNotFoundException or FileNotFoundException or ArgumentException)
{
    Console.Error.WriteLine($"workbook: {e.Message}");
    return 1;
}

static int Usage(int exitCode, string? problem = null)
{
    if (problem is not null)
    {
        Console.Error.WriteLine(problem);
    }
    Console.WriteLine("""
        Usage: dotnet run --project src/Workbook -c Release -- <command>

          run [notebook.ipynb ...] [--jobs N]
                 Execute the notebooks (default: the lessons in notebooks/ and their solutions in notebooks/solutions/)
                 headless with dotnet-repl and write the executed copies to artifacts/notebooks/, under their path
                 relative to notebooks/, then the HTML report to artifacts/report/. Exits 1 if any cell of any
                 notebook fails or the report cannot be written.
          report
                 Write the HTML report (artifacts/report/index.html, one page per notebook) from the executed copies
                 already in artifacts/notebooks/. The pages open from disk, with no network and no .NET.
          test [dotnet test options]
                 Restore the local tools, make sure a headless browser is there for the chart checks, run every test
                 in LowRankNotebooks.sln and print the summary line.
        """);
    return exitCode;
}

static async Task<int> RunWorkbookAsync(string[] arguments)
{
    var repository = Repository.Find();
    var jobs = Environment.ProcessorCount;
    var notebooks = new List<string>();
    for (var i = 0; i < arguments.Length; i++)
    {
        if (arguments[i] == "--jobs" && i + 1 < arguments.Length && int.TryParse(arguments[i + 1], CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            jobs = n;
            i++;
        }
        else if (arguments[i].EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) && File.Exists(arguments[i]))
        {
            notebooks.Add(Path.GetFullPath(arguments[i]));
        }
        else
        {
            return Usage(2, $"'{arguments[i]}' is neither an existing .ipynb file nor '--jobs N' (N >= 1).");
        }
    }
    if (notebooks.Count == 0)
    {
        notebooks.AddRange(repository.ListWorkbook());
    }
    if (notebooks.Count == 0)
    {
        Console.Error.WriteLine($"workbook: no notebooks in {repository.Notebooks}.");
        return 1;
    }

    var clock = Stopwatch.StartNew();
    var runner = new NotebookRunner(repository);
    await runner.RestoreToolsAsync();
    var output = Path.Combine(repository.Artifacts, "notebooks");
    jobs = Math.Min(jobs, notebooks.Count);
    Console.WriteLine($"Running {notebooks.Count} notebook(s) with dotnet-repl, {jobs} at a time; executed copies go to {Path.GetRelativePath(repository.Root, output)}/");
    var gate = new object();
    var runs = await runner.RunAllAsync(notebooks, output, jobs, run =>
    {
        lock (gate)
        {
            Console.WriteLine(NotebookRunner.ProgressLine(run));
            if (!run.Succeeded)
            {
                foreach (var line in run.FailureSummary.Split('\n'))
                {
                    Console.WriteLine($"          {line}");
                }
            }
        }
    });
    var failed = runs.Count(r => !r.Succeeded);
    Console.WriteLine($"{runs.Count} notebook(s) in {clock.Elapsed.TotalSeconds:0.0} s: {runs.Count - failed} ok, {failed} failed");
    var reported = ReportCommand.Run(repository, Console.WriteLine, Console.Error.WriteLine) == 0;
    return failed == 0 && reported ? 0 : 1;
}

static async Task<int> RunTestsAsync(string[] arguments)
{
    var repository = Repository.Find();
    var browser = await Browser.EnsureAsync(Console.WriteLine);
    Console.WriteLine($"Browser for the chart checks: {browser}");
    await new NotebookRunner(repository).RestoreToolsAsync();

    var summary = new Regex(@"^\s*(Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+)", RegexOptions.CultureInvariant);
    int passed = 0, failed = 0, skipped = 0, assemblies = 0;
    var result = await ProcessRunner.RunAsync(
        "dotnet",
        ["test", Path.Combine(repository.Root, Repository.SolutionFile), "-c", "Release", .. arguments],
        repository.Root,
        TimeSpan.FromMinutes(30),
        onLine: line =>
        {
            Console.WriteLine(line);
            if (summary.Match(line) is { Success: true } m)
            {
                Interlocked.Add(ref failed, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
                Interlocked.Add(ref passed, int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
                Interlocked.Add(ref skipped, int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture));
                Interlocked.Increment(ref assemblies);
            }
        },
        environment: new Dictionary<string, string> { [Browser.Variable] = browser });

    Console.WriteLine();
    if (assemblies == 0)
    {
        Console.WriteLine($"tests: no test summary found; dotnet test exited with {result.ExitCode}.");
        return result.ExitCode == 0 ? 1 : result.ExitCode;
    }
    Console.WriteLine($"tests: {passed} passed, {failed} failed, {skipped} skipped");
    return result.ExitCode != 0 ? result.ExitCode : failed > 0 ? 1 : 0;
}
