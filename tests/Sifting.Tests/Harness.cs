using GroundStation.Firmware.Sifting;
using GroundStation.Testbed.Satellite;
using GroundStation.Hal.Fakes;
using GroundStation.Host.Sifting;
using GroundStation.Host.Transmitter;
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

    /// <summary>
    /// A loopback whose input batches never exceed the announcement buffers (so only tests that want drops see them).
    /// Blocks are released unestimated unless a test sets a sample (SampleBits), so expected keys are whole blocks.
    /// </summary>
    public static SiftingLoopback Loop(SiftingConfig config, ITransmitterRecord record, ulong seed = 1) =>
        new(config, new SeededRandomSource(seed), record, EstimationPolicy.None) { InputBatchSize = config.BatchCapacity };

    public static void Feed(SiftingLoopback loop, params (long Slot, int Channel)[] detections) =>
        loop.Feed(detections.Select(d => d.Slot).ToArray(), detections.Select(d => (byte)d.Channel).ToArray(), 0, detections.Length);

    /// <summary>The host's key of one class: accepted blocks concatenated in block order.</summary>
    public static List<byte> HostKey(SiftingLoopback loop, int intensityClass) =>
        loop.HostBlocks.OrderBy(b => b.Number).SelectMany(b => Bits(b, intensityClass)).ToList();

    /// <summary>The satellite's key of one class: its accepted blocks concatenated in block order.</summary>
    public static List<byte> SatelliteKey(SiftingLoopback loop, int intensityClass) =>
        loop.Transmitter.Ledger.Blocks.Where(b => b.State == LedgerBlockState.Accepted)
            .SelectMany(b => Bits(b, intensityClass)).ToList();

    /// <summary>One block's bits of one class, in sifting order.</summary>
    public static byte[] Bits(LedgerBlock block, int intensityClass) => block.OfClass(intensityClass).Select(e => e.Bit).ToArray();

    /// <summary>One block's bases of one class, in sifting order.</summary>
    public static byte[] Bases(LedgerBlock block, int intensityClass) => block.OfClass(intensityClass).Select(e => e.Basis).ToArray();

    /// <summary>Contradictions either non-firmware side found (a real session would have ended).</summary>
    public static int ProtocolErrors(SiftingLoopback loop) => loop.Host.ProtocolErrors.Count;

    /// <summary>The one alarm as (block, class, basis, QBER ppm).</summary>
    public static (uint Block, int Class, int Basis, int QberPpm) Alarm(SiftingLoopback loop)
    {
        var a = loop.Alarms.Single();
        return (a.Block, a.IntensityClass, a.Basis, a.QberPpm);
    }

    public static int Cell(int intensityClass, int basis) => SiftCodes.Cell(intensityClass, basis);
}
