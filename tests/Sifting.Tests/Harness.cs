using GroundStation.Firmware.Sifting;
using GroundStation.Gsctl.Satellite;
using GroundStation.Hal.Fakes;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Tests.Sifting;

/// <summary>Small helpers: a loopback with a given config, and the per-class key each side ended with.</summary>
internal static class Harness
{
    public static SiftingConfig SmallConfig(int batch = 4, int batches = 4, int blockBits = 8, int blocks = 3) =>
        new(ReceiverMap.Default())
        {
            BatchCapacity = batch, BatchCount = batches, BlockBitCapacity = blockBits, BlockCount = blocks, MaxPayloadBytes = 1024,
        };

    /// <summary>A loopback whose input batches never exceed the announcement buffers (so only tests that want drops see them).</summary>
    public static SiftingLoopback Loop(SiftingConfig config, ISatelliteRecord record, ulong seed = 1) =>
        new(config, new SeededRandomSource(seed), record) { InputBatchSize = config.BatchCapacity };

    public static void Feed(SiftingLoopback loop, params (long Slot, int Channel)[] detections) =>
        loop.Feed(detections.Select(d => d.Slot).ToArray(), detections.Select(d => (byte)d.Channel).ToArray(), 0, detections.Length);

    /// <summary>The host's key of one class: accepted blocks concatenated in block order.</summary>
    public static List<byte> HostKey(SiftingLoopback loop, int intensityClass) =>
        loop.HostBlocks.OrderBy(b => b.Number).SelectMany(b => Unpack(b.Bits(intensityClass))).ToList();

    /// <summary>The satellite's key of one class: its accepted blocks concatenated in block order.</summary>
    public static List<byte> SatelliteKey(SiftingLoopback loop, int intensityClass) =>
        loop.Satellite.Blocks.Where(b => b.State == SatelliteBlockState.Accepted)
            .SelectMany(b => Unpack(b.Bits(intensityClass))).ToList();

    public static IEnumerable<byte> Unpack(SiftedBits bits) => Enumerable.Range(0, bits.Count).Select(i => (byte)bits[i]);

    public static int Cell(int intensityClass, int basis) => SiftCodes.Cell(intensityClass, basis);
}
