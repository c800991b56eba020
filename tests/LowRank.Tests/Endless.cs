namespace LowRank.Tests;

/// <summary>Sequences that never end, as a notebook's generator without a stop condition produces them.</summary>
internal static class Endless
{
    public static IEnumerable<T> Of<T>(T item)
    {
        while (true)
        {
            yield return item;
        }
    }
}
