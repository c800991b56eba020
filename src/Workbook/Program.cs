using Workbook.Commands;
using Workbook.Processes;

// The workbook's commands: `run` executes every notebook headless and `test` runs the test suite (the Quick start's
// two), `doctor` checks a machine in a minute, `report` and `apps` write the fallbacks again. Every command's
// arguments go through one parser: a wrong one is named on stderr with what is allowed, and the exit code is 2.
// SIGINT and SIGTERM stop any command with every process it started, and exit with 130 or 143.
CommandSpec[] commands = [RunCommand.Spec, TestCommand.Spec, DoctorCommand.Spec, ReportCommand.Spec, AppsCommand.Spec];
if (args is [] or ["help" or "--help" or "-h"])
{
    Console.WriteLine(CommandLine.Overview(commands));
    return 0;
}
if (commands.FirstOrDefault(c => c.Name == args[0]) is not { } spec)
{
    Console.Error.WriteLine($"workbook: '{args[0]}' is not a command; the commands are {string.Join(", ", commands.Select(c => c.Name))}.");
    Console.Error.WriteLine($"Run '{CommandLine.Prefix} --help' for what each does.");
    return 2;
}
using var stop = StopSignal.Listen();
try
{
    var arguments = CommandLine.Parse(spec, args[1..]);
    if (arguments.Help)
    {
        Console.WriteLine(CommandLine.Help(spec));
        return 0;
    }
    return spec.Name switch
    {
        "run" => await RunCommand.RunAsync(arguments, stop),
        "test" => await TestCommand.RunAsync(arguments, stop),
        "doctor" => await DoctorCommand.RunAsync(arguments, stop),
        "report" => ReportCommand.Run(arguments),
        _ => AppsCommand.Run(arguments, Console.WriteLine),
    };
}
catch (ArgumentException e)
{
    // A UsageException, or a check that needs the arguments together (two notebooks named alike would share a copy).
    Console.Error.WriteLine($"workbook: {e.Message}");
    Console.Error.WriteLine($"Usage: {spec.Usage}");
    Console.Error.WriteLine($"Run '{CommandLine.Prefix} {spec.Name} --help' for what each option does.");
    return 2;
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
