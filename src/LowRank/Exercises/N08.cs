namespace LowRank;

public static partial class Exercises
{
    /// <summary>Notebook 8, compressing a picture: the 128×128 camera photograph and a 128×128 Gaussian matrix of seed 0.</summary>
    public static class N08
    {
        /// <summary>
        /// Exercise 1: ‖P − P₂₀‖_F ÷ ‖P‖_F, the relative error of the picture's rank-20 truncation, within 1e-4 relative.
        /// </summary>
        /// <param name="answer">The learner's relative error, a fraction; null while not yet answered.</param>
        /// <returns>The verdict, also printed.</returns>
        public static CheckResult RelativeErrorAtRank20(double? answer) =>
            Check.Close("the relative error at r = 20", answer, RankSweep.Of(Pictures.Camera())[19].RelativeError, relativeTolerance: 1e-4);

        /// <summary>
        /// Exercise 2: the smallest rank at which a 128×128 Gaussian matrix (<c>torch.manual_seed(0); torch.randn(128, 128)</c>,
        /// taken to double) has a relative error of at most 10 %, where the picture needs 12.
        /// </summary>
        /// <param name="answer">The learner's rank; null while not yet answered.</param>
        /// <returns>The verdict, also printed.</returns>
        public static CheckResult NoiseRankForTenPercent(long? answer)
        {
            var noise = new TorchGenerator(seed: 0).Randn(128, 128).Map(v => (double)v);
            return Check.Equal("the smallest rank with relative error ≤ 10 % for noise", answer,
                RankSweep.Of(noise).First(p => p.RelativeError <= 0.1).Rank);
        }
    }
}
