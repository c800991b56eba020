namespace LowRank.Tests;

/// <summary>
/// What makes a training step of notebook 7's network fast without changing a bit: Adam's vectorised update against the
/// scalar update PyTorch's single-tensor Adam computes, and a step's allocations.
/// </summary>
public class NetworkStepTests
{
    /// <summary>torch.optim.Adam's single-tensor update in float, one entry at a time, in PyTorch 1.13's order.</summary>
    private static void ScalarAdam(float[] p, float[] g, float[] m, float[] v, int t, double eta)
    {
        var stepSize = (float)-(eta / (1 - Math.Pow(0.9, t)));
        var root2 = (float)Math.Sqrt(1 - Math.Pow(0.999, t));
        for (var i = 0; i < p.Length; i++)
        {
            m[i] = (m[i] * 0.9f) + ((float)(1 - 0.9) * g[i]);
            v[i] = (v[i] * 0.999f) + ((float)(1 - 0.999) * g[i] * g[i]);
            p[i] += stepSize * (m[i] / ((MathF.Sqrt(v[i]) / root2) + 1e-8f));
        }
    }

    [Fact]
    public void Adam_is_the_scalar_update_to_the_bit_at_every_length()
    {
        // Lengths below, at and past whole vectors (4 to 16 floats a vector on x86), gradients over ten orders of magnitude.
        var random = new Random(7);
        float Draw() => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 4)));
        for (var length = 1; length <= 40; length++)
        {
            var start = Enumerable.Range(0, length).Select(_ => Draw()).ToArray();
            var (p, expected) = (start.ToArray(), start.ToArray());
            var (m, v) = (new float[length], new float[length]);
            var adam = new Adam(0.01, length);
            for (var t = 1; t <= 3; t++)
            {
                var g = Enumerable.Range(0, length).Select(_ => Draw()).ToArray();
                adam.Step(new[] { p }, new[] { g });
                ScalarAdam(expected, g, m, v, t, 0.01);
                Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), p.Select(BitConverter.SingleToInt32Bits));
            }
        }
    }

    [Fact]
    public void A_training_step_allocates_nothing()
    {
        var split = DigitsPyTorchRunTests.Split;
        var network = Mlp.Initial(new TorchGenerator(seed: 1), Digits.Pixels, 32, Digits.Classes);
        var schedule = new TrainingSchedule(batchSize: 50, epochs: 1, learningRate: 0.01);
        var full = MlpTraining.FullSteps(network, split.Train, schedule).Step;
        var lora = MlpTraining.AdapterStep(network, MlpAdapters.Initial(new TorchGenerator(seed: 2), network, 4, 8), split.Train, schedule);
        // Two passes over the 20 batches first: the buffers, pooled arrays and compiled code are in place after them.
        for (var t = 0; t < 40; t++)
        {
            full(t);
            lora(t);
        }
        // The products rent their scratch arrays from ArrayPool.Shared, which a full garbage collection may empty while the
        // other test classes run; a step that allocates does so in every window, so one clean window of three is the test.
        var windows = new List<(long Full, long Lora)>();
        for (var window = 0; window < 3 && (windows.Count == 0 || windows[^1] != (0L, 0L)); window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var t = 40; t < 80; t++)
            {
                full(t);
            }
            var afterFull = GC.GetAllocatedBytesForCurrentThread();
            for (var t = 40; t < 80; t++)
            {
                lora(t);
            }
            windows.Add((afterFull - before, GC.GetAllocatedBytesForCurrentThread() - afterFull));
        }
        Assert.True(windows[^1] == (0L, 0L), $"bytes allocated by 40 full and 40 LoRA steps, window by window: {string.Join(", ", windows)}");
    }
}
