using System.Diagnostics;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;
using GroundStation.Gsctl.Satellite;
using GroundStation.Hal.Fakes;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Gsctl.Bench.Core;

/// <summary>What one core produced from the bench stream, for the comparison of the two cores.</summary>
internal sealed record CoreOutput(long Assigned, long SlotChecksum, double Seconds, long Events);

/// <summary>
/// The managed device core on the bench stream, in tagger batches of 64 as the application loop runs it: timing
/// (<see cref="TimingEngine.ProcessBatch"/>) and sifting (<see cref="GroundSifter.Accept"/> through the satellite
/// loopback, whose own side is not timed). The figure the interpreter's IL-per-event count is taken on.
/// </summary>
internal static class ManagedCoreRunner
{
    public const int BatchSize = 64;

    public static CoreOutput Run(FifoRecordStream stream, int seed)
    {
        var engine = new TimingEngine(new TimingConfig());
        engine.SetCoarsePrediction(stream.Scenario.GroundStartPs, stream.Scenario.StartSlot, 1_000_000_000);
        var record = new SeededSatelliteRecord((ulong)seed);
        var loop = new SiftingLoopback(new SiftingConfig(ReceiverMap.Default(500_000)), new SeededRandomSource((ulong)seed + 1), record)
        {
            InputBatchSize = BatchSize,
        };
        var slots = new long[BatchSize];
        var channels = new byte[BatchSize];
        long assigned = 0, checksum = 0;
        var timing = new Stopwatch();
        for (var first = 0; first < stream.Count; first += BatchSize)
        {
            var n = Math.Min(BatchSize, stream.Count - first);
            timing.Start();
            var written = engine.ProcessBatch(stream.TimesPs, stream.Channels, first, n, slots, channels, null, 0);
            timing.Stop();
            loop.Feed(slots, channels, 0, written);
            for (var i = 0; i < written; i++)
            {
                checksum = unchecked((checksum * 1_000_003) + slots[i] + channels[i]);
            }

            assigned += written;
        }

        loop.FinishPass();
        return new CoreOutput(assigned, checksum, timing.Elapsed.TotalSeconds + loop.GroundElapsed.TotalSeconds, stream.Count);
    }
}
