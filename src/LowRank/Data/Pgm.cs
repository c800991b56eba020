using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Reads greyscale pictures in binary PGM (Netpbm <c>P5</c>, one byte per pixel), the simplest format a picture can be
/// stored in without an image library: a text header "P5 width height maxval", then the pixels row by row.
/// </summary>
public static class Pgm
{
    // A header is four tokens and a few comments; more than this is not a PGM header.
    private const int MaxHeaderBytes = 4096;

    /// <summary>Reads the PGM file at <paramref name="path"/> as a height×width matrix of grey levels 0…maxval, row 0 on top.</summary>
    /// <param name="path">A binary PGM file: <c>P5</c>, width and height ≥ 1, maxval 1…255, exactly width·height pixels.</param>
    /// <returns>The grey levels as doubles, e.g. 0 (black) to 255 (white).</returns>
    public static Matrix<double> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"path names no file: {path} (full path {Path.GetFullPath(path)}).", nameof(path));
        }
        return Parse(File.ReadAllBytes(path), path, nameof(path));
    }

    /// <summary>Reads a binary PGM from <paramref name="stream"/>; <paramref name="name"/> names it in error messages.</summary>
    /// <param name="stream">The PGM's bytes, read to the end.</param>
    /// <param name="name">What the stream is, e.g. its file name.</param>
    /// <returns>The grey levels as a height×width matrix of doubles, row 0 on top.</returns>
    public static Matrix<double> Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!stream.CanRead)
        {
            throw new ArgumentException($"stream cannot be read (CanRead is false), so it holds no PGM to read: {name}.", nameof(stream));
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Parse(copy.ToArray(), name, nameof(stream));
    }

    // A bad file is a bad argument: the exception names the parameter that brought it, and the message the file.
    internal static Matrix<double> Parse(byte[] bytes, string name, string parameter)
    {
        var at = 0;
        ArgumentException Bad(string problem) => new($"The PGM file {name} {problem}.", parameter);
        var magic = Token(bytes, ref at, Bad, "magic number P5");
        if (magic != "P5")
        {
            throw Bad(magic is "P2"
                ? "is an ASCII PGM (P2); only binary PGM (P5) is read. Convert it, e.g. with Pillow: Image.open(f).save(g) writes P5."
                : $"does not start with P5 (binary PGM) but with \"{magic}\"");
        }
        var width = Number(bytes, ref at, Bad, "width", 1, 1 << 15);
        var height = Number(bytes, ref at, Bad, "height", 1, 1 << 15);
        var maxval = Number(bytes, ref at, Bad, "maxval", 1, 255);
        // Exactly one whitespace byte separates maxval from the pixels, which may themselves be whitespace bytes.
        if (at >= bytes.Length || !IsSpace(bytes[at]))
        {
            throw Bad("has no whitespace after maxval, where its pixels should start");
        }
        at++;
        var pixels = (long)width * height;
        if (bytes.Length - at != pixels)
        {
            throw Bad($"has {bytes.Length - at} bytes of pixels, but its header says {width}×{height} = {pixels}");
        }
        var grey = Matrix<double>.Build.Dense(height, width);
        for (var row = 0; row < height; row++)
        {
            for (var col = 0; col < width; col++)
            {
                var value = bytes[at + row * width + col];
                if (value > maxval)
                {
                    throw Bad($"has pixel [{row}, {col}] = {value}, above its maxval {maxval}");
                }
                grey[row, col] = value;
            }
        }
        return grey;
    }

    private static int Number(byte[] bytes, ref int at, Func<string, ArgumentException> bad, string what, int min, int max)
    {
        var token = Token(bytes, ref at, bad, what);
        if (!int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw bad($"has {what} \"{token}\", but it must be a whole number from {min} to {max}");
        }
        return value;
    }

    // The next header token, skipping whitespace and # comments that run to the end of their line.
    private static string Token(byte[] bytes, ref int at, Func<string, ArgumentException> bad, string what)
    {
        while (at < bytes.Length && at < MaxHeaderBytes && (IsSpace(bytes[at]) || bytes[at] == (byte)'#'))
        {
            if (bytes[at] == (byte)'#')
            {
                while (at < bytes.Length && bytes[at] != (byte)'\n' && bytes[at] != (byte)'\r')
                {
                    at++;
                }
            }
            else
            {
                at++;
            }
        }
        var start = at;
        while (at < bytes.Length && at < MaxHeaderBytes && !IsSpace(bytes[at]) && bytes[at] != (byte)'#')
        {
            at++;
        }
        if (at == start)
        {
            throw bad(at >= bytes.Length ? $"ends before its {what}" : $"has no {what} in its first {MaxHeaderBytes} bytes");
        }
        return System.Text.Encoding.ASCII.GetString(bytes, start, at - start);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
