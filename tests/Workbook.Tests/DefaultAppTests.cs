using Workbook;

namespace Workbook.Tests;

/// <summary>
/// A learner's own file-based app, with none of the properties the generated apps set: .NET 10 then defaults to
/// PublishAot=true, which turns reflection-based System.Text.Json off, and the library's chart pages must still be written.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class DefaultAppTests
{
    private static readonly TimeSpan AppTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_file_based_app_with_default_settings_writes_a_chart_page()
    {
        using var scratch = new Scratch();
        var repository = Repository.Find(AppContext.BaseDirectory);
        var project = Path.Combine(repository.Root, "src", "LowRank.Notebooks", "LowRank.Notebooks.csproj");
        var folder = scratch.PathOf("my-app");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "app.cs"), $$"""
            #:project {{project}}
            using LowRank.Notebooks;

            Console.WriteLine($"reflection JSON: {System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault}");
            var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 });
            var page = AppDisplay.ForEntryPoint().Show(chart)!;
            Console.WriteLine($"page: {Path.GetFileName(page)}, {new FileInfo(page).Length} bytes");
            var drawn = ChartHtml.Fragment(chart).Contains("Plotly.newPlot", StringComparison.Ordinal);
            Console.WriteLine(drawn ? "fragment drawn" : "no fragment");

            """);

        // Release, as the test command builds the library, so the app finds it up to date.
        var result = await ProcessRunner.RunAsync("dotnet", ["run", "-c", "Release", "app.cs"], folder, AppTimeout, stopLeftovers: false);

        Assert.True(result.ExitCode == 0, $"`dotnet run app.cs` exited with {result.ExitCode}:\n{result.Output}");
        // The default this test exists for: if it ever changes, the test no longer checks what it says.
        Assert.Contains("reflection JSON: False", result.Output, StringComparison.Ordinal);
        Assert.Contains("page: chart-1.html, ", result.Output, StringComparison.Ordinal);
        Assert.Contains("fragment drawn", result.Output, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(folder, "chart-1.html"));
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"scatter\"", html, StringComparison.Ordinal);
    }
}
