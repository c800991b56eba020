using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Workbook.Apps;
using Workbook.Notebooks;
using Workbook.Processes;
using Workbook.Setup;

namespace Workbook.Commands;

/// <summary>
/// The <c>doctor</c> command, an in-room check: in under a minute with a warm NuGet cache it tells whether this machine
/// will run the notebooks (the .NET SDK, the pinned local tools, the helper library, a kernel running one cell) and
/// whether the test command will find a browser, one line each with the fix to make.
/// </summary>
internal static class DoctorCommand
{
    /// <summary>What the doctor's cell prints when the kernel, the packages and the library all work: the rank of the
    /// original's W.</summary>
    public const string ExpectedLine = "rank of randn(10, 2)·randn(2, 10): 2";

    /// <summary>How long the one-cell notebook may take: seconds with a warm NuGet cache, longer when it downloads packages.</summary>
    public static readonly TimeSpan KernelTimeout = TimeSpan.FromMinutes(3);

    /// <summary>What <c>doctor</c> accepts, and its help.</summary>
    public static readonly CommandSpec Spec = new(
        "doctor",
        "Check in under a minute that the notebooks will run on this machine.",
        "",
        [CommonOptions.RepositoryOption],
        """
        Check in under a minute that the notebooks will run here, one line each, with the fix for each that fails: the
        .NET SDK against global.json, the pinned local tools (restored if missing), the helper library (built if
        missing), a kernel running one cell that #r's it, and a browser for the test command.
        Exits 0 when the notebooks will run (a missing browser only warns), 1 when they will not.
        """);

    private const string Sdk = ".NET SDK";
    private const string Tools = "local tools";
    private const string Library = "helper library";
    private const string Kernel = "kernel";

