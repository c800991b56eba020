using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LowRank.Tests;

/// <summary>
/// The PGM reader against hand-written files whose pixels the test spells out, and the vendored picture against what
/// Pillow reads from the same file (tests/reference/pytorch-picture.json, written by pytorch_picture.py); every bad file
/// is refused naming the file and what is wrong with it.
/// </summary>
public sealed class PgmTests : IDisposable
{
    private static readonly JsonNode Reference =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pytorch-picture.json")))!;

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lowrank-pgm-");

    public void Dispose() => folder.Delete(recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Pgm(string header, params byte[] pixels) => [.. Encoding.ASCII.GetBytes(header), .. pixels];

    [Fact]
    public void A_small_file_reads_row_by_row_with_comments_and_pixels_that_look_like_whitespace()
    {
        // 3 wide, 2 high; pixels 10 and 32 are the bytes of '\n' and ' ', which must be read as pixels, not skipped.
        var path = Write("small.pgm", Pgm("P5\n# a comment\n3 2 # another\n255\n", 0, 10, 32, 255, 128, 1));

        var grey = LowRank.Pgm.Read(path);

        Assert.Equal(2, grey.RowCount);
        Assert.Equal(3, grey.ColumnCount);
        Assert.Equal(new double[] { 0, 10, 32 }, grey.Row(0).ToArray());
        Assert.Equal(new double[] { 255, 128, 1 }, grey.Row(1).ToArray());
    }

    [Fact]
    public void Header_tokens_may_be_separated_by_any_whitespace_and_maxval_may_be_below_255()
    {
        var grey = LowRank.Pgm.Read(new MemoryStream(Pgm("P5\t1\r\n1   15\n", 15)), "tiny");

        Assert.Equal(15, grey[0, 0]);
    }

    [Fact]
    public void The_vendored_picture_is_the_file_its_README_describes_read_as_Pillow_reads_it()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "camera-128.pgm");
        Assert.Equal((string)Reference["sha256"]!, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));

        foreach (var picture in new[] { LowRank.Pgm.Read(path), Pictures.Camera() })
        {
            Assert.Equal(128, picture.RowCount);
            Assert.Equal(128, picture.ColumnCount);
            foreach (var (key, value) in Reference["pixels"]!.AsObject())
            {
                var at = key.Split(',').Select(int.Parse).ToArray();
                Assert.Equal((double)(int)value!, picture[at[0], at[1]]);
            }
            Assert.Equal((double)(int)Reference["sum"]!, picture.Enumerate().Sum());
            Assert.Equal((double)(int)Reference["min"]!, picture.Enumerate().Min());
            Assert.Equal((double)(int)Reference["max"]!, picture.Enumerate().Max());
        }
    }

    [Fact]
    public void The_picture_is_full_rank_with_PyTorchs_largest_and_smallest_singular_values()
    {
        var picture = Pictures.Camera();
        var sigma = picture.Svd(computeVectors: false).S;

        Assert.Equal((int)Reference["rank"]!, MatrixRank.Of(picture));
        Assert.Equal((double)Reference["sigma_1"]!, sigma[0], 1e-9 * sigma[0]);
        // The smallest is 3e5 times below σ₁: double's SVD leaves it about 1e-16·σ₁ ≈ 2e-12 off, far below this.
        Assert.Equal((double)Reference["sigma_128"]!, sigma[^1], 1e-8);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "magic.pgm", Pgm("P6\n1 1\n255\n", 0, 0, 0), "does not start with P5 (binary PGM) but with \"P6\"" },
        { "ascii.pgm", Pgm("P2\n1 1\n255\n7\n"), "is an ASCII PGM (P2); only binary PGM (P5) is read" },
        { "empty.pgm", [], "ends before its magic number P5" },
        { "no-height.pgm", Pgm("P5\n4"), "ends before its height" },
        { "width-0.pgm", Pgm("P5\n0 1\n255\n"), "has width \"0\", but it must be a whole number from 1 to 32768" },
        { "height-text.pgm", Pgm("P5\n1 x\n255\n", 0), "has height \"x\", but it must be a whole number from 1 to 32768" },
        { "maxval-16-bit.pgm", Pgm("P5\n1 1\n65535\n", 0, 0), "has maxval \"65535\", but it must be a whole number from 1 to 255" },
        { "maxval-0.pgm", Pgm("P5\n1 1\n0\n", 0), "has maxval \"0\", but it must be a whole number from 1 to 255" },
        { "no-separator.pgm", Pgm("P5\n1 1\n255"), "has no whitespace after maxval, where its pixels should start" },
        { "short.pgm", Pgm("P5\n2 2\n255\n", 1, 2, 3), "has 3 bytes of pixels, but its header says 2×2 = 4" },
        { "long.pgm", Pgm("P5\n1 1\n255\n", 1, 2), "has 2 bytes of pixels, but its header says 1×1 = 1" },
        { "above-maxval.pgm", Pgm("P5\n2 1\n100\n", 100, 101), "has pixel [0, 1] = 101, above its maxval 100" },
        { "long-header.pgm", Pgm("P5\n" + new string(' ', 5000) + "1 1 255\n", 0), "has no width in its first 4096 bytes" },
        // The width's "1" is byte 4095, the header's last; the "x" after it is past the limit, so the height is missing.
        { "token-at-limit.pgm", Pgm("P5\n" + new string(' ', 4092) + "1x 1 255\n", 0), "has no height in its first 4096 bytes" },
        { "comment-at-end.pgm", Pgm("P5 1 1 # no newline"), "ends before its maxval" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_is_refused_by_name_saying_what_is_wrong(string name, byte[] bytes, string problem)
    {
        var path = Write(name, bytes);

        Rejects.Throws<ArgumentException>(() => LowRank.Pgm.Read(path), "path", $"The PGM file {path} {problem}.");
        Rejects.Throws<ArgumentException>(() => LowRank.Pgm.Read(new MemoryStream(bytes), name), "stream",
            $"The PGM file {name} {problem}.");
    }

    [Fact]
    public void A_missing_file_an_empty_path_and_null_arguments_are_refused_by_name()
    {
        var missing = Path.Combine(folder.FullName, "missing.pgm");
        Rejects.Throws<ArgumentException>(() => LowRank.Pgm.Read(missing), "path", $"path names no file: {missing}");
        Rejects.Throws<ArgumentException>(() => LowRank.Pgm.Read(" "), "path");
        Rejects.Throws<ArgumentNullException>(() => LowRank.Pgm.Read((string)null!), "path");
        Rejects.Throws<ArgumentNullException>(() => LowRank.Pgm.Read(null!, "x"), "stream");
        Rejects.Throws<ArgumentException>(() => LowRank.Pgm.Read(new MemoryStream(), ""), "name");
        var closed = new MemoryStream(Pgm("P5 1 1 255\n", 7));
        closed.Dispose();
        Rejects.Throws<ArgumentException>(() => LowRank.Pgm.Read(closed, "closed.pgm"), "stream",
            "stream cannot be read (CanRead is false), so it holds no PGM to read: closed.pgm.");
    }
}
