using GroundStation.Simulator;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;

namespace GroundStation.Tests.Simulator;

public class BeaconTests
{
    static PassConfig WithBeacon(BeaconConfig beacon, double seconds = 2)
    {
        var quiet = TestPasses.Quiet(300, seconds);
        return quiet with { Beacon = beacon };
    }

    [Fact]
    public void Frame_marker_positions_are_never_sent_and_the_rest_are_detected_with_the_configured_probability()
    {
        var config = WithBeacon(new BeaconConfig { DetectionProbability = 0.05, BackgroundCountsPerSecond = 0, JitterPsFwhm = 0 });
        var sim = new PassSimulator(config, seed: 12);
        var events = TestPasses.RunAll(sim);

        // 2 s at 10 kHz = 20,000 pulses, 4 of every 100 omitted.
        Assert.Equal(19_200, sim.Truth.BeaconPulsesSent);
        Assert.All(events, e =>
        {
            Assert.Equal(Channels.Beacon, e.Channel);
            Assert.Equal(EventOrigin.Beacon, e.Origin);
            Assert.DoesNotContain((int)(e.Slot % 100), new[] { 0, 1, 3, 7 });
        });
        TestPasses.WithinSigmas(19_200 * 0.05, events.Count, Math.Sqrt(19_200 * 0.05 * 0.95));
    }

    [Fact]
    public void Beacon_pulse_k_arrives_when_slot_k_times_period_would()
    {
        var config = WithBeacon(new BeaconConfig { DetectionProbability = 1, BackgroundCountsPerSecond = 0, JitterPsFwhm = 0 }, 0.1);
        var sim = new PassSimulator(config, seed: 1);
        var events = TestPasses.RunAll(sim);
        Assert.Equal(960, events.Count);
        double delayPs = 1000e3 / TestPasses.C * 1e12;
        foreach (var e in events)
            Assert.Equal(Math.Floor(e.Slot * 10_000 * 10_000.0 + delayPs), e.TimePs, 1.0);
    }

    [Fact]
    public void Custom_frame_pattern_is_honoured()
    {
        var config = WithBeacon(new BeaconConfig
        {
            FrameLength = 10, OmittedPositions = [2, 5], DetectionProbability = 1, BackgroundCountsPerSecond = 0,
        }, 0.05);
        var events = TestPasses.RunAll(new PassSimulator(config, seed: 1));
        Assert.Equal(400, events.Count);
        Assert.DoesNotContain(events, e => e.Slot % 10 == 2 || e.Slot % 10 == 5);
    }

    [Fact]
    public void Beacon_background_clicks_arrive_at_their_rate()
    {
        var config = WithBeacon(new BeaconConfig { DetectionProbability = 0, BackgroundCountsPerSecond = 5000 }, 4);
        var sim = new PassSimulator(config, seed: 77);
        var events = TestPasses.RunAll(sim);
        Assert.All(events, e => Assert.Equal(EventOrigin.BeaconBackground, e.Origin));
        TestPasses.WithinSigmas(20_000, events.Count, Math.Sqrt(20_000));
    }
}
