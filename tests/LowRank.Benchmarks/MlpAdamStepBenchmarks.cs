using BenchmarkDotNet.Attributes;
using MathNet.Numerics;

namespace LowRank.Benchmarks;

/// <summary>
/// One Adam step of notebook 7's network (64 → 32 → 10, a batch of 50 digits): forward, backward and update, for the whole
/// network and for rank-4 LoRA on both layers, with the allocations per step. tests/reference/pytorch_mlp_step_timing.py
/// times the same steps in PyTorch on one thread.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class MlpAdamStepBenchmarks
{
    private Func<int, double> full = null!;
    private Func<int, double> lora = null!;
    private int step;

    /// <summary>Notebook 7's split and initial network; the steppers run over its 1,000 training digits.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // One thread, as notebook 7 and the PyTorch script run: these products are too small to share.
        Control.UseSingleThread();
        var split = Digits.Split(Digits.Load(), new TorchGenerator(seed: 0), 1000, 400);
        var network = Mlp.Initial(new TorchGenerator(seed: 1), Digits.Pixels, 32, Digits.Classes);
        // Enough epochs that the benchmark never runs out of steps; a step's batch is its number modulo 20.
        var schedule = new TrainingSchedule(batchSize: 50, epochs: 1, learningRate: 0.01);
        full = MlpTraining.FullSteps(network, split.Train, schedule).Step;
        lora = MlpTraining.AdapterStep(network, MlpAdapters.Initial(new TorchGenerator(seed: 2), network, 4, 8), split.Train, schedule);
    }

    /// <summary>One step of full training: every weight and bias.</summary>
    /// <returns>The batch's loss.</returns>
    [Benchmark(Baseline = true)]
    public double FullStep() => full(step++);

    /// <summary>One step of rank-4 LoRA on both layers: the adapted weights formed, the factors' gradients, Adam on them.</summary>
    /// <returns>The batch's loss.</returns>
    [Benchmark]
    public double LoraStep() => lora(step++);
}
