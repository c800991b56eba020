using System.Globalization;
using System.IO.Compression;
using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The UCI handwritten digits as scikit-learn ships them (<c>digits.csv.gz</c>: 1,797 images of 8×8 grey levels 0–16,
/// then the digit), and the seeded split into training, validation and test images that PyTorch draws the same way.
/// </summary>
public static class Digits
{
    /// <summary>Pixels of one 8×8 image.</summary>
    public const int Pixels = 64;

    /// <summary>The ten digits.</summary>
    public const int Classes = 10;

    /// <summary>The largest grey level in the file; pixels are divided by it, which is exact in float.</summary>
    public const int MaxGreyLevel = 16;

    /// <summary>
    /// The 1,797 UCI digits of <c>notebooks/data/digits.csv.gz</c>, from the copy built into this library, scaled to 0–1 as
    /// <see cref="Load(string)"/> reads them, so a notebook, its app and an exercise check find them from any folder.
    /// </summary>
    /// <returns>One column per image, in the file's order.</returns>
    public static LabelledImages Load()
    {
        using var resource = typeof(Digits).Assembly.GetManifestResourceStream("LowRank.digits.csv.gz")
            ?? throw new InvalidOperationException("LowRank.dll was built without its copy of notebooks/data/digits.csv.gz.");
        return Read(resource, "the built-in digits.csv.gz");
    }

    /// <summary>
    /// Reads a gzip-compressed file of lines of 64 grey levels (0–16) and a digit (0–9), comma separated, and returns the
    /// images scaled to 0–1 (<c>torch.tensor(raw[:, :64]) / 16</c>).
    /// </summary>
    /// <param name="path">The file, e.g. <c>data/digits.csv.gz</c> beside the notebooks.</param>
    /// <returns>One column per line of the file, in the file's order.</returns>
    /// <exception cref="ArgumentException">No file is at <paramref name="path"/>, or it is not such a file; the message says
    /// which line and field is wrong.</exception>
    public static LabelledImages Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"path names no file: {path} (full path {Path.GetFullPath(path)}).", nameof(path));
        }
        // A bad file is a bad argument, as for Pgm.Read: the exception names the parameter, the message the file.
        try
        {
            using var file = File.OpenRead(path);
            return Read(file, path);
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException(e.Message, nameof(path), e);
        }
    }

    private static LabelledImages Read(Stream compressed, string source)
    {
        // GZipStream's own error for other bytes names neither the file nor gzip.
        using var bytes = new MemoryStream();
        compressed.CopyTo(bytes);
        if (bytes.Length < 2 || bytes.GetBuffer()[0] != 0x1f || bytes.GetBuffer()[1] != 0x8b)
        {
            throw new InvalidDataException($"{source} is not gzip-compressed: a .csv.gz file starts with the bytes 1f 8b.");
        }
        bytes.Position = 0;
        using var gzip = new GZipStream(bytes, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return Parse(reader, source);
    }

    internal static LabelledImages Parse(TextReader reader, string source)
    {
        var columns = new List<float[]>();
        var labels = new List<int>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var fields = line.Split(',');
            if (fields.Length != Pixels + 1)
            {
                throw new InvalidDataException(
                    $"{source}, line {lineNumber}: expected {Pixels + 1} comma-separated numbers, found {fields.Length}.");
            }
            var pixels = new float[Pixels];
            for (var p = 0; p <= Pixels; p++)
            {
                var max = p < Pixels ? MaxGreyLevel : Classes - 1;
                if (!int.TryParse(fields[p], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
                {
                    throw new InvalidDataException(
                        $"{source}, line {lineNumber}, field {p + 1}: expected an integer from 0 to {max}, found '{fields[p]}'.");
                }
                if (p < Pixels)
                {
                    pixels[p] = value / (float)MaxGreyLevel;
                }
                else
                {
                    labels.Add(value);
                }
            }
            columns.Add(pixels);
        }
        if (columns.Count == 0)
        {
            throw new InvalidDataException($"{source} holds no images.");
        }
        var images = Matrix<float>.Build.Dense(Pixels, columns.Count, (p, j) => columns[j][p]);
        return new LabelledImages(images, labels, Classes);
    }

    /// <summary>
    /// Splits the images at random into training, validation and test sets, as
    /// <c>torch.manual_seed(s); order = torch.argsort(torch.rand(n))</c> followed by slicing does: the first
    /// <paramref name="train"/> of that order train, the next <paramref name="validation"/> validate, the rest test.
    /// </summary>
    /// <param name="all">The images to split.</param>
    /// <param name="generator">The generator the sort keys are drawn from; it advances by n 32-bit draws.</param>
    /// <param name="train">How many images train, at least 1.</param>
    /// <param name="validation">How many validate, at least 1, leaving at least one image to test.</param>
    /// <returns>The three sets and the order they were cut from.</returns>
    public static DigitsSplit Split(LabelledImages all, TorchGenerator generator, int train, int validation)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(generator);
        Guard.Positive(train);
        Guard.Positive(validation);
        if ((long)train + validation >= all.Count)
        {
            throw Guard.OutOfRange(nameof(validation),
                $"{nameof(train)} + {nameof(validation)} must be less than the {all.Count} images, leaving some to test, "
                + $"but was {train} + {validation}.");
        }
        var keys = generator.Rand(all.Count).ToArray();
        // Keys are multiples of 2^-24, so two can be equal; ties then keep index order, as torch.sort(stable=True) does
        // (the reference script checks that its seed draws no ties, so its plain argsort agrees).
        var order = Enumerable.Range(0, all.Count).OrderBy(i => keys[i]).ThenBy(i => i).ToArray();
        return new DigitsSplit(
            all.Select(order[..train]),
            all.Select(order[train..(train + validation)]),
            all.Select(order[(train + validation)..]),
            Array.AsReadOnly(order));
    }
}
