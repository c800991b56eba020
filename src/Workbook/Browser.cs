namespace Workbook;

/// <summary>
/// Finds a Chromium-family browser for the offline chart checks, and on Debian-like Linux as root installs Debian's
/// chromium package when none is there, so the test command needs no set-up step of its own.
/// </summary>
public static class Browser
{
    /// <summary>The environment variable that names the browser to use, overriding the search.</summary>
    public const string Variable = "LOWRANK_BROWSER";

    /// <summary>The places searched, in order, on this operating system.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var names = new List<string>();
        if (OperatingSystem.IsWindows())
        {
            foreach (var root in new[] { "ProgramFiles", "ProgramFiles(x86)", "LocalAppData" }.Select(Environment.GetEnvironmentVariable).OfType<string>())
            {
                names.Add(Path.Combine(root, "Microsoft", "Edge", "Application", "msedge.exe"));
                names.Add(Path.Combine(root, "Google", "Chrome", "Application", "chrome.exe"));
                names.Add(Path.Combine(root, "Chromium", "Application", "chrome.exe"));
            }
        }
        else if (OperatingSystem.IsMacOS())
        {
            names.Add("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
            names.Add("/Applications/Chromium.app/Contents/MacOS/Chromium");
            names.Add("/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge");
        }
        else
        {
            var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            foreach (var program in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge" })
            {
                names.AddRange(path.Select(folder => Path.Combine(folder, program)));
            }
        }
        return names;
    }

    /// <summary>The browser named by <see cref="Variable"/>, else the first candidate that exists, else null.</summary>
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

    /// <summary>Finds a browser, installing Debian's chromium when that is possible here; otherwise explains what to install.</summary>
    public static async Task<string> EnsureAsync(Action<string> log)
    {
        if (Find() is { } found)
        {
            return found;
        }
        if (OperatingSystem.IsLinux() && File.Exists("/usr/bin/apt-get") && IsRoot())
        {
            log("No Chromium-family browser found: installing Debian's chromium package (apt-get) for the offline chart checks...");
            var timeout = TimeSpan.FromMinutes(10);
            var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            var update = await ProcessRunner.RunAsync("apt-get", ["update", "-qq"], "/", timeout, environment: environment).ConfigureAwait(false);
            var install = await ProcessRunner.RunAsync("apt-get", ["install", "-y", "-qq", "chromium"], "/", timeout, environment: environment).ConfigureAwait(false);
            if (Find() is { } installed)
            {
                return installed;
            }
            throw new InvalidOperationException($"Installing chromium failed:\n{update.Output}\n{install.Output}");
        }
        throw new InvalidOperationException(
            "The chart tests open the executed notebooks in a headless Chromium-family browser, and none was found. " +
            "Install Chromium, Google Chrome or Microsoft Edge (Debian/Ubuntu: sudo apt-get install chromium), " +
            $"or set {Variable} to the browser's executable. Searched: {string.Join(", ", Candidates())}");
    }

    private static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.UserName == "root";
}
