using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The pictures the notebooks compress, embedded in the library so every notebook, solution and app reads the same bytes.
/// </summary>
public static class Pictures
{
    /// <summary>The logical name of the embedded <c>notebooks/data/camera-128.pgm</c>.</summary>
    internal const string CameraResource = "LowRank.camera-128.pgm";

    /// <summary>
    /// scikit-image's <c>camera</c> photograph (Lav Varshney, CC0), 512×512 averaged down to 128×128 grey levels 0–255:
    /// <c>notebooks/data/camera-128.pgm</c> (its README gives the source and conversion), read with <see cref="Pgm.Read(Stream, string)"/>.
    /// </summary>
    /// <returns>A new 128×128 matrix, row 0 the top of the picture.</returns>
    public static Matrix<double> Camera()
    {
        using var stream = typeof(Pictures).Assembly.GetManifestResourceStream(CameraResource)
            ?? throw new InvalidOperationException(
                $"LowRank.dll embeds no {CameraResource}: build it from a checkout that has notebooks/data/camera-128.pgm.");
        return Pgm.Read(stream, "camera-128.pgm");
    }
}
