using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The checks under the notebooks' "Your turn" exercises, one nested class per notebook (N01 for notebook 1). Each
/// computes its expected answer from the seeds the notebook uses, so the answer appears nowhere in the notebook.
/// </summary>
public static partial class Exercises
{
    /// <summary>The exercises of notebook 1, seeding and a rank-2 matrix.</summary>
    public static class N01
    {
        /// <summary>Exercise 1: σ₃ of W3 (seed 1, a 10×3 times a 3×10 draw) over NumPy's tolerance for W3, within 0.1 %.</summary>
        public static CheckResult MarginAboveTolerance(double? answer)
        {
            var w3 = W3();
            return Check.Close("σ₃ / tolerance for W3", answer,
                w3.Svd(computeVectors: false).S[2] / MatrixRank.DefaultTolerance(w3), relativeTolerance: 1e-3);
        }

        /// <summary>Exercise 2: the smallest tolerance at which the rank of W drops below 2 (σ₂ of W), within 1e-6 relative.</summary>
        public static CheckResult SmallestTolerance(double? answer) =>
            // SVDs of W in float or double, PyTorch's included, agree on σ₂ to 4e-7 relative; the 4.8439 notebook 2 prints is 2e-6 off.
            Check.Close("the smallest tolerance that makes the rank of W less than 2", answer,
                W().Svd(computeVectors: false).S[1], relativeTolerance: 1e-6);
    }

    /// <summary>The notebooks' W: seed 0, a 10×2 times a 2×10 draw.</summary>
    private static Matrix<float> W() => LowRankMatrix.Random(new TorchGenerator(seed: 0), 10, 10, rank: 2);

    /// <summary>The exercises' W3: seed 1, a 10×3 times a 3×10 draw, in the order the original draws W.</summary>
    private static Matrix<float> W3() => LowRankMatrix.Random(new TorchGenerator(seed: 1), 10, 10, rank: 3);
}
