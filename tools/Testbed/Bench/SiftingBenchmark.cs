using GroundStation.Firmware.Sifting;
using GroundStation.Testbed.Satellite;
using GroundStation.Hal.Fakes;
using GroundStation.Protocol;

namespace GroundStation.Testbed.Bench;

/// <summary>
/// `gsctl bench sifting`: a seeded pass (10 kcounts/s at 100 MHz, 2 % QBER, 1 % multi-clicks, Micius class mix)
/// through the ground sifter and the in-memory satellite side. Speed and allocation count the firmware's calls only.
/// </summary>
public sealed class SiftingBenchmark : IBenchmark
{
    public string Name => "sifting";

    public string Description =>
        "Run generated detections through on-board sifting against the simulated satellite side; report detections/s, " +
        "allocated bytes per detection, sifted fraction vs the ideal p_z^2 + p_x^2, and bytes per detection on the wire.";

    public BenchReport Run(BenchOptions options)
    {
        const int zProbabilityPpm = 500_000;
        var detections = options.Quick ? 20_000 : 2_000_000;
        var seed = (ulong)options.Seed;
        var record = new SeededSatelliteRecord(seed, zProbabilityPpm);
        var config = new SiftingConfig(ReceiverMap.Default(zProbabilityPpm));
        var loop = new SiftingLoopback(config, new SeededRandomSource(seed + 1), record);
        var generator = new DetectionStreamGenerator(seed + 2, record)
        {
            ReceiverZProbabilityPpm = zProbabilityPpm, ErrorRate = 0.02, MultiClickRate = 0.01,
        };

        const int chunk = 4096;
        var slots = new long[chunk];
        var channels = new byte[chunk];
        long last = 0;

        // Warm-up (JIT), then measure a fresh sifter on the full workload.
        generator.Fill(slots, channels, chunk, last, out var warm);
        new SiftingLoopback(config, new SeededRandomSource(seed), record).Feed(slots, channels, 0, warm);

        var allocation = new AllocationByEighths();
        for (var done = 0; done < detections; done += chunk)
        {
            last = generator.Fill(slots, channels, Math.Min(chunk, detections - done), last, out var n);
            var groundBytesBefore = loop.GroundAllocatedBytes;
            loop.Feed(slots, channels, 0, n);
            allocation.Add(done / (double)detections, loop.GroundAllocatedBytes - groundBytesBefore, n);
            if (options.Progress is { } progress && done % (chunk * 64) == 0)
            {
                progress($"sifting: {done} / {detections} detections");
            }
        }

        loop.FinishPass();
        var c = loop.Ground.Counters;
        double announced = c.AnnouncedSlots;
        var up = loop.Link.BytesByType.GetValueOrDefault(MessageType.SiftAnnounce);
        var ideal = config.Receiver.IdealMatchFractionPpm(zProbabilityPpm) / 1e6;
        var sifted = c.SiftedBits / announced;
        var signalSampled = loop.Results.Sum(r => r.Sampled[0] + r.Sampled[1]);
        var signalErrors = loop.Results.Sum(r => r.Errors[0] + r.Errors[1]);
        return new BenchReport(Name)
            .Add("detections", c.Clicks)
            .Add("detectionsPerSecond", c.Clicks / loop.GroundElapsed.TotalSeconds, "1/s")
            .Add("allocatedBytesPerDetection", allocation.SteadyStateBytesPerWork, "B")
            .Add("allocatedBytesWholeRun", loop.GroundAllocatedBytes, "B")
            .Add("siftedFraction", sifted)
            .Add("idealSiftedFraction", ideal)
            .Add("siftedFractionVsIdeal", sifted / ideal)
            .Add("bytesPerDetectionOnWire", (up + c.MatchBytes) / announced, "B")
            .Add("announceBytesPerDetection", up / announced, "B")
            .Add("matchBytesPerDetection", c.MatchBytes / announced, "B")
            .Add("keyBytesPerSiftedBit", loop.Link.BytesByType.GetValueOrDefault(MessageType.SiftedBlock) / (double)Math.Max(1, c.BitsDelivered), "B")
            .Add("multiClickSlots", c.SameBasisDoubleClicks + c.CrossBasisMultiClicks)
            .Add("blocksAccepted", c.BlocksAccepted)
            .Add("blocksAlarmed", c.BlocksAlarmed)
            .Add("bitsDelivered", c.BitsDelivered)
            .Add("signalQber", signalSampled == 0 ? 0 : (double)signalErrors / signalSampled)
            .Add("droppedSlots", c.DroppedSlots)
            .Add("protocolErrors", loop.Host.ProtocolErrors.Count);
    }
}
