using GroundStation.DeviceModels.FifoTagger;
using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Tests.Drivers.Support;

namespace GroundStation.Tests.Drivers.Spcm;

/// <summary>
/// End to end: photons into the FIFO tagger model, the driver reading every 1 ms of board time (the application's
/// readout period), each batch into the controller. Tagger and board clocks start together here, so the latency from
/// the crossing detection to the gate cut is board time at the cut minus tagger time of the crossing.
/// </summary>
public class OverLightFloodTests
{
    private const long Ms = SpcmFixture.OneMillisecondPs;
    private const long FloodStartPs = 100 * Ms;

    private readonly Bench _bench = new();
    private readonly FifoTaggerModel _tagger = new(fifoDepth: 4096);
    private readonly FifoTimeTagger _driver;
    private readonly SpcmFixture _spcm;
    private readonly long[] _times = new long[512];
    private readonly byte[] _channels = new byte[512];

    public OverLightFloodTests()
    {
        _bench.Bus.RecordFrames = false;
        _driver = new FifoTimeTagger(_bench.Bus.Attach(5, "tagger", _tagger, FifoTimeTagger.BusSettings));
        _driver.Start();
        _spcm = new SpcmFixture(_bench.Clock, _bench.Bus, maxCountsPerWindow: 2000); // 2 Mcps over 1 ms
    }

    /// <summary>One millisecond of light: 20 kcps background per detector, plus a flood on channel 1 if asked.</summary>
    private void RunMillisecond(long msIndex, int floodPerMs)
    {
        var events = new List<(long T, byte C)>();
        long start = msIndex * Ms;
        for (byte c = 0; c < 4; c++)
        {
            for (int i = 0; i < 20; i++)
            {
                events.Add((start + (i * Ms / 20) + c * 1000, c));
            }
        }

        for (int i = 0; i < floodPerMs; i++)
        {
            events.Add((start + (i * Ms / floodPerMs) + 777, 1));
        }

        events.Sort((a, b) => a.T.CompareTo(b.T));
        _tagger.Enqueue(events.Select(e => e.T).ToArray(), events.Select(e => e.C).ToArray());
        _bench.Clock.AdvanceTo((msIndex + 1) * 1000);

        int n;
        while ((n = _driver.ReadBatch(_times, _channels, 0, _times.Length)) > 0)
        {
            _spcm.Controller.OnDetections(_times, _channels, 0, n);
        }
    }

    [Fact]
    public void A_5_Mcps_flood_gates_the_channel_off_within_10_ms_and_stays_latched_until_cleared()
    {
        for (long ms = 0; ms < 100; ms++)
        {
            RunMillisecond(ms, 0);
        }

        Assert.Empty(_spcm.Faults);

        for (long ms = 100; ms < 130; ms++)
        {
            RunMillisecond(ms, 5000);
        }

        var trip = Assert.Single(_spcm.Faults);
        Assert.Equal(1, trip.Channel);
        Assert.Equal(SpcmFault.OverLight, trip.Fault);
        // The crossing detection is in the flood's first millisecond (2000 counts at 5 Mcps = 0.4 ms).
        Assert.InRange(trip.TaggerPs, FloodStartPs, FloodStartPs + Ms);
        long latencyUs = trip.BoardUs - trip.TaggerPs / 1_000_000;
        Assert.InRange(latencyUs, 0, 10_000);
        Assert.False(_spcm.Gates[1].IsHigh);
        Assert.True(_spcm.IsOn(0) && _spcm.IsOn(2) && _spcm.IsOn(3));
        // The flood overflowed the tagger FIFO: counted, not silent.
        Assert.True(_driver.Counters.Overflowed > 0);
        Assert.Equal((long)_tagger.LostCount, _driver.Counters.Overflowed);

        // Clearing during the flood trips again at once.
        Assert.True(_spcm.Controller.ClearFault(1));
        RunMillisecond(130, 5000);
        Assert.Equal(2, _spcm.Faults.Count);
        Assert.InRange(_spcm.Faults[1].BoardUs - _spcm.Faults[1].TaggerPs / 1_000_000, 0, 10_000);

        // Light back to normal: still off until the operator clears it, then it stays on.
        for (long ms = 131; ms < 150; ms++)
        {
            RunMillisecond(ms, 0);
        }

        Assert.False(_spcm.IsOn(1));
        Assert.True(_spcm.Controller.ClearFault(1));
        for (long ms = 150; ms < 200; ms++)
        {
            RunMillisecond(ms, 0);
        }

        Assert.True(_spcm.IsOn(1));
        Assert.Equal(2, _spcm.Faults.Count);
    }
}
