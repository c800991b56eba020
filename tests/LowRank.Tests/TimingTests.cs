namespace LowRank.Tests;

/// <summary>
/// Timing.MedianSeconds with a scripted clock: each run of the action advances the clock by a given number of ticks, so
/// the tests know exactly what was measured and check what is reported, without timing anything.
/// </summary>
public class TimingTests
{
    /// <summary>An action whose runs take the given ticks, in order, on a clock it advances itself.</summary>
    private sealed class ScriptedRuns(params long[] ticks)
    {
        private long _now = 1_000_000;

        public int Runs { get; private set; }

        public int ClockReads { get; private set; }

        public void Run() => _now += ticks[Runs++];

        public long Clock()
        {
            ClockReads++;
            return _now;
        }
    }

    [Fact]
    public void The_median_of_an_odd_number_of_runs_is_the_middle_one_and_warm_ups_are_not_timed()
    {
        // One warm-up of 900 ticks (a first call that compiles), then runs of 5, 1, 9, 3 and 7 ticks at 1000 ticks a second.
        var runs = new ScriptedRuns(900, 5, 1, 9, 3, 7);

        var median = Timing.MedianSeconds(runs.Run, repetitions: 5, warmUps: 1, runs.Clock, ticksPerSecond: 1000);

        Assert.Equal(0.005, median, 15);
        Assert.Equal(6, runs.Runs);
        Assert.Equal(10, runs.ClockReads);
    }

    [Fact]
    public void The_median_of_an_even_number_of_runs_is_the_mean_of_the_middle_two()
    {
        var runs = new ScriptedRuns(4, 10, 2, 6);

        Assert.Equal(0.5, Timing.MedianSeconds(runs.Run, repetitions: 4, warmUps: 0, runs.Clock, ticksPerSecond: 10), 15);
    }

    [Fact]
    public void One_slow_run_among_five_does_not_move_the_median()
    {
        // What the median is for: a run slowed by another process (here 100 times slower) is ignored, where a mean would triple.
        var runs = new ScriptedRuns(0, 10, 11, 1000, 9, 10);

        Assert.Equal(10, Timing.MedianSeconds(runs.Run, repetitions: 5, warmUps: 1, runs.Clock, ticksPerSecond: 1), 15);
    }

    [Fact]
    public void Several_warm_ups_all_run_before_the_first_timed_run()
    {
        var runs = new ScriptedRuns(500, 400, 300, 8);

        Assert.Equal(8, Timing.MedianSeconds(runs.Run, repetitions: 1, warmUps: 3, runs.Clock, ticksPerSecond: 1), 15);
        Assert.Equal(4, runs.Runs);
    }

    [Fact]
    public void The_stopwatch_overload_runs_the_warm_up_and_each_repetition_once()
    {
        var calls = 0;

        var median = Timing.MedianSeconds(() => calls++, repetitions: 3);

        Assert.Equal(4, calls);
        Assert.True(median >= 0, $"median {median}");
    }

    [Fact]
    public void Bad_arguments_are_refused_by_name()
    {
        Assert.Equal("action", Assert.Throws<ArgumentNullException>(() => Timing.MedianSeconds(null!)).ParamName);
        Rejects.Throws<ArgumentOutOfRangeException>(() => Timing.MedianSeconds(() => { }, repetitions: 0), "repetitions", "0");
        Rejects.Throws<ArgumentOutOfRangeException>(() => Timing.MedianSeconds(() => { }, warmUps: -1), "warmUps",
            "warmUps must be between 0 and 10000, but was -1");
    }

    [Theory]
    [InlineData(int.MaxValue, 1)]
    [InlineData(10_001, 1)]
    [InlineData(3, 10_001)]
    [InlineData(3, int.MaxValue)]
    public void Run_counts_beyond_the_bound_are_refused_before_anything_runs(int repetitions, int warmUps)
    {
        var calls = 0;
        var name = repetitions > Timing.MaxRuns ? "repetitions" : "warmUps";
        Rejects.Throws<ArgumentOutOfRangeException>(() => Timing.MedianSeconds(() => calls++, repetitions, warmUps), name,
            $"{name} must be between", "and 10000", $"but was {(name == "repetitions" ? repetitions : warmUps)}");
        Assert.Equal(0, calls);
    }

    [Fact]
    public void The_bound_itself_is_allowed()
    {
        var calls = 0;
        Timing.MedianSeconds(() => calls++, Timing.MaxRuns, Timing.MaxRuns);
        Assert.Equal(2 * Timing.MaxRuns, calls);
    }
}
