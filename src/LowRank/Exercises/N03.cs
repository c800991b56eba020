namespace LowRank;

public static partial class Exercises
{
    /// <summary>The exercises of notebook 3, same outputs with fewer parameters.</summary>
    public static class N03
    {
        /// <summary>Exercise 1: the smallest rank at which B and A hold at least as many numbers as a 4096 × 11008 W.</summary>
        public static CheckResult BreakEvenRank(long? answer) =>
            Check.Equal("the break-even rank of a 4096 × 11008 layer", answer,
                Enumerable.Range(1, 4096).First(r => ParameterCount.Of(4096, 11008, r).Saved <= 0));

        /// <summary>Exercise 2: the numbers Adam keeps for rank-8 adapters on the seven matrices of each of 32 layers.</summary>
        public static CheckResult AdamNumbers(long? answer) =>
            // Parameter, gradient and Adam's two running averages: four numbers per trainable parameter.
            Check.Equal("the numbers Adam keeps for every adapter", answer,
                4 * 32 * (4 * ParameterCount.Of(4096, 4096, rank: 8).LowRank + 3 * ParameterCount.Of(4096, 11008, rank: 8).LowRank));
    }
}
