using GroundStation.Host.Link;
using GroundStation.Testbed.Link;
using GroundStation.Hal;
using GroundStation.Protocol;

namespace GroundStation.Testbed.Bench;

/// <summary>
/// `gsctl bench link`: the device endpoint streams sifted-bit blocks to a host session over a virtual-time UART
/// at 921600 baud (10 bit times per byte), first on a clean line (payloadEfficiency), then with bit errors at
/// 1e-4 per bit in both directions (lostBits, duplicatedBits, corruptedBits must all be 0). Each block carries its
/// number and a pattern derived from it, so the host side checks every delivered bit.
/// </summary>
public sealed class LinkBenchmark : IBenchmark
{
    private const int Baud = 921600;
    private const int BlockBytes = 480;
    private const MessageType SiftedBlock = (MessageType)0x42;

    public string Name => "link";

    public string Description =>
        "Stream sifted-bit blocks device->host over a virtual 921600-baud UART; report payload efficiency on a clean " +
        "line and lost/duplicated/corrupted bits, retransmissions and goodput at a bit error rate of 1e-4.";

    public BenchReport Run(BenchOptions options)
    {
        double seconds = options.Quick ? 1.0 : 5.0;
        options.Progress?.Invoke($"clean line, {seconds} s virtual time");
        var clean = Stream(0, seconds, options.Seed);
        options.Progress?.Invoke($"bit error rate 1e-4, {seconds} s virtual time");
        var noisy = Stream(1e-4, seconds, options.Seed);

        double lineBytesPerSecond = Baud / 10.0;
        return new BenchReport(Name)
            .Add("baud", Baud)
            .Add("blockPayloadBytes", BlockBytes)
            .Add("payloadEfficiency", clean.PayloadBytes / (lineBytesPerSecond * clean.Seconds))
            .Add("goodputBitsPerSecond", clean.PayloadBytes * 8 / clean.Seconds, "bit/s")
            .Add("frameOverheadBytes", clean.WireBytes / (double)clean.Frames - BlockBytes, "B/frame")
            .Add("bitErrorRate", 1e-4)
            .Add("noisyPayloadEfficiency", noisy.PayloadBytes / (lineBytesPerSecond * noisy.Seconds))
            .Add("noisyGoodputBitsPerSecond", noisy.PayloadBytes * 8 / noisy.Seconds, "bit/s")
            .Add("flippedBits", noisy.FlippedBits)
            .Add("rejectedFrames", noisy.RejectedFrames)
            .Add("retransmissions", noisy.Retransmissions)
            .Add("sentBits", noisy.SentBlocks * BlockBytes * 8L)
            .Add("deliveredBits", noisy.DeliveredBlocks * BlockBytes * 8L)
            .Add("lostBits", noisy.LostBlocks * BlockBytes * 8L)
            .Add("duplicatedBits", noisy.DuplicatedBlocks * BlockBytes * 8L)
            .Add("corruptedBits", noisy.CorruptedBits)
            .Add("reorderedBlocks", noisy.ReorderedBlocks);
    }

    private sealed record Result(double Seconds, long PayloadBytes, long WireBytes, long Frames, long FlippedBits,
        long RejectedFrames, long Retransmissions, long SentBlocks, long DeliveredBlocks, long LostBlocks,
        long DuplicatedBlocks, long CorruptedBits, long ReorderedBlocks);

    private static Result Stream(double bitErrorRate, double seconds, int seed)
    {
        var clock = new BenchClock();
        var line = new TimedSerialLine(() => clock.NowMicroseconds, Baud, bitErrorRate, seed);
        var identity = new DeviceIdentity("bench", "GS-bench", ProtocolVersion.Current, "virtual", "0");
        var device = new DeviceEndpoint(line.A, clock, identity, new LinkSettings(), 0x5EED0000u | (uint)seed);
        var host = new HostSession(line.B, clock);

        var seen = new HashSet<int>();
        long delivered = 0, duplicated = 0, corrupted = 0, reordered = 0, payloadBytes = 0;
        int last = -1;
        var expected = new byte[BlockBytes];
        host.Received = (type, buffer, offset, count) =>
        {
            int id = BitConverter.ToInt32(buffer, offset);
            delivered++;
            payloadBytes += count;
            if (!seen.Add(id))
            {
                duplicated++;
            }

            if (id < last)
            {
                reordered++;
            }

            last = Math.Max(last, id);
            Fill(expected, id);
            for (int i = 0; i < Math.Min(count, BlockBytes); i++)
            {
                corrupted += System.Numerics.BitOperations.PopCount((uint)(buffer[offset + i] ^ expected[i]));
            }
        };

        const long Step = 100;
        host.StartHandshake();
        while (host.State != HostSessionState.Connected && clock.NowMicroseconds < 5_000_000)
        {
            device.Poll();
            host.Poll();
            clock.NowMicroseconds += Step;
        }

        // Measure from the first block on: the handshake is not payload time.
        long start = clock.NowMicroseconds;
        long end = start + (long)(seconds * 1e6);
        long startBytes = line.A.BytesSent;
        long startFrames = device.Channel.FramesSent;
        var block = new byte[BlockBytes];
        int sent = 0;
        while (clock.NowMicroseconds < end)
        {
            while (device.CanAccept(BlockBytes))
            {
                Fill(block, sent++);
                device.SendReliable(SiftedBlock, block, 0, BlockBytes);
            }

            device.Poll();
            host.Poll();
            clock.NowMicroseconds += Step;
        }

        long measuredPayload = payloadBytes;
        long wireBytes = line.A.BytesSent - startBytes;
        long frames = device.Channel.FramesSent - startFrames;

        // Drain: everything handed to the device must arrive.
        long drainEnd = clock.NowMicroseconds + 30_000_000;
        while (device.PendingReliable > 0 && clock.NowMicroseconds < drainEnd)
        {
            device.Poll();
            host.Poll();
            clock.NowMicroseconds += Step;
        }

        return new Result(seconds, measuredPayload, wireBytes, frames, line.A.FlippedBits + line.B.FlippedBits,
            host.Channel.Decoder.RejectedFrames + device.Channel.Decoder.RejectedFrames,
            device.Channel.Sender.Retransmissions, sent, delivered - duplicated, sent - seen.Count, duplicated,
            corrupted, reordered);
    }

    /// <summary>Block <paramref name="id"/>: its number, then a pattern only it has.</summary>
    private static void Fill(byte[] block, int id)
    {
        BitConverter.TryWriteBytes(block, id);
        uint state = (uint)id * 2654435761u + 1;
        for (int i = 4; i < block.Length; i++)
        {
            state = state * 1664525u + 1013904223u;
            block[i] = (byte)(state >> 24);
        }
    }

    private sealed class BenchClock : IMonotonicClock
    {
        public long NowMicroseconds { get; set; }

        public int ResolutionMicroseconds => 1;
    }
}
