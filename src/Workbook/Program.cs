using Workbook.Commands;
using Workbook.Processes;
using Workbook.Setup;

// The workbook's commands: `run` executes every notebook headless and `test` runs the test suite (the Quick start's
// two), `doctor` checks a machine in a minute, `report` and `apps` write the fallbacks again. SIGINT and SIGTERM stop
// any of them with every process it started, and exit with 130 or 143.
var command = args.FirstOrDefault() ?? "help";
using var stop = StopSignal.Listen();
try
{
    return command switch
    {
        "run" => await RunCommand.RunAsync(args[1..], stop),
        "test" => await TestCommand.RunAsync(args[1..], stop),
        "doctor" => await DoctorCommand.RunAsync(args[1..], stop),
        "apps" => AppsCommand.Run(args[1..], Console.WriteLine),
        "report" => ReportCommand.Run(Repository.Find(), Console.WriteLine, Console.Error.WriteLine),
        "help" or "--help" or "-h" => Usage(0),
        _ => Usage(2, $"Unknown command '{command}'."),
    };
}
catch (ArgumentException e)
{
    return Usage(2, e.Message);
}
catch (OperationCanceledException) when (stop.Received is { } signal)
{
    Console.Error.WriteLine($"workbook: stopped by {signal} before anything ran.");
    return stop.ExitCode;
}
catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException)
{
    // DirectoryNotFoundException and FileNotFoundException are IOExceptions: one line, not a stack trace.
    Console.Error.WriteLine($"workbook: {e.Message}");
    return 1;
}

static int Usage(int exitCode, string? problem = null)
{
    if (problem is not null)
    {
        Console.Error.WriteLine($"workbook: {problem}");
    }
    Console.WriteLine("""
        Usage: dotnet run --project src/Workbook -c Release -- <command>

          run [notebook.ipynb ...] [--jobs N] [--timeout SECONDS] [--repository PATH]
                 Execute the notebooks (default: the lessons in notebooks/ and their solutions in notebooks/solutions/)
                 headless with the repository's pinned dotnet-repl and write the executed copies to artifacts/notebooks/,
                 under their path relative to notebooks/, then the HTML report to artifacts/report/ and the apps to
                 artifacts/apps/. --jobs: notebooks at once (default: processor count).
                 --timeout: seconds one notebook may take before it is stopped with all it started (default 300).
                 --repository: the checkout to run (default: the one this program was built in).
                 Exits 1 if any notebook fails or the report cannot be written, 130 on SIGINT, 143 on SIGTERM.
          report
                 Write the HTML report (artifacts/report/index.html, one page per notebook) from the executed copies
                 already in artifacts/notebooks/. The pages open from disk, with no network and no .NET.
          test [dotnet test options]
                 Restore the local tools, check a headless browser is there for the chart checks, run every test in
                 LowRankNotebooks.sln and print the counts from its TRX files: tests: N passed, N failed, N skipped.
          doctor [--repository PATH]
                 Check in under a minute that the notebooks will run here, one line each, with the fix for each that
                 fails: the .NET SDK against global.json, the pinned local tools (restored if missing), the helper
                 library (built if missing), a kernel running one cell that #r's it, and a browser for the test command.
                 --repository: the checkout to check (default: the one this program was built in).
                 Exits 0 when the notebooks will run (a missing browser only warns), 1 when they will not.
          apps [notebook.ipynb ...]
                 Write each notebook as a .NET 10 file-based app to artifacts/apps/<name>/app.cs (run also does this).
        """);
    return exitCode;
}
