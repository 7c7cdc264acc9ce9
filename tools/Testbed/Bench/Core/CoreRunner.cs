using System.Diagnostics;
using GroundStation.Firmware.Sifting;
using GroundStation.Testbed.Satellite;
using GroundStation.Hal.Fakes;
using GroundStation.NativeCore;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Testbed.Bench.Core;

/// <summary>What one core produced from the bench stream, for the comparison of the two cores.</summary>
public sealed record CoreOutput(long Assigned, long SlotChecksum, long SiftedBits, long BlocksClosed, double Seconds, long Events)
{
    public bool SameResultsAs(CoreOutput other) =>
        Assigned == other.Assigned && SlotChecksum == other.SlotChecksum && SiftedBits == other.SiftedBits && BlocksClosed == other.BlocksClosed;
}

/// <summary>
/// One core on the bench stream, in tagger batches of 64 as the application loop runs it: timing (slot assignment)
/// then the sifter's accept path through the satellite loopback, whose own side is not timed. The managed core is
/// <see cref="Firmware.Timing.TimingEngine"/> and <see cref="GroundSifter"/>'s own announce path (the part the
/// interpreter's IL-per-event count is taken on); the native one is libgscore's timing engine and announce path
/// through firmware/Native/desktop's P/Invoke classes, with the same managed sifter around them.
/// </summary>
public static class CoreRunner
{
    public const int BatchSize = 64;

    private delegate int ProcessBatch(long[] timesPs, byte[] channels, int offset, int count, long[] slots, byte[] slotChannels);

    public static CoreOutput Managed(FifoRecordStream stream, int seed)
    {
        var engine = new Firmware.Timing.TimingEngine(new Firmware.Timing.TimingConfig());
        engine.SetCoarsePrediction(stream.Scenario.GroundStartPs, stream.Scenario.StartSlot, PredictionUncertaintyPs);
        return Run(stream, seed, (t, c, o, n, s, sc) => engine.ProcessBatch(t, c, o, n, s, sc, null, 0), null);
    }

    /// <summary>The native core, or null with <paramref name="problem"/> saying in one line why it cannot run here.</summary>
    public static CoreOutput? Native(FifoRecordStream stream, int seed, out string? problem)
    {
        problem = NativeCoreLibrary.UnavailableReason;
        if (!NativeCoreLibrary.IsAvailable)
        {
            return null;
        }

        using var engine = new NativeTimingEngine(new Firmware.Timing.TimingConfig());
        engine.SetCoarsePrediction(stream.Scenario.GroundStartPs, stream.Scenario.StartSlot, PredictionUncertaintyPs);
        var path = new NativeAcquisitionCore().CreateAnnouncePath(SiftingConfigFor());
        return Run(stream, seed, (t, c, o, n, s, sc) => engine.ProcessBatch(t, c, o, n, s, sc, null, 0), path);
    }

    private const long PredictionUncertaintyPs = 1_000_000_000;

    private static SiftingConfig SiftingConfigFor() => new(ReceiverMap.Default(500_000));

    private static CoreOutput Run(FifoRecordStream stream, int seed, ProcessBatch timing, IAnnouncePath? path)
    {
        var loop = new SiftingLoopback(SiftingConfigFor(), new SeededRandomSource((ulong)seed + 1), new SeededSatelliteRecord((ulong)seed))
        {
            InputBatchSize = BatchSize,
        };
        if (path is not null)
        {
            loop.Ground.UseAnnouncePath(path);
        }

        var slots = new long[BatchSize];
        var channels = new byte[BatchSize];
        long assigned = 0, checksum = 0;
        var clock = new Stopwatch();
        for (var first = 0; first < stream.Count; first += BatchSize)
        {
            var n = Math.Min(BatchSize, stream.Count - first);
            clock.Start();
            var written = timing(stream.TimesPs, stream.Channels, first, n, slots, channels);
            clock.Stop();
            loop.Feed(slots, channels, 0, written);
            for (var i = 0; i < written; i++)
            {
                checksum = unchecked((checksum * 1_000_003) + slots[i] + channels[i]);
            }

            assigned += written;
        }

        loop.FinishPass();
        var counters = loop.Ground.Counters;
        return new CoreOutput(assigned, checksum, counters.SiftedBits, counters.BlocksClosed,
            clock.Elapsed.TotalSeconds + loop.GroundElapsed.TotalSeconds, stream.Count);
    }
}
