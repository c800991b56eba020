using Workbook.Processes;

namespace Workbook.Setup;

/// <summary>
/// The helper library the notebooks load with <c>#r</c>: LowRank.dll and LowRank.Notebooks.dll, which the project
/// src/LowRank.Notebooks builds in Release into the folder the notebooks' relative paths name.
/// </summary>
internal static class HelperLibrary
{
    /// <summary>The project that builds both assemblies.</summary>
    public static string Project(Repository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return Path.Combine(repository.Root, "src", "LowRank.Notebooks", "LowRank.Notebooks.csproj");
    }

    /// <summary>The two assemblies, where the notebooks' <c>#r "../src/LowRank.Notebooks/bin/Release/net10.0/..."</c>
    /// lines find them.</summary>
    public static IReadOnlyList<string> Assemblies(Repository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var folder = Path.Combine(repository.Root, "src", "LowRank.Notebooks", "bin", "Release", "net10.0");
        return [Path.Combine(folder, "LowRank.dll"), Path.Combine(folder, "LowRank.Notebooks.dll")];
    }

    /// <summary>The command line that builds them, as a person would type it in the repository's folder.</summary>
    public static string BuildCommand(Repository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return $"dotnet build {Path.GetRelativePath(repository.Root, Project(repository)).Replace('\\', '/')} -c Release";
    }

    /// <summary>Builds the project in Release; the result holds the build's exit code and output.</summary>
    public static Task<ProcessResult> BuildAsync(Repository repository, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        // Compiler and MSBuild servers are meant to outlive a build, so they are not stopped.
        return ProcessRunner.RunAsync(
            "dotnet", ["build", Project(repository), "-c", "Release", "--nologo", "-v", "q"], repository.Root, TimeSpan.FromMinutes(10),
            stopLeftovers: false, cancellationToken: cancellationToken);
    }
}
