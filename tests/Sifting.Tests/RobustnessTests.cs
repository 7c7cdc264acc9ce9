using GroundStation.Firmware.Sifting;
using GroundStation.Testbed.Bench;
using GroundStation.Testbed.Satellite;
using GroundStation.Host.Sifting;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;
using static GroundStation.Tests.Sifting.Harness;

namespace GroundStation.Tests.Sifting;

public class RobustnessTests
{
    [Fact]
    public void Malformed_and_unexpected_payloads_are_rejected_counted_and_change_nothing()
    {
        var loop = Loop(SmallConfig(), new TestRecord().Add(1, 0, 0));
        var c = loop.Ground.Counters;

        Assert.False(loop.SendToGround(MessageType.SiftMatch, [0xFF]));
        Assert.False(loop.SendToGround(MessageType.SiftEstimateReference, [1, 2, 3, 4]));
        Assert.False(loop.SendToGround(MessageType.SiftFlush, [0]));
        Assert.Equal(3, c.MalformedPayloads);

        var match = new byte[8];
        var n = SiftMatchCodec.Encode(match, 0, 0, [1], [0], 1);
        Assert.False(loop.SendToGround(MessageType.SiftMatch, match[..n])); // nothing announced yet
        Assert.False(loop.RequestEstimate(5, 10)); // no such block
        Assert.False(loop.SendToGround(MessageType.Hello, []));
        Assert.Equal(3, c.UnexpectedMessages);

        // A match reply for the wrong batch after a real announcement is refused; the real one still works.
        loop.Link.Paused = true;
        Feed(loop, (1, 0));
        loop.Ground.EndOfInput();
        loop.Link.Paused = false;
        loop.Ground.Service();
        var announce = loop.Link.Take()!;
        Assert.Equal(MessageType.SiftAnnounce, announce.Type);
        n = SiftMatchCodec.Encode(match, 0, 1, [1], [0], 1);
        Assert.False(loop.SendToGround(MessageType.SiftMatch, match[..n]));
        var replies = new Queue<SiftingMessage>();
        loop.Host.FromFirmware(announce.Type, announce.Payload, replies);
        var reply = replies.Single();
        Assert.True(loop.SendToGround(reply.Type, reply.Payload));
        loop.FinishPass();
        Assert.Equal(new byte[] { 0 }, HostKey(loop, 0));
        Assert.Equal(4, c.UnexpectedMessages);
    }

    [Fact]
    public void The_per_detection_path_allocates_nothing()
    {
        var record = new SeededSatelliteRecord(3);
        var generator = new DetectionStreamGenerator(4, record) { ErrorRate = 0.02, MultiClickRate = 0.02, MeanSlotGap = 100 };
        var slots = new long[2048];
        var channels = new byte[2048];
        var config = new SiftingConfig(ReceiverMap.Default());
        var warm = Loop(config, record);
        generator.Fill(slots, channels, slots.Length, 0, out var n);
        warm.SampleBits = 100;
        warm.Feed(slots, channels, 0, n);
        warm.FinishPass();

        var loop = Loop(config, record);
        loop.SampleBits = 100;
        long last = 0;
        const int rounds = 24;
        var allocation = new AllocationByEighths();
        for (var round = 0; round < rounds; round++)
        {
            last = generator.Fill(slots, channels, slots.Length, last, out n);
            var before = loop.GroundAllocatedBytes;
            loop.Feed(slots, channels, 0, n);
            allocation.Add(round / (double)rounds, loop.GroundAllocatedBytes - before, n);
        }

        loop.FinishPass();
        Assert.True(loop.Ground.Counters.BlocksAccepted > 5);

        // Nothing in any eighth of the run; at most one runtime one-off (see AllocationByEighths) in the rest.
        Assert.Equal(0, allocation.SteadyStateBytesPerWork);
        Assert.InRange(allocation.WindowsThatAllocated, 0, 1);
        Assert.InRange(loop.GroundAllocatedBytes, 0, 16 * 1024);
    }

    [Fact]
    public void Key_carrying_types_never_print_their_bits()
    {
        var bits = SiftedBits.FromBits([1, 0, 1, 1, 0, 1]);
        Assert.Equal("SiftedBits(6 bits, contents redacted)", bits.ToString());
        Assert.Equal("SiftedEntry(slot 7, basis 1, class 0, bit redacted)", new SiftedEntry(7, 1, 0, 1).ToString());
        var loop = Loop(SmallConfig(), new TestRecord().Add(1, 0, 1));
        Feed(loop, (1, 1));
        loop.FinishPass();
        Assert.Equal("LedgerBlock 0 (Accepted, 1 entries)", loop.HostBlocks.Single().ToString());
        Assert.Equal("LedgerBlock 0 (Accepted, 1 entries)", loop.Transmitter.Ledger.Block(0)!.ToString());
    }

    [Fact]
    public void Configurations_that_could_deadlock_are_refused()
    {
        var config = SmallConfig(batch: 64, blockBits: 32);
        Assert.Throws<ArgumentException>(config.Validate);
        var incomplete = new ReceiverMap(500_000);
        incomplete.Assign(0, 0, 0);
        Assert.Throws<ArgumentException>(new SiftingConfig(incomplete).Validate);
        Assert.Throws<ArgumentException>(() => { var c = SmallConfig(blockBits: 8192); c.MaxPayloadBytes = 1024; c.Validate(); });
    }
}
