using GroundStation.Testbed.Satellite;
using GroundStation.Host.Sifting;
using GroundStation.Protocol.Sifting;
using static GroundStation.Tests.Sifting.Harness;

namespace GroundStation.Tests.Sifting;

public class EstimationTests
{
    /// <summary>100 signal detections in <paramref name="basis"/> with exactly <paramref name="errors"/> wrong ground bits, all sampled.</summary>
    private static SiftingLoopback RunBlock(int errors, int basis = 0, int intensityClass = 0, int thresholdPpm = 110_000, int count = 100)
    {
        var record = new TestRecord();
        var slots = new long[count];
        var channels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var bit = (i * 5 >> 1) & 1;
            record.Add(1000 + i, basis, bit, intensityClass);
            slots[i] = 1000 + i;
            var groundBit = i < errors ? 1 - bit : bit;
            channels[i] = (byte)(basis * 2 + groundBit);
        }

        var config = SmallConfig(batch: 32, blockBits: 128);
        config.QberAlarmThresholdPpm = thresholdPpm;
        var loop = Loop(config, record);
        loop.SampleBits = count;
        loop.Feed(slots, channels, 0, count);
        loop.FinishPass();
        return loop;
    }

    [Fact]
    public void QBER_exactly_at_the_threshold_does_not_alarm()
    {
        var loop = RunBlock(errors: 11);

        var result = loop.Results.Single();
        Assert.True(result.Accepted);
        Assert.Equal((100, 11), (result.Sampled[Cell(0, 0)], result.Errors[Cell(0, 0)]));
        Assert.Empty(loop.Alarms);
        Assert.Equal(1, loop.Ground.Counters.BlocksAccepted);
        Assert.Equal(LedgerBlockState.Accepted, loop.Transmitter.Ledger.Block(0)!.State);
        Assert.Empty(loop.HostBlocks.Single().Entries); // the whole block was disclosed
    }

    [Fact]
    public void QBER_above_the_threshold_fires_the_alarm_and_discards_the_block_on_both_sides()
    {
        var loop = RunBlock(errors: 12);

        var result = loop.Results.Single();
        Assert.False(result.Accepted);
        Assert.Equal((0u, 0, 0, 120_000), Alarm(loop));
        Assert.Empty(loop.HostBlocks);
        Assert.Equal(LedgerBlockState.Discarded, loop.Transmitter.Ledger.Block(0)!.State);
        Assert.Empty(loop.Transmitter.Ledger.Block(0)!.Entries);
        var c = loop.Ground.Counters;
        Assert.Equal((1L, 0L), (c.BlocksAlarmed, c.BlocksAccepted));
        Assert.Equal(0, c.BitsDelivered);
        Assert.Equal(0, ProtocolErrors(loop));
    }

    [Fact]
    public void The_alarm_event_reports_block_class_basis_and_QBER()
    {
        var record = new TestRecord();
        for (var i = 0; i < 10; i++)
        {
            record.Add(i, 1, 0);
        }

        var config = SmallConfig(batch: 10, blockBits: 16);
        var loop = Loop(config, record);
        (uint, int, int, int)? seen = null;
        loop.Ground.Alarm += (block, cls, basis, qber) => seen = (block, cls, basis, qber);
        loop.SampleBits = 10;
        loop.Feed(Enumerable.Range(0, 10).Select(i => (long)i).ToArray(), Enumerable.Repeat((byte)3, 10).ToArray(), 0, 10); // A = X1: all wrong
        loop.FinishPass();

        Assert.Equal((0u, 0, 1, 1_000_000), seen);
    }

    [Fact]
    public void QBER_is_judged_per_basis()
    {
        // 50 Z bits without errors and 50 X bits with 6 errors (12 %): the X cell alarms although the mean is 6 %.
        var record = new TestRecord();
        var slots = new List<long>();
        var channels = new List<byte>();
        for (var i = 0; i < 100; i++)
        {
            var basis = i % 2;
            record.Add(i, basis, 0);
            slots.Add(i);
            var wrong = basis == 1 && i < 12;
            channels.Add((byte)(basis * 2 + (wrong ? 1 : 0)));
        }

        var loop = Loop(SmallConfig(batch: 32, blockBits: 128), record);
        loop.SampleBits = 100;
        loop.Feed(slots.ToArray(), channels.ToArray(), 0, 100);
        loop.FinishPass();

        var result = loop.Results.Single();
        Assert.Equal((50, 0), (result.Sampled[Cell(0, 0)], result.Errors[Cell(0, 0)]));
        Assert.Equal((50, 6), (result.Sampled[Cell(0, 1)], result.Errors[Cell(0, 1)]));
        Assert.Equal((0u, 0, 1, 120_000), Alarm(loop));
    }

    [Fact]
    public void Vacuum_errors_do_not_alarm_by_default_but_are_reported()
    {
        var loop = RunBlock(errors: 50, intensityClass: SiftCodes.ClassVacuum);

        Assert.Empty(loop.Alarms);
        Assert.Equal(50, loop.Results.Single().Errors[Cell(SiftCodes.ClassVacuum, 0)]);
    }

    [Fact]
    public void Seeded_pass_with_injected_errors_estimates_the_injected_QBER_and_both_sides_agree()
    {
        var record = new SeededSatelliteRecord(7);
        var generator = new DetectionStreamGenerator(8, record) { ErrorRate = 0.04, MeanSlotGap = 1000 };
        var slots = new long[100_000];
        var channels = new byte[slots.Length];
        generator.Fill(slots, channels, slots.Length, 0, out var n);
        var loop = Loop(new GroundStation.Firmware.Sifting.SiftingConfig(GroundStation.Firmware.Sifting.ReceiverMap.Default()), record);
        loop.SampleBits = 400;
        loop.Feed(slots, channels, 0, n);
        loop.FinishPass();

        var sampled = loop.Results.Sum(r => r.Sampled.Sum());
        var errors = loop.Results.Sum(r => r.Errors.Sum());
        Assert.InRange((double)errors / sampled, 0.03, 0.05);
        Assert.Empty(loop.Alarms);
        Assert.Equal(0, ProtocolErrors(loop));

        // The delivered key differs from the satellite's in exactly the unsampled error positions.
        var host = Enumerable.Range(0, 3).SelectMany(c => HostKey(loop, c)).ToList();
        var satellite = Enumerable.Range(0, 3).SelectMany(c => SatelliteKey(loop, c)).ToList();
        Assert.Equal(satellite.Count, host.Count);
        var keyErrors = host.Zip(satellite).Count(p => p.First != p.Second);
        Assert.InRange((double)keyErrors / host.Count, 0.035, 0.045);
        Assert.Equal(loop.Ground.Counters.SiftedBits, loop.Ground.Counters.BitsDelivered + loop.Ground.Counters.BitsDisclosed);
    }
}
