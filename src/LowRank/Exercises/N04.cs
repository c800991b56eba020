using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The checks of the notebooks' "Your turn" exercises, one nested class per notebook. Each computes its expected value
/// from the notebook's own seeds, so the notebook never shows it.
/// </summary>
public static partial class Exercises
{
    /// <summary>Notebook 4, choosing the rank: the rank-2 W of seed 0 and the noise drawn after it.</summary>
    public static class N04
    {
        private const double Tolerance = 1e-3;

        /// <summary>Exercise 1: the largest noise level s at which the rank-2 truncation of W + s·noise keeps 99.9 % of its
        /// energy.</summary>
        /// <param name="answer">The learner's s; null while not yet answered.</param>
        /// <returns>The verdict, also printed.</returns>
        public static CheckResult LargestNoiseLevel(double? answer) =>
            Check.Close("the largest noise level at which rank 2 keeps 99.9 % of the energy", answer, LargestNoiseLevelKeeping(0.999),
                Tolerance);

        /// <summary>Exercise 2: ‖M − B₂A₂‖_F ÷ ‖M‖_F for M = W + 1·noise, the rank-2 truncation's relative error.</summary>
        /// <param name="answer">The learner's relative error; null while not yet answered.</param>
        /// <returns>The verdict, also printed.</returns>
        public static CheckResult RelativeErrorAtRank2(double? answer)
        {
            var (w, noise) = Matrices();
            return Check.Close("the relative error at r = 2 with noise 1", answer, RankSweep.Of(w + 1f * noise)[1].RelativeError,
                Tolerance);
        }

        // The notebook's draws, in its order: W = randn(10, 2)·randn(2, 10), then noise = randn(10, 10).
        private static (Matrix<float> W, Matrix<float> Noise) Matrices()
        {
            var generator = new TorchGenerator(seed: 0);
            var w = generator.Randn(10, 2) * generator.Randn(2, 10);
            return (w, generator.Randn(10, 10));
        }

        // Bisection between s = 0 (W itself, all energy in rank 2) and the notebook's 0.1, where rank 2 keeps 99.59 %:
        // the share rank 2 keeps falls as the noise grows, so the crossing is the largest s that still keeps enough.
        private static double LargestNoiseLevelKeeping(double share)
        {
            var (w, noise) = Matrices();
            double keeps = 0, losses = 0.1;
            for (var i = 0; i < 40; i++)
            {
                var s = (keeps + losses) / 2;
                if (RankSweep.Of(w + (float)s * noise)[1].EnergyKept >= share)
                {
                    keeps = s;
                }
                else
                {
                    losses = s;
                }
            }
            return keeps;
        }
    }
}
