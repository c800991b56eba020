using System.Text.Json.Nodes;

namespace Workbook.Tests;

/// <summary>
/// The doctor command as its own process (workbook.dll): every line passes on this checkout, and each failure is
/// provoked for real in a checkout written to a temporary folder (an SDK that is not installed, a tool that cannot
/// restore, a library that does not build, a library the kernel cannot load, a package NuGet does not have) or by the
/// environment (a browser that is not there), with its fix and exit code. The doctor's own temporary files go to the
/// test's folder too (TMPDIR). Seconds each, the kernel's cell included.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class DoctorCommandTests
{
    private static readonly Repository Repository = Repository.Find(AppContext.BaseDirectory);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    // The rank the original prints for its W (PyTorch's `Rank of W: 2`), which the doctor's cell computes with the library.
    private const string RankLine = "rank of randn(10, 2)·randn(2, 10): 2";

    private const string BrowserUse = "(the test command's chart and report checks need one; running the notebooks does not)";

    /// <summary>Runs the doctor from the scratch folder, its temporary files there, with <paramref name="environment"/> on top.</summary>
    private static async Task<(int ExitCode, string[] Lines)> DoctorAsync(Scratch scratch, IEnumerable<string> arguments, Dictionary<string,
        string?>? environment = null)
    {
        var temporary = Directory.CreateDirectory(scratch.PathOf("tmp")).FullName;
        environment ??= [];
        environment.TryAdd("TMPDIR", temporary);
        environment.TryAdd(Browser.Variable, "/bin/sh");
        var (code, output) = await WorkbookCommand.RunAsync(scratch.Folder, ["doctor", .. arguments], scratch.Artifacts, Bound,
            environment);
        Assert.Empty(Directory.GetDirectories(temporary, "lowrank-doctor-*"));
        return (code, output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
    }

    private static string Line(string[] lines, string start) =>
        Assert.Single(lines, l => l.StartsWith(start, StringComparison.Ordinal));

    private static void NotChecked(string[] lines, string what, string needs) =>
        Assert.Contains($"✗ {what}: not checked, as it needs the {needs} — fix the {needs} line above first", lines);

    [SkippableFact]
    public async Task On_this_checkout_every_check_passes_and_the_doctor_exits_0()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "TMPDIR and /bin/sh");
        using var scratch = new Scratch();
        var pin = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "global.json")))!["sdk"]!;
        var sdk = (await ProcessRunner.RunAsync("dotnet", ["--version"], Repository.Root, TimeSpan.FromMinutes(1))).Output.Trim();

        var (code, lines) = await DoctorAsync(scratch, []);

        Assert.True(code == 0, string.Join('\n', lines));
        Assert.StartsWith($"✓ .NET SDK {sdk} in ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith($", the one dotnet picks here, accepted by global.json ({pin["version"]}, rollForward {pin["rollForward"]})",
            lines[1], StringComparison.Ordinal);
        Assert.Equal("✓ local tools restored: dotnet-repl 0.3.259, microsoft.dotnet-interactive 1.0.712001 (pinned in " +
            ".config/dotnet-tools.json)", lines[2]);
        Assert.Equal("✓ helper library built: src/LowRank.Notebooks/bin/Release/net10.0/LowRank.dll and LowRank.Notebooks.dll, which the " +
            "notebooks #r", lines[3]);
        // Progress before the slow step, then the line the kernel earned: the packages every notebook pins, and the original's rank.
        Assert.StartsWith("  starting a kernel: dotnet-repl runs one cell that loads MathNet.Numerics 5.0.0, Plotly.NET 6.0.0, " +
            "Plotly.NET.CSharp 0.14.0, LowRank.dll and LowRank.Notebooks.dll, in ", lines[4], StringComparison.Ordinal);
        Assert.Matches(
            @"^✓ kernel runs: dotnet-repl ran a one-cell notebook in [0-9]+\.[0-9] s that loaded MathNet\.Numerics 5\.0\.0, .* " +
            @"and LowRank\.Notebooks\.dll, and it printed ""rank of randn\(10, 2\)·randn\(2, 10\): 2""$",
            lines[5]);
        Assert.Contains(RankLine, lines[5], StringComparison.Ordinal);
        Assert.Equal($"✓ browser found: /bin/sh {BrowserUse}", lines[6]);
        Assert.StartsWith("The notebooks will run:", lines[7], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_browser_variable_naming_no_file_only_warns_and_the_doctor_still_exits_0()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "TMPDIR");
        using var scratch = new Scratch();
        var missing = scratch.PathOf("no-such-browser");

        var (code, lines) = await DoctorAsync(scratch, [], new() { [Browser.Variable] = missing });

        Assert.True(code == 0, string.Join('\n', lines));
        Assert.Equal(
            $"! browser: {Browser.Variable} is set to '{missing}', but there is no such file {BrowserUse} — set {Browser.Variable} to " +
                $"the executable of Chromium, Google Chrome or Microsoft Edge, or unset it to search the usual places",
            Line(lines, "! browser"));
        Assert.Contains(lines, l => l.StartsWith("✓ kernel runs:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("The test command needs what the ! line asks for.", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_SDK_global_json_asks_for_and_no_browser_are_named_with_their_fixes_and_exit_1()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "TMPDIR");
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        File.WriteAllText(Path.Combine(root, "global.json"), """{ "sdk": { "version": "99.0.100", "rollForward": "latestFeature" } }""");

        // The runner finds dotnet next to the host that runs it; the PATH, empty of browsers, holds nothing else.
        var (code, lines) = await DoctorAsync(scratch, ["--repository", root], new() { ["PATH"] = scratch.PathOf("tmp"),
            [Browser.Variable] = null });

        Assert.Equal(1, code);
        var sdk = Line(lines, "✗ .NET SDK");
        Assert.StartsWith("✗ .NET SDK: none of the installed SDKs (10.", sdk, StringComparison.Ordinal);
        Assert.EndsWith(
            ") is one global.json (99.0.100, rollForward latestFeature) accepts — install the .NET SDK 99.0.100 or a later 99.0 release " +
                "from https://dotnet.microsoft.com/download/dotnet/99.0, then open a new terminal",
            sdk, StringComparison.Ordinal);
        NotChecked(lines, "local tools", ".NET SDK");
        NotChecked(lines, "helper library", ".NET SDK");
        NotChecked(lines, "kernel", "local tools");
        Assert.StartsWith($"! browser: none found {BrowserUse} — Install Chromium, Google Chrome or Microsoft Edge (Debian: sudo apt-get " +
            $"install chromium", Line(lines, "! browser"), StringComparison.Ordinal);
        Assert.Equal("The notebooks will not run: make the fix of the first ✗ line, then run the doctor again.", lines[^2]);
    }

    [SkippableFact]
    public async Task A_pinned_tool_that_cannot_restore_is_restored_for_then_named_with_the_fix()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "TMPDIR");
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        File.WriteAllText(Path.Combine(root, LocalTool.ManifestPath), """
            { "version": 1, "isRoot": true, "tools": { "lowrank-no-such-tool": { "version": "1.0.0", "commands": ["lowrank-no-such-tool"],
                "rollForward": false } } }
            """);

        var (code, lines) = await DoctorAsync(scratch, ["--repository", root]);

        Assert.Equal(1, code);
        var restoring = Array.IndexOf(lines, "  restoring the local tools, as lowrank-no-such-tool 1.0.0 is not in the NuGet cache: " +
            "dotnet tool restore ...");
        var tools = Line(lines, "✗ local tools");
        Assert.True(restoring > 0 && restoring < Array.IndexOf(lines, tools), string.Join('\n', lines));
        Assert.StartsWith("✗ local tools: 'dotnet tool restore' could not restore lowrank-no-such-tool 1.0.0: ", tools,
            StringComparison.Ordinal);
        Assert.Contains("lowrank-no-such-tool", tools[tools.IndexOf(": ", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.EndsWith($" — run 'dotnet tool restore' in {root} with network access; offline, copy the NuGet cache of a machine that " +
            $"ran the workbook onto this one (README, Running a workshop)", tools, StringComparison.Ordinal);
        NotChecked(lines, "kernel", "local tools");
    }

    [SkippableFact]
    public async Task Tools_restore_trusts_a_record_into_another_NuGet_cache_and_the_fix_says_which_folder_to_delete()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "TMPDIR");
        // dotnet tool restore keeps a record of what it restored where; with NUGET_PACKAGES moved to an empty folder it
        // still reports the tools restored. A copy of the record in a temporary DOTNET_CLI_HOME keeps the real one untouched.
        var home = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") is { Length: > 0 } cli
            ? cli : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var record = Path.Combine(home, ".dotnet", "toolResolverCache");
        Skip.IfNot(Directory.Exists(record), $"no {record}: the tools were never restored with this home folder");
        using var scratch = new Scratch();
        CopyFolder(record, scratch.PathOf("home", ".dotnet", "toolResolverCache"));
        var empty = Directory.CreateDirectory(scratch.PathOf("packages")).FullName;

        var (code, lines) = await DoctorAsync(scratch, [], new() { ["DOTNET_CLI_HOME"] = scratch.PathOf("home"),
            ["NUGET_PACKAGES"] = empty });

        Assert.Equal(1, code);
        Assert.Contains("  restoring the local tools, as dotnet-repl 0.3.259, microsoft.dotnet-interactive 1.0.712001 are not in the " +
            "NuGet cache: dotnet tool restore ...", lines);
        Assert.Equal(
            $"✗ local tools: 'dotnet tool restore' reports dotnet-repl 0.3.259, microsoft.dotnet-interactive 1.0.712001 restored, yet " +
                $"they are still not in the NuGet cache (NUGET_PACKAGES is {empty}) — " +
            $"dotnet tool restore trusts its record of an earlier restore into another NuGet cache: delete the folder " +
                $".dotnet/toolResolverCache in your home folder, then run 'dotnet tool restore' in {Repository.Root}",
            Line(lines, "✗ local tools"));
        NotChecked(lines, "kernel", "local tools");
    }

    [SkippableFact]
    public async Task A_copy_of_the_repository_whose_library_is_not_built_gets_it_built_and_then_runs_the_kernel()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "TMPDIR");
        // What a laptop that skipped the build has: the sources, the notebooks and the pins, no bin/ or obj/.
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            File.Copy(Path.Combine(Repository.Root, file), Path.Combine(root, file));
        }
        foreach (var folder in new[] { Path.Combine("src", "LowRank"), Path.Combine("src", "LowRank.Notebooks"), "notebooks" })
        {
            CopyFolder(Path.Combine(Repository.Root, folder), Path.Combine(root, folder));
        }

        var (code, lines) = await DoctorAsync(scratch, ["--repository", root]);

        Assert.True(code == 0, string.Join('\n', lines));
        Assert.Contains("  building the helper library, as LowRank.dll and LowRank.Notebooks.dll are missing: dotnet build " +
            "src/LowRank.Notebooks/LowRank.Notebooks.csproj -c Release ...", lines);
        Assert.Contains("✓ helper library built just now by 'dotnet build src/LowRank.Notebooks/LowRank.Notebooks.csproj -c Release': " +
            "src/LowRank.Notebooks/bin/Release/net10.0/LowRank.dll and LowRank.Notebooks.dll, which the notebooks #r", lines);
        Assert.Contains(lines, l => l.StartsWith("✓ kernel runs:", StringComparison.Ordinal) && l.EndsWith($"and it printed " +
            $"\"{RankLine}\"", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_library_that_is_not_built_is_built_and_a_build_that_fails_is_named_with_its_error()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "TMPDIR");
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        var project = Directory.CreateDirectory(Path.Combine(root, "src", "LowRank.Notebooks")).FullName;
        File.WriteAllText(Path.Combine(project, "LowRank.Notebooks.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Broken.cs"), "namespace LowRank; public static class Broken { public static int Answer " +
            "=> \"not a number\"; }\n");

        var (code, lines) = await DoctorAsync(scratch, ["--repository", root]);

        Assert.Equal(1, code);
        Assert.Contains("  building the helper library, as LowRank.dll and LowRank.Notebooks.dll are missing: dotnet build " +
            "src/LowRank.Notebooks/LowRank.Notebooks.csproj -c Release ...", lines);
        var library = Line(lines, "✗ helper library");
        Assert.StartsWith("✗ helper library: LowRank.dll and LowRank.Notebooks.dll not built, and 'dotnet build " +
            "src/LowRank.Notebooks/LowRank.Notebooks.csproj -c Release' failed: ", library, StringComparison.Ordinal);
        Assert.Contains("Broken.cs(1,", library, StringComparison.Ordinal);
        Assert.Contains("error CS0029: Cannot implicitly convert type 'string' to 'int'", library, StringComparison.Ordinal);
        Assert.EndsWith($" — run 'dotnet build src/LowRank.Notebooks/LowRank.Notebooks.csproj -c Release' in {root} to see every error; " +
            $"'git status' shows local changes that may cause it, 'git stash' sets them aside", library, StringComparison.Ordinal);
        Assert.Contains("✓ local tools restored: dotnet-repl 0.3.259, microsoft.dotnet-interactive 1.0.712001 (pinned in " +
            ".config/dotnet-tools.json)", lines);
        NotChecked(lines, "kernel", "helper library");
    }

    [SkippableFact]
    public async Task A_library_the_kernel_cannot_load_fails_the_kernel_line_with_the_rebuild()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "TMPDIR");
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        var output = Directory.CreateDirectory(Path.Combine(root, "src", "LowRank.Notebooks", "bin", "Release", "net10.0")).FullName;
        File.WriteAllText(Path.Combine(output, "LowRank.dll"), "not an assembly");
        File.WriteAllText(Path.Combine(output, "LowRank.Notebooks.dll"), "not an assembly");

        var (code, lines) = await DoctorAsync(scratch, ["--repository", root]);

        Assert.Equal(1, code);
        Assert.Contains("✓ helper library built: src/LowRank.Notebooks/bin/Release/net10.0/LowRank.dll and LowRank.Notebooks.dll, which " +
            "the notebooks #r", lines);
        var kernel = Line(lines, "✗ kernel");
        Assert.StartsWith("✗ kernel: the kernel started, but the cell that #r's the library failed: ", kernel, StringComparison.Ordinal);
        Assert.Contains($"error CS0009: Metadata file '{output}/LowRank", kernel, StringComparison.Ordinal);
        Assert.EndsWith($" — rebuild the library with 'dotnet build src/LowRank.Notebooks/LowRank.Notebooks.csproj -c Release " +
            $"--no-incremental' in {root}, then run the doctor again", kernel, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_kernel_that_does_not_start_fails_the_kernel_line_with_where_to_replace_it()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "TMPDIR");
        // A damaged copy of the pinned tools, as an interrupted download or a partial copy of a NuGet cache leaves them:
        // their tool settings are there, their entry points are not assemblies.
        using var scratch = new Scratch();
        var packages = scratch.PathOf("packages");
        foreach (var (tool, entryPoint) in new[] { ("dotnet-repl/0.3.259", "dotnet-repl.dll"), ("microsoft.dotnet-interactive/1.0.712001",
            "Microsoft.DotNet.Interactive.App.dll") })
        {
            var folder = Directory.CreateDirectory(Path.Combine(packages, tool, "tools", "net10.0", "any")).FullName;
            var command = tool.Split('/')[0].Replace("microsoft.", "", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "DotnetToolSettings.xml"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <DotNetCliTool Version="1">
                  <Commands><Command Name="{command}" EntryPoint="{entryPoint}" Runner="dotnet" /></Commands>
                </DotNetCliTool>
                """);
            File.WriteAllText(Path.Combine(folder, entryPoint), "not an assembly");
        }

        var (code, lines) = await DoctorAsync(scratch, [], new() { ["NUGET_PACKAGES"] = packages });

        Assert.Equal(1, code);
        Assert.Contains("✓ local tools restored: dotnet-repl 0.3.259, microsoft.dotnet-interactive 1.0.712001 (pinned in " +
            ".config/dotnet-tools.json)", lines);
        var kernel = Line(lines, "✗ kernel");
        Assert.StartsWith("✗ kernel: dotnet-repl did not run the cell (", kernel, StringComparison.Ordinal);
        Assert.Contains("and wrote no executed copy", kernel, StringComparison.Ordinal);
        Assert.EndsWith($" — replace the kernel: delete {Path.Combine(packages, "dotnet-repl", "0.3.259")} and run 'dotnet tool restore' " +
            $"in {Repository.Root}, then the doctor again", kernel, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_package_the_notebooks_pin_that_NuGet_cannot_give_fails_the_kernel_line_with_the_network_fix()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "TMPDIR");
        using var scratch = new Scratch();
        var root = scratch.Checkout("checkout");
        scratch.Notebook("checkout/notebooks/01-lesson.ipynb", "#r \"nuget: LowRank.No.Such.Package, 1.0.0\"", "Console.WriteLine(1);");
        var output = Directory.CreateDirectory(Path.Combine(root, "src", "LowRank.Notebooks", "bin", "Release", "net10.0")).FullName;
        foreach (var assembly in new[] { "LowRank.dll", "LowRank.Notebooks.dll" })
        {
            File.Copy(Path.Combine(Repository.Root, "src", "LowRank.Notebooks", "bin", "Release", "net10.0", assembly), Path.Combine(output,
                assembly));
        }

        var (code, lines) = await DoctorAsync(scratch, ["--repository", root]);

        Assert.Equal(1, code);
        Assert.Contains(lines, l => l.StartsWith("  starting a kernel: dotnet-repl runs one cell that loads LowRank.No.Such.Package " +
            "1.0.0, LowRank.dll and LowRank.Notebooks.dll, in ", StringComparison.Ordinal));
        var kernel = Line(lines, "✗ kernel");
        Assert.StartsWith("✗ kernel: the kernel started, but the cell's #r \"nuget:\" lines failed: ", kernel, StringComparison.Ordinal);
        // NU1101 (no such package) with a network, NU1301 (no source reachable) without: either is a NuGet error.
        Assert.Matches("error NU1(101|301)", kernel);
        Assert.EndsWith(" — connect to a network that reaches NuGet and run the doctor again, or copy the NuGet cache " +
            "(~/.nuget/packages; Windows: %USERPROFILE%\\.nuget\\packages) of a machine that ran the workbook onto this one", kernel,
                StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("extra", "'extra': doctor takes no operands, only --repository PATH.")]
    [InlineData("--jobs", "'--jobs' is not an option of doctor; it takes --repository PATH.")]
    [InlineData("--repository", "'--repository' needs a value: --repository PATH.")]
    public async Task A_bad_argument_prints_the_problem_and_the_usage_and_exits_2(string argument, string problem)
    {
        using var scratch = new Scratch();
        var (code, output) = await WorkbookCommand.RunAsync(Repository.Root, ["doctor", argument], scratch.Artifacts, Bound);

        Assert.Equal(2, code);
        Assert.Contains($"workbook: {problem}", output, StringComparison.Ordinal);
        Assert.Contains("doctor [--repository PATH]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Checking that the notebooks", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_that_is_not_a_folder_is_refused_before_any_check()
    {
        using var scratch = new Scratch();
        var missing = scratch.PathOf("no-such-folder");

        var (code, output) = await WorkbookCommand.RunAsync(Repository.Root, ["doctor", "--repository", missing], scratch.Artifacts, Bound);

        Assert.Equal(2, code);
        Assert.Contains($"workbook: '--repository {missing}': there is no such folder.", output, StringComparison.Ordinal);
    }

    // Copies a folder's files, leaving out build output (bin/, obj/).
    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(from, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
