namespace LowRank;

public static partial class Exercises
{
    /// <summary>Notebook 7, LoRA on a real network: expected values rebuilt from the notebook's seeds and settings.</summary>
    public static class N07
    {
        // Notebook 7's set-up: the split from seed 0, a 64-32-10 network from seed 1 pretrained with Adam, adapters from seed 2.
        private const int Hidden = 32, TrainCount = 1000, ValidationCount = 400;
        private const double Alpha = 8;

        private static readonly Lazy<DigitsSplit> Split = new(() =>
            Digits.Split(Digits.Load(), new TorchGenerator(seed: 0), TrainCount, ValidationCount));

        private static readonly Lazy<Mlp> Pretrained = new(() => MlpTraining.Train(
            Mlp.Initial(new TorchGenerator(seed: 1), Digits.Pixels, Hidden, Digits.Classes), Split.Value.Train,
            new TrainingSchedule(batchSize: 50, epochs: 10, learningRate: 0.01)).Result);

        private static MlpAdapters Adapters(LabelledImages train, int rank) => MlpTraining.TrainAdapters(Pretrained.Value,
            MlpAdapters.Initial(new TorchGenerator(seed: 2), Pretrained.Value, rank, Alpha), train,
            new TrainingSchedule(batchSize: 50, epochs: 5, learningRate: 0.01)).Result;

        /// <summary>
        /// Exercise 1: the accuracy on the upside-down validation images of a rank-2 adapter (α = 8, A from seed 2) trained on
        /// the upside-down training images with the notebook's fine-tuning schedule.
        /// </summary>
        /// <param name="answer">The learner's accuracy, a fraction from 0 to 1; null while not yet answered.</param>
        /// <returns>The verdict, also printed.</returns>
        public static CheckResult UpsideDownRank2Accuracy(double? answer) =>
            // One validation image is 1/400 of accuracy, 0.3 % of it: 1e-3 accepts only the same predictions. An unanswered
            // check says so at once, without training.
            Check.Close("the rank-2 adapter's accuracy on the upside-down validation images", answer,
                answer is null
                    ? 0
                    : Adapters(Split.Value.Train.UpsideDown(), rank: 2).Merge(Pretrained.Value)
                        .Accuracy(Split.Value.Validation.UpsideDown()),
                relativeTolerance: 1e-3);

        /// <summary>
        /// Exercise 2: how many of the original (not mirrored) test images the network with the rank-4 mirrored adapter merged
        /// in classifies differently from the pretrained network alone.
        /// </summary>
        /// <param name="answer">The learner's count; null while not yet answered.</param>
        /// <returns>The verdict, also printed.</returns>
        public static CheckResult ChangedOriginalPredictions(long? answer)
        {
            if (answer is null)
            {
                return Check.Equal("the original test images whose prediction the adapter changes", answer, 0);
            }
            var test = Split.Value.Test;
            var merged = Adapters(Split.Value.Train.Mirrored(), rank: 4).Merge(Pretrained.Value);
            var (before, after) = (Pretrained.Value.Logits(test.Images), merged.Logits(test.Images));
            var changed = Enumerable.Range(0, test.Count).Count(j => Mlp.ArgMax(before, j) != Mlp.ArgMax(after, j));
            return Check.Equal("the original test images whose prediction the adapter changes", answer, changed);
        }
    }
}
