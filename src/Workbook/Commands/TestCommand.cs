using System.Globalization;
using Workbook.Notebooks;
using Workbook.Processes;
using Workbook.Setup;

namespace Workbook.Commands;

/// <summary>The <c>test</c> command: runs every test in the solution and prints the counts its TRX files record.</summary>
internal static class TestCommand
{
    /// <summary>How long the whole test run may take; it executes the workbook twice and draws every chart.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(60);

    /// <summary>What <c>test</c> accepts, and its help; arguments that are not its own go to <c>dotnet test</c>.</summary>
    public static readonly CommandSpec Spec = new(
        "test",
        "Run every test in the solution and print the counts from its TRX files.",
        "",
        [CommonOptions.ArtifactsOption],
        """
        Restore the local tools, check a headless browser is there for the chart checks, run every test in
        LowRankNotebooks.sln and print the counts from its TRX files: tests: N passed, N failed, N skipped.
        The TRX files go to <artifacts>/test-results/<run>/; every argument that is not an option below goes to dotnet
        test (e.g. --filter NAME). With --artifacts, the tests' own commands write there too.
        """,
        PassesOthersOn: true);

    /// <summary>
    /// How long the test host may go without a test starting or ending before it is stopped and the test that hung is
    /// named; it must outlast the workbook fixture, which executes every notebook three times before its first test.
    /// </summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Runs the command, passing the arguments that are not its own on to <c>dotnet test</c>; returns 0 when every test
    /// passed, non-zero when one failed, when no TRX file was written, or (130/143) when stopped by a signal.
    /// </summary>
    public static async Task<int> RunAsync(ParsedArguments arguments, StopSignal stop)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stop);
        var repository = CommonOptions.Checkout(arguments);
        if (Browser.Find() is not { } browser)
        {
            Console.Error.WriteLine($"workbook: {Browser.Missing}");
            return 1;
        }
        Console.WriteLine($"Browser for the chart checks: {browser}");
        Console.WriteLine($"Restoring the local tools pinned in {LocalTool.ManifestPath.Replace('\\', '/')} (dotnet tool restore) ...");
        await LocalTool.RestoreAsync(repository.Root, stop.Token).ConfigureAwait(false);
        var environment = new Dictionary<string, string> { [Browser.Variable] = browser };
        if (arguments.Values.ContainsKey(CommonOptions.ArtifactsOption.Name))
        {
            // The commands the tests start find the folder through the variable, as this one would without the option.
            environment[Repository.ArtifactsVariable] = repository.Artifacts;
        }

        var results = ResultsFolder(repository);
        var result = await ProcessRunner.RunAsync(
            "dotnet",
            // One TRX per test project; a fixed LogFileName would make the projects overwrite each other's. A hang
            // stops the host without a memory dump: the name of the test that hung is what is wanted, not gigabytes.
            ["test", Path.Combine(repository.Root, Repository.SolutionFile), "-c", "Release", "--logger", "trx",
             "--results-directory", results,
             "--blame-hang-timeout", string.Create(CultureInfo.InvariantCulture, $"{HangTimeout.TotalMinutes}min"),
             "--blame-hang-dump-type", "none", .. arguments.Others],
            repository.Root,
            Timeout,
            onLine: Console.WriteLine,
            environment: environment,
            stopLeftovers: false,
            cancellationToken: stop.Token).ConfigureAwait(false);
        Console.WriteLine();
        return Summarize(result, TestCounts.Read(results), results, stop);
    }

    private static int Summarize(ProcessResult result, TestCounts? counts, string results, StopSignal stop)
    {
        if (counts is null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tests: no TRX file in {results}, so no counts; dotnet test " +
                    $"{(result.End == ProcessEnd.Exited ? $"exited with {result.ExitCode}" : "was stopped")}."));
        }
        else
        {
            // A project that fails to build writes no TRX, so counts alone would hide it: say so before the counts.
            if (counts.Failed == 0 && result.End == ProcessEnd.Exited && result.ExitCode != 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"dotnet test exited with {result.ExitCode} although no counted test failed: a test project did not build or its " +
                        $"test host stopped (see above)."));
            }
            Console.WriteLine(counts);
        }
        return stop.Received is not null ? stop.ExitCode
            : counts is null ? (result.ExitCode is 0 or -1 ? 1 : result.ExitCode)
            : result.ExitCode != 0 ? result.ExitCode
            : counts.Failed > 0 ? 1
            : 0;
    }

    // A folder per run: an earlier run's TRX files would be counted again, and a run inside this one (the test
    // command's own tests) must not delete the files this one is counting.
    private static string ResultsFolder(Repository repository)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        return Directory.CreateDirectory(Path.Combine(repository.Artifacts, "test-results", name)).FullName;
    }
}
