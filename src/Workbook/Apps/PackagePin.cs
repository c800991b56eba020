namespace Workbook.Apps;

/// <summary>A NuGet package at an exact version, as a notebook's <c>#r "nuget: Name, Version"</c> names it.</summary>
/// <param name="Name">The package id.</param>
/// <param name="Version">The exact version.</param>
internal sealed record PackagePin(string Name, string Version)
{
    /// <summary>The file-based app directive that references the same package: <c>#:package Name@Version</c>.</summary>
    public string Directive => $"#:package {Name}@{Version}";
}
