using System.Globalization;
using System.Runtime.CompilerServices;

namespace LowRank;

/// <summary>
/// An exception message written as an interpolated string and formatted culture-invariantly, so numbers read
/// "-0.5" under every culture. Unlike <see cref="FormattableString"/> it takes <c>$"..." + $"..."</c>, so a long
/// message can be split over lines.
/// </summary>
[InterpolatedStringHandler]
internal ref struct InvariantMessage
{
    private DefaultInterpolatedStringHandler text;

    public InvariantMessage(int literalLength, int formattedCount) =>
        text = new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture);

    public void AppendLiteral(string value) => text.AppendLiteral(value);

    public void AppendFormatted<TValue>(TValue value) => text.AppendFormatted(value);

    public void AppendFormatted<TValue>(TValue value, string? format) => text.AppendFormatted(value, format);

    public void AppendFormatted<TValue>(TValue value, int alignment) => text.AppendFormatted(value, alignment);

    public void AppendFormatted<TValue>(TValue value, int alignment, string? format) => text.AppendFormatted(value, alignment, format);

    /// <summary>The message; call once.</summary>
    public override string ToString() => text.ToStringAndClear();
}
