namespace LowRank;

/// <summary>
/// The verdict of one exercise check: whether the learner's answer is right, and the one line the check printed.
/// </summary>
/// <remarks>
/// A message starts with exactly <c>✓ </c> when passed and <c>✗ not yet: </c> otherwise, so tools that read the printed
/// output (the workbook's exercise tests) can tell the two apart without parsing the rest.
/// </remarks>
public sealed record CheckResult
{
    /// <summary>The prefix of every passed check's message.</summary>
    public const string PassedPrefix = "✓ ";

    /// <summary>The prefix of every failed check's message.</summary>
    public const string NotYetPrefix = "✗ not yet: ";

    /// <summary>Creates a verdict; the message must start with the prefix that matches <paramref name="passed"/>.</summary>
    /// <param name="passed">True when the answer is right.</param>
    /// <param name="message">The line shown to the learner, starting with <see cref="PassedPrefix"/> or <see cref="NotYetPrefix"/>.</param>
    public CheckResult(bool passed, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var prefix = passed ? PassedPrefix : NotYetPrefix;
        if (!message.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"message must start with \"{prefix}\" when passed is {passed}, but was \"{message}\".", nameof(message));
        }
        Passed = passed;
        Message = message;
    }

    /// <summary>True when the answer is right.</summary>
    public bool Passed { get; }

    /// <summary>The line the check printed.</summary>
    public string Message { get; }

    /// <summary>The message, so a notebook that shows the result shows the same line the check printed.</summary>
    public override string ToString() => Message;
}
