using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Workbook.Processes;

namespace Workbook.Setup;

/// <summary>
/// A command of a local tool pinned in a repository's <c>.config/dotnet-tools.json</c>, resolved to its entry point in
/// the NuGet cache. <c>dotnet tool run</c> looks for the manifest from the current folder up and has no option to name
/// it, so a notebook outside the checkout (run from its own folder, for its relative <c>#r</c> paths) would not find
/// the repository's tools; starting the resolved entry point works from any folder and keeps the pinned version.
/// </summary>
/// <param name="FileName">The program to start (<c>dotnet</c> for a framework-dependent tool).</param>
/// <param name="Arguments">The arguments that come before the tool's own.</param>
internal sealed record LocalTool(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The tool's package in the NuGet cache (…/dotnet-repl/0.3.259); deleting it and restoring again
    /// replaces a damaged copy.</summary>
    public string? PackageFolder { get; init; }

    /// <summary>Where a repository pins its local tools, relative to its root.</summary>
    public static readonly string ManifestPath = Path.Combine(".config", "dotnet-tools.json");

    /// <summary>How long restoring the local tools may take; a first restore downloads them, so it gets a limit of its own.</summary>
    public static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Restores every tool the manifest under <paramref name="root"/> pins (dotnet-repl, dotnet-interactive)
    /// into the NuGet cache.</summary>
    /// <exception cref="InvalidOperationException">The restore failed or ran out of time.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task RestoreAsync(string root, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var result = await ProcessRunner.RunAsync(
            "dotnet", ["tool", "restore"], root, RestoreTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet tool restore' failed in {root}:\n{result.Output}");
        }
    }

    /// <summary>Resolves <paramref name="command"/> as the tool manifest under <paramref name="root"/> pins it; the
    /// tools must be restored.</summary>
    /// <exception cref="InvalidOperationException">The manifest does not pin it, or the pinned version is not in the
    /// NuGet cache.</exception>
    public static async Task<LocalTool> ResolveAsync(string root, string command, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var manifest = Path.Combine(root, ManifestPath);
        var (package, version) = Pinned(root, manifest, command);
        var cache = await PackagesFolderAsync(root, cancellationToken).ConfigureAwait(false);
        var folder = Path.Combine(cache, package.ToLowerInvariant(), version.ToLowerInvariant());
        var tools = Path.Combine(folder, "tools");
        var entryPoint = EntryPoint(tools, command) ?? throw new InvalidOperationException(
            $"{command} {version} is pinned in {manifest}, but {tools} has no entry point for it for .NET {Environment.Version.Major}: " +
                $"run 'dotnet tool restore' in {root}.");
        return new LocalTool("dotnet", ["exec", entryPoint]) { PackageFolder = folder };
    }

    /// <summary>Every tool the manifest under <paramref name="root"/> pins, in its order.</summary>
    /// <exception cref="InvalidOperationException">There is no manifest, or it is not valid JSON.</exception>
    public static IReadOnlyList<PinnedTool> PinnedIn(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var manifest = Path.Combine(root, ManifestPath);
        if (!File.Exists(manifest))
        {
            throw new InvalidOperationException($"There is no tool manifest at {manifest}, so no tool is pinned.");
        }
        JsonObject tools;
        try
        {
            tools = JsonNode.Parse(File.ReadAllText(manifest))?["tools"]?.AsObject() ?? [];
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidOperationException($"{manifest} is not valid JSON: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        return tools
            .Select(t => (Package: t.Key, Version: (string?)t.Value?["version"], Commands: t.Value?["commands"] as JsonArray ?? []))
            .Where(t => t.Version is not null)
            .Select(t => new PinnedTool(t.Package, t.Version!, [.. t.Commands.Select(c => (string?)c).OfType<string>()]))
            .ToArray();
    }

    private static (string Package, string Version) Pinned(string root, string manifest, string command)
    {
        if (!File.Exists(manifest))
        {
            throw new InvalidOperationException($"There is no tool manifest at {manifest}, so {command} is not pinned.");
        }
        return PinnedIn(root).FirstOrDefault(t => t.Commands.Contains(command, StringComparer.Ordinal)) is { } tool
            ? (tool.Package, tool.Version)
            : throw new InvalidOperationException($"{manifest} pins no tool with the command {command}.");
    }

    // NUGET_PACKAGES overrides the folder, and a NuGet.Config may move it; `dotnet nuget locals` knows both.
    private static async Task<string> PackagesFolderAsync(string root, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } variable)
        {
            return variable;
        }
        var result = await ProcessRunner.RunAsync(
            "dotnet", ["nuget", "locals", "global-packages", "--list"], root, TimeSpan.FromMinutes(1),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        const string prefix = "global-packages:";
        var line = result.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is not null && result.ExitCode == 0
            ? line[prefix.Length..].Trim()
            : throw new InvalidOperationException($"'dotnet nuget locals global-packages --list' did not name the NuGet " +
                $"cache:\n{result.Output}");
    }

    // tools/<framework>/<runtime>/DotnetToolSettings.xml names the entry point; the newest framework this runtime runs wins.
    private static string? EntryPoint(string tools, string command)
    {
        if (!Directory.Exists(tools))
        {
            return null;
        }
        return Directory.GetFiles(tools, "DotnetToolSettings.xml", SearchOption.AllDirectories)
            .Select(settings => (Settings: settings, Framework: FrameworkVersion(settings, tools)))
            .Where(s => s.Framework is not null && s.Framework.Major <= Environment.Version.Major)
            .OrderByDescending(s => s.Framework)
            .Select(s => EntryPointIn(s.Settings, command))
            .FirstOrDefault(path => path is not null && File.Exists(path));
    }

    private static Version? FrameworkVersion(string settings, string tools)
    {
        var framework = Path.GetRelativePath(tools, settings).Split(Path.DirectorySeparatorChar)[0];
        return framework.StartsWith("net", StringComparison.Ordinal)
            && Version.TryParse(framework[3..].Replace("coreapp", "", StringComparison.Ordinal), out var version)
            && version.Major > 0
            ? version
            : null;
    }

    private static string? EntryPointIn(string settings, string command)
    {
        var entry = XDocument.Load(settings).Descendants()
            .Where(e => e.Name.LocalName == "Command" && (string?)e.Attribute("Name") == command)
            .Select(e => (string?)e.Attribute("EntryPoint"))
            .FirstOrDefault();
        return entry is null ? null : Path.Combine(Path.GetDirectoryName(settings)!, entry);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FileName} {string.Join(' ', Arguments)}");
}

/// <summary>A tool as a repository's <c>.config/dotnet-tools.json</c> pins it.</summary>
/// <param name="Package">The package id, e.g. <c>dotnet-repl</c>.</param>
/// <param name="Version">The exact version.</param>
/// <param name="Commands">The commands it provides; the first is how <see cref="LocalTool.ResolveAsync"/> finds it.</param>
internal sealed record PinnedTool(string Package, string Version, IReadOnlyList<string> Commands)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Package} {Version}";
}
