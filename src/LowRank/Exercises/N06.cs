using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

public static partial class Exercises
{
    /// <summary>Notebook 6, low rank at real scale: a LLaMA-7B-class model's projections and the 256×256 decaying matrix of seed
    /// 0.</summary>
    public static class N06
    {
        /// <summary>Exercise 1: the trainable parameters of rank-16 adapters on all seven projections of the 32 blocks of a LLaMA-7B-class
        /// model.</summary>
        /// <param name="answer">The learner's count; null while not yet answered.</param>
        /// <returns>The verdict, also printed.</returns>
        public static CheckResult ModelAdapterParameters(long? answer)
        {
            // Per block: q, k, v and o are 4096×4096; the MLP's gate and up are 4096×11008, its down 11008×4096.
            long[] block =
            [
                .. Enumerable.Repeat(ParameterCount.Of(4096, 4096, 16).LowRank, 4),
                .. Enumerable.Repeat(ParameterCount.Of(4096, 11008, 16).LowRank, 2),
                ParameterCount.Of(11008, 4096, 16).LowRank,
            ];
            return Check.Equal("the trainable parameters of rank-16 adapters on every projection of 32 blocks", answer, 32 * block.Sum());
        }

        /// <summary>Exercise 2: the randomized rank-16 error without power iterations (p = 10, Ω of seed 1) over the exact
        /// truncation's.</summary>
        /// <param name="answer">The learner's ratio; null while not yet answered.</param>
        /// <returns>The verdict, also printed.</returns>
        public static CheckResult ErrorRatioWithoutPowerIterations(double? answer)
        {
            const int n = 256, rank = 16;
            var generator = new TorchGenerator(seed: 0);
            var u = generator.Randn(n, n).Map(x => (double)x).QR().Q;
            var v = generator.Randn(n, n).Map(x => (double)x).QR().Q;
            var sigma = Vector<double>.Build.Dense(n, i => Math.Pow(i + 1, -1.5));
            var decaying = u * Matrix<double>.Build.DiagonalOfDiagonalVector(sigma) * v.Transpose();
            var randomized = RandomizedSvd.Of(decaying, rank, new TorchGenerator(seed: 1), oversampling: 10, powerIterations: 0);
            // The matrix is built from its SVD, so the exact truncation's error is Eckart–Young's √(Σ σᵢ² over i > 16), no SVD needed.
            var exactError = sigma.SubVector(rank, n - rank).L2Norm();
            return Check.Close("the error ratio without power iterations", answer,
                (decaying - randomized.Reconstruct()).FrobeniusNorm() / exactError, 1e-3);
        }
    }
}