    /// <summary>
    /// Runs the checks in order and prints one line each, with progress before each slow step; returns 0 when the
    /// notebooks will run (a missing browser only warns), 1 when they will not, 130/143 when stopped by SIGINT/SIGTERM.
    /// </summary>
    /// <exception cref="UsageException"><c>--repository</c> names no folder.</exception>
    public static async Task<int> RunAsync(ParsedArguments arguments, StopSignal stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var repository = CommonOptions.Checkout(arguments);
        if (OperatingSystem.IsWindows())
        {
            // The Windows console's code page has no ✓ or ✗; UTF-8 without a byte-order mark has both.
            Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
        Console.WriteLine($"Checking that the notebooks in {repository.Root} will run on this machine:");
        try
        {
            var lines = await CheckAsync(repository, Console.WriteLine, stop.Token).ConfigureAwait(false);
            var failed = lines.Count(l => l.Verdict == DoctorVerdict.Failed);
            Console.WriteLine(failed > 0
                ? "The notebooks will not run: make the fix of the first ✗ line, then run the doctor again."
                : "The notebooks will run: open one in VS Code, or run them all with the Quick start's run command." +
                  (lines.Any(l => l.Verdict == DoctorVerdict.Warning) ? " The test command needs what the ! line asks for." : ""));
            return failed > 0 ? 1 : 0;
        }
        catch (OperationCanceledException) when (stop.Received is { } signal)
        {
            Console.WriteLine($"Stopped by {signal} before the checks finished.");
            return stop.ExitCode;
        }
    }

    /// <summary>
    /// The checks in order, each line passed to <paramref name="report"/> as it is known, as is each progress line. A
    /// check that needs one that failed is not run and says so.
    /// </summary>
    public static async Task<IReadOnlyList<DoctorLine>> CheckAsync(Repository repository, Action<string> report,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<DoctorLine>();
        DoctorLine Report(DoctorLine line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lines.Add(line);
            report(line.ToString());
            return line;
        }

        var sdk = Report(await SdkAsync(repository, cancellationToken).ConfigureAwait(false));
        var tools = Report(sdk.Passed ? await ToolsAsync(repository, report,
            cancellationToken).ConfigureAwait(false) : DoctorLine.NotChecked(Tools, Sdk));
        var library = Report(sdk.Passed ? await LibraryAsync(repository, report,
            cancellationToken).ConfigureAwait(false) : DoctorLine.NotChecked(Library, Sdk));
        Report(!tools.Passed ? DoctorLine.NotChecked(Kernel, Tools)
            : !library.Passed ? DoctorLine.NotChecked(Kernel, Library)
            : await KernelAsync(repository, report, cancellationToken).ConfigureAwait(false));
        Report(BrowserLine());
        return lines;
    }

    private static async Task<DoctorLine> SdkAsync(Repository repository, CancellationToken cancellationToken)
    {
        SdkPin? pin;
        try
        {
            pin = SdkPin.Read(repository.Root);
        }
        catch (InvalidDataException e)
        {
            return DoctorLine.Fail($"{Sdk}: {e.Message}", "put global.json back as the repository has it: git checkout -- global.json");
        }
        var version = await DotnetAsync(["--version"], repository.Root, cancellationToken).ConfigureAwait(false);
        var installed = await DotnetAsync(["--list-sdks"], repository.Root, cancellationToken).ConfigureAwait(false);
        var sdks = installed.ExitCode == 0 ? Lines(installed.Output) : [];
        var running = Lines(version.Output).FirstOrDefault() ?? "";
        if (version.ExitCode != 0 || SdkPin.Parse(running) is not { } found)
        {
            // With global.json, dotnet fails when no installed SDK is one it accepts; without, only a broken install fails.
            return pin is null
                ? DoctorLine.Fail($"{Sdk}: 'dotnet --version' failed: {NotebookRun.Reason(version.Output)}", "install the .NET 10 SDK: " +
                    "https://dotnet.microsoft.com/download/dotnet/10.0")
                : DoctorLine.Fail($"{Sdk}: none of the installed SDKs ({(sdks.Count > 0 ? string.Join(", ", sdks) : "none")}) is one " +
                    $"{pin} accepts", pin.Fix);
        }
        // --list-sdks prints "10.0.401 [/usr/share/dotnet/sdk]": the folder tells which installation dotnet runs.
        var where = sdks.FirstOrDefault(s => s.StartsWith(running + " ",
            StringComparison.Ordinal)) is { } line ? $" in {line[(running.Length + 1)..].Trim('[', ']')}" : "";
        if (pin is not null && found < pin.Version)
        {
            return DoctorLine.Fail($"{Sdk} {running}{where} is older than {pin}", pin.Fix);
        }
        return DoctorLine.Pass($"{Sdk} {running}{where}, the one dotnet picks " +
            $"here{(pin is null ? "; no global.json pins one" : $", accepted by {pin}")}");
    }

    private static async Task<DoctorLine> ToolsAsync(Repository repository, Action<string> progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<PinnedTool> pinned;
        try
        {
            pinned = LocalTool.PinnedIn(repository.Root);
        }
        catch (InvalidOperationException e)
        {
            return DoctorLine.Fail($"{Tools}: {e.Message}", $"put it back as the repository has it: git checkout -- " +
                $"{LocalTool.ManifestPath.Replace('\\', '/')}");
        }
        var names = string.Join(", ", pinned);
        var missing = await UnresolvedAsync(repository, pinned, cancellationToken).ConfigureAwait(false);
        if (missing.Count == 0)
        {
            return DoctorLine.Pass($"{Tools} restored: {names} (pinned in .config/dotnet-tools.json)");
        }
        var absent = string.Join(", ", missing);
        progress($"  restoring the local tools, as {absent} {(missing.Count == 1 ? "is" : "are")} not in the NuGet cache: dotnet tool " +
            $"restore ...");
        var restore = await ProcessRunner.RunAsync(
            "dotnet", ["tool", "restore"], repository.Root, TimeSpan.FromMinutes(10),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (restore.ExitCode != 0)
        {
            return DoctorLine.Fail(
                $"{Tools}: 'dotnet tool restore' could not restore {absent}: {NotebookRun.Reason(restore.Output)}",
                $"run 'dotnet tool restore' in {repository.Root} with network access; offline, copy the NuGet cache of a machine that " +
                    $"ran the workbook onto this one (README, Running a workshop)");
        }
        missing = await UnresolvedAsync(repository, pinned, cancellationToken).ConfigureAwait(false);
        return missing.Count == 0
            ? DoctorLine.Pass($"{Tools} restored just now by 'dotnet tool restore': {names} (pinned in .config/dotnet-tools.json)")
            : DoctorLine.Fail(
                $"{Tools}: 'dotnet tool restore' reports {absent} restored, yet {(missing.Count == 1 ? "it is" : "they are")} still not " +
                    $"in the NuGet cache{PackagesVariable()}",
                "dotnet tool restore trusts its record of an earlier restore into another NuGet cache: delete the folder " +
                    ".dotnet/toolResolverCache " +
                $"in your home folder, then run 'dotnet tool restore' in {repository.Root}");
    }

    // The pinned tools whose entry point is not in the NuGet cache.
    private static async Task<IReadOnlyList<PinnedTool>> UnresolvedAsync(Repository repository, IReadOnlyList<PinnedTool> pinned,
        CancellationToken cancellationToken)
    {
        var missing = new List<PinnedTool>();
        foreach (var tool in pinned)
        {
            try
            {
                _ = await LocalTool.ResolveAsync(repository.Root, tool.Commands.FirstOrDefault() ?? tool.Package,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                missing.Add(tool);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return missing;
    }

    private static string PackagesVariable() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder ? $" (NUGET_PACKAGES is {folder})" : "";

    private static async Task<DoctorLine> LibraryAsync(Repository repository, Action<string> progress, CancellationToken cancellationToken)
    {
        var assemblies = HelperLibrary.Assemblies(repository);
        var shown = $"{Relative(repository, assemblies[0])} and {Path.GetFileName(assemblies[1])}";
        var missing = assemblies.Where(a => !File.Exists(a)).Select(Path.GetFileName).ToArray();
        if (missing.Length == 0)
        {
            return DoctorLine.Pass($"{Library} built: {shown}, which the notebooks #r");
        }
        var build = HelperLibrary.BuildCommand(repository);
        if (!File.Exists(HelperLibrary.Project(repository)))
        {
            return DoctorLine.Fail(
                $"{Library}: {string.Join(" and ", missing)} not built, and there is no " +
                    $"{Relative(repository, HelperLibrary.Project(repository))} to build it from",
                "this checkout is incomplete: clone the repository again");
        }
        progress($"  building the helper library, as {string.Join(" and ", missing)} {(missing.Length == 1 ? "is" : "are")} missing: " +
            $"{build} ...");
        var result = await HelperLibrary.BuildAsync(repository, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (result.ExitCode == 0 && assemblies.All(File.Exists))
        {
            return DoctorLine.Pass($"{Library} built just now by '{build}': {shown}, which the notebooks #r");
        }
        return DoctorLine.Fail(
            $"{Library}: {string.Join(" and ", missing)} not built, and '{build}' failed: {NotebookRun.Reason(result.Output)}",
            result.Output.Contains("error NU", StringComparison.Ordinal)
                ? $"the build could not restore its packages: {NoPackagesFix}"
                : $"run '{build}' in {repository.Root} to see every error; 'git status' shows local changes that may cause it, 'git " +
                    $"stash' sets them aside");
    }

    // What to do when the NuGet cache lacks a package and NuGet cannot fetch it.
    private const string NoPackagesFix =
        "connect to a network that reaches NuGet and run the doctor again, or copy the NuGet cache (~/.nuget/packages; Windows: " +
            "%USERPROFILE%\\.nuget\\packages) " +
        "of a machine that ran the workbook onto this one";

    private static async Task<DoctorLine> KernelAsync(Repository repository, Action<string> progress, CancellationToken cancellationToken)
    {
        var packages = NotebookPackages(repository);
        var names = packages.Select(p => $"{p.Name} {p.Version}")
            .Concat(HelperLibrary.Assemblies(repository).Select(Path.GetFileName)).ToArray();
        var loaded = $"{string.Join(", ", names[..^1])} and {names[^1]}";
        var folder = Directory.CreateTempSubdirectory("lowrank-doctor-").FullName;
        try
        {
            var notebook = Path.Combine(folder, "doctor.ipynb");
            NotebookDocument.Write(OneCellNotebook(CellSource(packages, HelperLibrary.Assemblies(repository))), notebook);
            var repl = await LocalTool.ResolveAsync(repository.Root, "dotnet-repl", cancellationToken).ConfigureAwait(false);
            progress($"  starting a kernel: dotnet-repl runs one cell that loads {loaded}, in {folder} (seconds with a warm NuGet cache, " +
                $"a minute or more if it downloads packages) ...");
            var runner = new NotebookRunner(repository) { Timeout = KernelTimeout };
            var run = await runner.RunAsync(notebook, Path.Combine(folder, "doctor.executed.ipynb"), "doctor.ipynb",
                cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return KernelLine(repository, run, loaded, repl);
        }
        catch (InvalidOperationException e)
        {
            return DoctorLine.Fail($"{Kernel}: {e.Message}", $"run 'dotnet tool restore' in {repository.Root}, then the doctor again");
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A temporary folder left behind is not worth failing the check for.
            }
        }
    }

    private static DoctorLine KernelLine(Repository repository, NotebookRun run, string loaded, LocalTool repl)
    {
        var seconds = string.Create(CultureInfo.InvariantCulture, $"{run.Elapsed.TotalSeconds:0.0} s");
        // --no-incremental: a damaged DLL newer than its sources would otherwise be kept as it is.
        var rebuild = $"rebuild the library with '{HelperLibrary.BuildCommand(repository)} --no-incremental' in {repository.Root}, then " +
            $"run the doctor again";
        if (run.Errors.Count > 0)
        {
            var message = run.Errors[0].Message.Split('\n')[0].Trim();
            return message.Contains("error NU", StringComparison.Ordinal)
                ? DoctorLine.Fail($"{Kernel}: the kernel started, but the cell's #r \"nuget:\" lines failed: {message}", NoPackagesFix)
                : DoctorLine.Fail($"{Kernel}: the kernel started, but the cell that #r's the library failed: {message}", rebuild);
        }
        if (run.Problem is not null || run.ExitCode != 0)
        {
            // -1: stopped at the limit, so slow rather than broken; otherwise the kernel itself failed, most often a
            // damaged copy of it in the NuGet cache (an interrupted download, a partial copy from a USB stick).
            return DoctorLine.Fail(
                $"{Kernel}: dotnet-repl did not run the cell ({seconds}): {run.FailureSummary}",
                run.ExitCode == -1
                    ? "the machine is busy or NuGet is slow: close what you can and run the doctor again"
                    : $"replace the kernel: delete {repl.PackageFolder} and run 'dotnet tool restore' in {repository.Root}, then the " +
                        $"doctor again");
        }
        var printed = NotebookDocument.Load(run.ExecutedPath).PrintedLines.FirstOrDefault(l => l.Length > 0) ?? "";
        return printed == ExpectedLine
            ? DoctorLine.Pass($"{Kernel} runs: dotnet-repl ran a one-cell notebook in {seconds} that loaded {loaded}, and it printed " +
                $"\"{printed}\"")
            : DoctorLine.Fail($"{Kernel}: the cell ran in {seconds} but printed \"{printed}\", not \"{ExpectedLine}\"", rebuild);
    }

    private static DoctorLine BrowserLine()
    {
        const string use = "the test command's chart and report checks need one; running the notebooks does not";
        try
        {
            return Browser.Find() is { } browser
                ? DoctorLine.Pass($"browser found: {browser} ({use})")
                : DoctorLine.Warn($"browser: none found ({use})", Browser.HowToGetOne);
        }
        catch (FileNotFoundException e)
        {
            return DoctorLine.Warn(
                $"browser: {e.Message.TrimEnd('.')} ({use})",
                $"set {Browser.Variable} to the executable of Chromium, Google Chrome or Microsoft Edge, or unset it to search the usual " +
                    $"places");
        }
    }

    /// <summary>The packages the workbook's notebooks load with <c>#r "nuget:"</c>, each once, in the order they first appear.</summary>
    public static IReadOnlyList<PackagePin> NotebookPackages(Repository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (!Directory.Exists(repository.Notebooks))
        {
            return [];
        }
        return repository.ListWorkbook()
            .SelectMany(ReadableCodeCells)
            .SelectMany(cell => cell.Source.Split('\n').Where(l => l.TrimStart().StartsWith("#r \"nuget:", StringComparison.Ordinal)))
            .SelectMany(PackagesOf)
            .Distinct()
            .ToArray();
    }

    // A line the kernel would reject (no version, say) is the run command's to report, not the doctor's.
    private static IReadOnlyList<PackagePin> PackagesOf(string line)
    {
        try
        {
            return KernelDirectives.Split(line, "a notebook").Packages;
        }
        catch (AppConversionException)
        {
            return [];
        }
    }

    // A notebook the doctor cannot read has no packages to offer; the run command reports it.
    private static IEnumerable<NotebookCell> ReadableCodeCells(string notebook)
    {
        try
        {
            return NotebookDocument.Load(notebook).Cells.Where(c => c.CellType == "code");
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }

    /// <summary>The doctor's cell: the notebooks' <c>#r</c> lines, with the library by full path, and a line that
    /// computes with it.</summary>
    public static string CellSource(IReadOnlyList<PackagePin> packages, IReadOnlyList<string> assemblies)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(assemblies);
        return string.Join('\n',
        [
            .. packages.Select(p => $"#r \"nuget: {p.Name}, {p.Version}\""),
            .. assemblies.Select(a => $"#r \"{a}\""),
            "var generator = new LowRank.TorchGenerator(0);",
            "var w = generator.Randn(10, 2) * generator.Randn(2, 10);",
            "Console.WriteLine($\"rank of randn(10, 2)·randn(2, 10): {LowRank.MatrixRank.Of(w)}\");",
        ]);
    }

    private static JsonObject OneCellNotebook(string source) => new()
    {
        ["cells"] = new JsonArray(new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = "doctor",
            ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        }),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    };

    private static Task<ProcessResult> DotnetAsync(string[] arguments, string folder, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync("dotnet", arguments, folder, TimeSpan.FromMinutes(1), cancellationToken: cancellationToken);

    private static IReadOnlyList<string> Lines(string output) =>
        output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    private static string Relative(Repository repository, string path) =>
        Path.GetRelativePath(repository.Root, path).Replace('\\', '/');
}
