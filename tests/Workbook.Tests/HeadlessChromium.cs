using Workbook;

namespace Workbook.Tests;

/// <summary>Loads a local page in headless Chromium with every network request refused, and returns the DOM it built.</summary>
internal static class HeadlessChromium
{
    /// <param name="browser">The browser's executable.</param>
    /// <param name="page">A local file's full path, or its file:// address, which may carry a #fragment for the page's scripts.</param>
    public static async Task<string> DumpDomAsync(string browser, string page)
    {
        var address = new Uri(page);
        var folder = Path.GetDirectoryName(address.LocalPath)!;
        var profile = Directory.CreateTempSubdirectory("lowrank-chromium-");
        try
        {
            var result = await ProcessRunner.RunAsync(
                browser,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-quic",
                    "--disable-background-networking", "--disable-component-update", "--disable-extensions",
                    // Any host name fails to resolve, so a chart that needed the CDN would stay blank.
                    "--host-resolver-rules=MAP * ~NOTFOUND",
                    $"--user-data-dir={profile.FullName}",
                    "--virtual-time-budget=10000",
                    "--dump-dom",
                    address.AbsoluteUri,
                ],
                folder,
                TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, $"{browser} exited with " +
                $"{result.ExitCode}:\n{result.Output[..Math.Min(4000, result.Output.Length)]}");
            return result.Output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
