using Workbook;

namespace Workbook.Tests;

/// <summary>LOWRANK_ARTIFACTS moves the artifacts root out of the checkout; unset or empty, it is the checkout's artifacts/.</summary>
[Trait(Speed.Name, Speed.Fast)]
public sealed class ArtifactsFolderTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "checkout");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Unset_or_empty_is_the_checkouts_artifacts_folder(string? variable) =>
        Assert.Equal(Path.Combine(Root, "artifacts"), Repository.ArtifactsFolder(Root, variable));

    [Fact]
    public void A_full_path_is_used_as_it_is()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "elsewhere", "artifacts");
        Assert.Equal(elsewhere, Repository.ArtifactsFolder(Root, elsewhere));
    }

    [Fact]
    public void A_relative_path_is_taken_from_the_current_folder_not_the_checkout() =>
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "out"), Repository.ArtifactsFolder(Root, "out"));

    [Fact]
    public void A_missing_root_is_refused_by_name()
    {
        var exception = Assert.Throws<ArgumentException>(() => Repository.ArtifactsFolder(" ", "x"));
        Assert.Equal("root", exception.ParamName);
    }
}
