using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace LowRank;

/// <summary>
/// Times a computation in a notebook cell: untimed warm-up runs first, then the median of several timed runs, so that
/// neither the first calls (compiled by the JIT, caches cold) nor one run slowed by another process decides the result.
/// </summary>
public static class Timing
{
    /// <summary>
    /// The most timed runs, and the most warm-up runs, <see cref="MedianSeconds(Action, int, int)"/> takes: a median of
    /// 10,000 runs is as steady as a timing gets on a shared machine, and more only keep the caller waiting (int.MaxValue
    /// repetitions would also need 16 GB for their times).
    /// </summary>
    public const int MaxRuns = 10_000;

    /// <summary>The median, in seconds, of <paramref name="repetitions"/> timed runs of <paramref name="action"/> after <paramref
    /// name="warmUps"/> untimed ones.</summary>
    /// <param name="action">The computation to time; it runs <paramref name="warmUps"/> + <paramref name="repetitions"/> times.</param>
    /// <param name="repetitions">Timed runs, 1 to <see cref="MaxRuns"/>; with an even number the median is the mean of the middle
    /// two.</param>
    /// <param name="warmUps">Untimed runs before them, 0 to <see cref="MaxRuns"/>.</param>
    /// <returns>The median of the timed runs' wall-clock seconds.</returns>
    public static double MedianSeconds(Action action, int repetitions = 5, int warmUps = 1) =>
        MedianSeconds(action, repetitions, warmUps, Stopwatch.GetTimestamp, Stopwatch.Frequency);

    // The clock is a parameter so the tests can check what is measured and how it is reduced without timing anything.
    internal static double MedianSeconds(Action action, int repetitions, int warmUps, Func<long> clock, long ticksPerSecond)
    {
        ArgumentNullException.ThrowIfNull(action);
        InRange(repetitions, 1);
        InRange(warmUps, 0);
        for (var i = 0; i < warmUps; i++)
        {
            action();
        }
        var seconds = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var start = clock();
            action();
            seconds[i] = (double)(clock() - start) / ticksPerSecond;
        }
        Array.Sort(seconds);
        var middle = repetitions / 2;
        return repetitions % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2;
    }

    private static void InRange(int value, int least, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value < least || value > MaxRuns)
        {
            throw Guard.OutOfRange(name,
                $"{name} must be between {least} and {MaxRuns}, but was {value}: " +
                    $"a median of {MaxRuns} runs is already as steady as a timing gets.");
        }
    }
}
