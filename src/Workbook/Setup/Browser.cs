namespace Workbook.Setup;

/// <summary>
/// Finds a Chromium-family browser for the offline chart checks. Installing one is the machine's set-up (.ci/run does
/// it on Debian), not the workbook's: without one, <see cref="Missing"/> says what to install.
/// </summary>
internal static class Browser
{
    /// <summary>The environment variable that names the browser to use, overriding the search.</summary>
    public const string Variable = "LOWRANK_BROWSER";

    /// <summary>The places searched, in order, on this operating system.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        if (OperatingSystem.IsWindows())
        {
            return WindowsCandidates();
        }
        if (OperatingSystem.IsMacOS())
        {
            return
            [
                "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                "/Applications/Chromium.app/Contents/MacOS/Chromium",
                "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            ];
        }
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge" }
            .SelectMany(program => path.Select(folder => Path.Combine(folder, program)))
            .ToArray();
    }

    /// <summary>The browser named by <see cref="Variable"/>, else the first candidate that exists, else null.</summary>
    /// <exception cref="FileNotFoundException"><see cref="Variable"/> names a file that does not exist.</exception>
    public static string? Find()
    {
        var named = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            return File.Exists(named)
                ? named
                : throw new FileNotFoundException($"{Variable} is set to '{named}', but there is no such file.", named);
        }
        return Candidates().FirstOrDefault(File.Exists);
    }

    /// <summary>What to do when <see cref="Find"/> finds nothing: which browsers to install, or which variable to set.</summary>
    public static string Missing =>
        $"The chart tests open the executed notebooks in a headless Chromium-family browser, and none was found. {HowToGetOne} Searched: " +
            $"{string.Join(", ", Candidates())}";

    /// <summary>Which browsers to install, or which variable to set, for <see cref="Find"/> to find one.</summary>
    public static string HowToGetOne =>
        "Install Chromium, Google Chrome or Microsoft Edge (Debian: sudo apt-get install chromium; Ubuntu, whose chromium is a snap: " +
            "Google Chrome), " +
        $"or set {Variable} to the browser's executable.";

    private static string[] WindowsCandidates() =>
        new[] { "ProgramFiles", "ProgramFiles(x86)", "LocalAppData" }
            .Select(Environment.GetEnvironmentVariable)
            .OfType<string>()
            .SelectMany(root => new[]
            {
                Path.Combine(root, "Microsoft", "Edge", "Application", "msedge.exe"),
                Path.Combine(root, "Google", "Chrome", "Application", "chrome.exe"),
                Path.Combine(root, "Chromium", "Application", "chrome.exe"),
            })
            .ToArray();
}
