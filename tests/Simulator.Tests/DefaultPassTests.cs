using System.Diagnostics;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;
using Xunit.Abstractions;

namespace GroundStation.Tests.Simulator;

public class DefaultPassTests(ITestOutputHelper output)
{
    [Fact]
    public void Default_pass_streams_a_whole_night_leo_pass_in_order()
    {
        var sim = new PassSimulator(new PassConfig());
        var watch = Stopwatch.StartNew();
        long events = 0, previous = long.MinValue, misordered = 0;
        long maxBatch = 0;
        foreach (var batch in sim.Batches())
        {
            maxBatch = Math.Max(maxBatch, batch.Count);
            foreach (var e in batch.Events)
            {
                if (e.TimePs < previous) misordered++;
                if (e.TimePs >= batch.CompleteBeforePs) misordered++;
                previous = e.TimePs;
                events++;
            }
        }
        watch.Stop();
        var t = sim.Truth;
        double duration = sim.Physics.DurationSeconds;
        output.WriteLine($"default pass: {duration:F1} s simulated in {watch.Elapsed.TotalSeconds:F2} s wall; {events} events " +
                         $"(largest batch {maxBatch}); detections {t.Detections} ({t.Detections / duration:F0}/s), signal {t.SignalClicks}, " +
                         $"dark {t.DarkCounts}, background {t.BackgroundCounts}, afterpulses {t.Afterpulses}, dead-time losses {t.DeadTimeLosses}, " +
                         $"double clicks {t.MultiClickSlots}, beacon {t.BeaconDetections}/{t.BeaconPulsesSent}, signal QBER {t.SignalQber:P2}, " +
                         $"predicted FIFO overflows {t.FifoOverflowsPredicted}");

        Assert.Equal(0, misordered);
        Assert.InRange(duration, 270, 300);
        // DOMAIN.md: ~2-25 kcounts/s over a 270 s pass; QBER 1-3 %.
        Assert.InRange(t.Detections / duration, 5_000, 25_000);
        var perSecond = t.Timeline.Seconds.Take((int)duration).Select(s => s.Detections).ToArray();
        Assert.InRange(perSecond.Min(), 2_000, 8_000);
        Assert.InRange(perSecond.Max(), 15_000, 35_000);
        Assert.InRange(t.SignalQber, 0.01, 0.03);
        Assert.InRange(t.BeaconDetections / (double)t.BeaconPulsesSent, 0.29, 0.31);
        Assert.Equal(t.Detections + t.BeaconDetections + t.BeaconBackgroundCounts, events);
    }

    [Fact]
    public void Same_seed_gives_the_same_stream_and_another_seed_does_not()
    {
        var config = new PassConfig { DurationSeconds = 1.5 };
        var a = new PassSimulator(config, seed: 1234).Events().ToArray();
        var b = new PassSimulator(config, seed: 1234).Events().ToArray();
        var c = new PassSimulator(config, seed: 1235).Events().ToArray();
        Assert.True(a.Length > 10_000);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Length == c.Length ? a : [], c);
    }

    [Fact]
    public void Replaying_a_simulator_gives_the_same_stream_and_truth()
    {
        var sim = new PassSimulator(new PassConfig { DurationSeconds = 1 }, seed: 9);
        var first = sim.Events().ToArray();
        long firstSignal = sim.Truth.SignalClicks;
        var second = sim.Events().ToArray();
        Assert.Equal(first, second);
        Assert.Equal(firstSignal, sim.Truth.SignalClicks);
    }

    [Fact]
    public void Event_cursor_hands_out_the_stream_by_ground_time()
    {
        var sim = new PassSimulator(new PassConfig { DurationSeconds = 0.5 }, seed: 2);
        var all = sim.Events().ToArray();
        using var cursor = new EventCursor(sim);
        var taken = new List<TaggerEvent>();
        long step = 7_000_000_000;  // 7 ms of ground time per call
        for (long until = all[0].TimePs; !cursor.Finished; until += step)
        {
            int before = taken.Count;
            cursor.TakeBefore(until, taken);
            Assert.All(taken.Skip(before), e => Assert.True(e.TimePs < until));
        }
        Assert.Equal(all, taken);
    }
}
