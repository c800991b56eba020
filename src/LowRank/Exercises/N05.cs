namespace LowRank;

public static partial class Exercises
{
    /// <summary>Notebook 5, training a LoRA adapter: expected values rebuilt from the notebook's seeds and settings.</summary>
    public static class N05
    {
        // Notebook 5's set-up: the problem from seed 0, a rank-2 adapter with α = 2 whose A is drawn from seed 1.
        private const int D = 64, K = 64, N = 256, Rank = 2;
        private const double Alpha = 2;

        private static readonly Lazy<LoraProblem> Problem = new(() => LoraProblem.Synthetic(new TorchGenerator(seed: 0), D, K, N,
            updateRank: 2, noise: 0.1f));

        private static LoraAdapter<float> Start() => LoraAdapter.Initial(new TorchGenerator(seed: 1), D, K, Rank, Alpha);

        // 500 steps take about a second, so they run once, and only for an answer to compare.
        private static readonly Lazy<double> SmallLearningRateLoss = new(() =>
            LoraStep.Train(Problem.Value.W0, Start(), Problem.Value.X, Problem.Value.Y, learningRate: 0.05, steps: 500).FinalLoss);

        /// <summary>Exercise 1: the loss before any step when B = randn(d, r) from seed 3 instead of 0, with the notebook's A.</summary>
        /// <param name="answer">The learner's loss; null while not yet answered.</param>
        /// <returns>The verdict, also printed.</returns>
        public static CheckResult LossWithGaussianB(double? answer)
        {
            var (problem, adapter) = (Problem.Value, new LoraAdapter<float>(new TorchGenerator(seed: 3).Randn(D, Rank), Start().A, Alpha));
            return Check.Close("the loss before training with a Gaussian B", answer,
                LoraStep.Gradients(problem.W0, adapter, problem.X, problem.Y).Loss, relativeTolerance: 1e-4);
        }

        /// <summary>Exercise 2: the loss after the last of 500 gradient-descent steps at learning rate 0.05 from the notebook's
        /// start.</summary>
        /// <param name="answer">The learner's loss at the final B and A; null while not yet answered.</param>
        /// <returns>The verdict, also printed.</returns>
        public static CheckResult FinalLossAtSmallLearningRate(double? answer) =>
            // 1e-4 accepts any float rounding of the same 500 steps and rejects the loss before the last update, 1.1 % higher.
            // An unanswered check says so whatever the expected value, so it does not wait for the training.
            Check.Close("the loss after the last step with learning rate 0.05", answer,
                answer is null ? 0 : SmallLearningRateLoss.Value, relativeTolerance: 1e-4);
    }
}
