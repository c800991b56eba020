using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// Square grey-level images with their classes: one column of <see cref="Images"/> per image (its pixels row by row),
/// the layout in which a layer computes W·X for a whole batch at once.
/// </summary>
public sealed record LabelledImages
{
    /// <summary>Images and labels, checked and copied.</summary>
    /// <param name="images">pixels×n, one image per column, every entry finite; pixels must be a square (64 for 8×8), and n at
    /// least 1.</param>
    /// <param name="labels">The n classes, each from 0 to <paramref name="classes"/> − 1.</param>
    /// <param name="classes">The number of classes, at least 2.</param>
    public LabelledImages(Matrix<float> images, IReadOnlyList<int> labels, int classes)
    {
        Guard.Finite(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 2)
        {
            throw Guard.OutOfRange(nameof(classes), $"{nameof(classes)} must be at least 2, but was {classes}.");
        }
        if (images.RowCount == 0 || images.ColumnCount == 0)
        {
            throw Guard.Invalid(nameof(images),
                $"{nameof(images)} must hold at least one image of at least one pixel, but is {Guard.Shape(images)}.");
        }
        var side = (int)Math.Round(Math.Sqrt(images.RowCount));
        if (side * side != images.RowCount)
        {
            throw Guard.Invalid(nameof(images),
                $"{nameof(images)} must have a square number of rows (the pixels of a square image, 64 for 8x8), "
                + $"but has {images.RowCount}.");
        }
        if (labels.Count != images.ColumnCount)
        {
            throw Guard.Invalid(nameof(labels),
                $"{nameof(labels)} must hold one class per image, {images.ColumnCount}, but holds {labels.Count}.");
        }
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
            {
                throw Guard.Invalid(nameof(labels), $"{nameof(labels)}[{i}] must be from 0 to {classes - 1}, but was {labels[i]}.");
            }
        }
        Images = images.Clone();
        Labels = Array.AsReadOnly(labels.ToArray());
        Classes = classes;
        Side = side;
    }

    /// <summary>pixels×n: image j is column j, its pixels row by row from the top left.</summary>
    public Matrix<float> Images { get; }

    /// <summary>The class of each image, 0 to <see cref="Classes"/> − 1.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>The width and height of an image in pixels.</summary>
    public int Side { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Count;

    /// <summary>The images at the given positions, in that order, as <c>images[indices]</c> picks rows in PyTorch.</summary>
    /// <param name="indices">Positions from 0 to <see cref="Count"/> − 1; at least one.</param>
    /// <returns>New images and labels.</returns>
    public LabelledImages Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0)
        {
            throw Guard.Invalid(nameof(indices), $"{nameof(indices)} must name at least one image, but is empty.");
        }
        for (var i = 0; i < indices.Count; i++)
        {
            if (indices[i] < 0 || indices[i] >= Count)
            {
                throw Guard.OutOfRange(nameof(indices), $"{nameof(indices)}[{i}] must be from 0 to {Count - 1}, but was {indices[i]}.");
            }
        }
        var images = Matrix<float>.Build.Dense(Images.RowCount, indices.Count, (p, j) => Images.At(p, indices[j]));
        return new LabelledImages(images, indices.Select(i => Labels[i]).ToArray(), Classes);
    }

    /// <summary>Every image mirrored left to right (<c>images.view(-1, 8, 8).flip(-1)</c>), with the same labels.</summary>
    /// <returns>New images.</returns>
    public LabelledImages Mirrored() => Remap((row, column) => (row * Side) + (Side - 1 - column));

    /// <summary>Every image turned upside down, its rows in reverse order (<c>images.view(-1, 8, 8).flip(-2)</c>), with the
    /// same labels.</summary>
    /// <returns>New images.</returns>
    public LabelledImages UpsideDown() => Remap((row, column) => ((Side - 1 - row) * Side) + column);

    private LabelledImages Remap(Func<int, int, int> source)
    {
        var images = Matrix<float>.Build.Dense(Images.RowCount, Count, (p, j) => Images.At(source(p / Side, p % Side), j));
        return new LabelledImages(images, Labels, Classes);
    }
}
