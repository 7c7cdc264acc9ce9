using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;
using static GroundStation.Tests.Sifting.Harness;

namespace GroundStation.Tests.Sifting;

public class BackPressureTests
{
    private static (long[] Slots, byte[] Channels, TestRecord Record) Stream(int count)
    {
        var record = new TestRecord();
        var slots = new long[count];
        var channels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            slots[i] = 5 + 11L * i;
            channels[i] = (byte)(i % 4);
            record.Add(slots[i], channels[i] / 2, channels[i] % 2, i % 3);
        }

        return (slots, channels, record);
    }

    [Fact]
    public void A_silent_link_pauses_announcements_and_drops_are_counted_without_corrupting_the_key()
    {
        var (slots, channels, record) = Stream(200);
        var loop = Loop(SmallConfig(batch: 16, batches: 2, blockBits: 64, blocks: 3), record);
        loop.Link.Paused = true;
        loop.Feed(slots, channels, 0, 200);
        loop.Ground.Flush();
        loop.Link.Paused = false;
        loop.FinishPass();

        var c = loop.Ground.Counters;
        Assert.Equal(32, c.AnnouncedSlots); // two batches of 16 were waiting; every later slot was dropped
        Assert.Equal(168, c.DroppedSlots);
        Assert.Equal(168, c.DroppedClicks);
        Assert.Equal(200, c.AnnouncedSlots + c.DroppedSlots);
        for (var cls = 0; cls < 3; cls++)
        {
            Assert.Equal(SatelliteKey(loop, cls), HostKey(loop, cls));
        }

        Assert.Equal(32, loop.HostBlocks.Sum(b => b.Entries.Count));
        Assert.Equal(0, c.InternalErrors + c.UnexpectedMessages + ProtocolErrors(loop));
    }

    [Fact]
    public void Blocks_waiting_for_estimation_stop_announcements_until_the_host_catches_up()
    {
        var (slots, channels, record) = Stream(400);
        var loop = Loop(SmallConfig(batch: 16, batches: 4, blockBits: 32, blocks: 2), record);
        loop.AutoEstimate = false;
        for (var i = 0; i < 200; i += 10)
        {
            loop.Feed(slots, channels, i, 10);
        }

        var c = loop.Ground.Counters;
        Assert.True(c.DroppedSlots > 0);
        Assert.True(c.SiftedBits <= 64, "never more sifted bits than the blocks hold");

        // The host catches up: estimation with no sample releases the blocks, and sifting resumes.
        var dropped = c.DroppedSlots;
        for (uint b = 0; b < 2; b++)
        {
            Assert.True(loop.RequestEstimate(b, 0));
        }

        loop.AutoEstimate = true;
        loop.Pump();
        for (var i = 200; i < 400; i += 10)
        {
            loop.Feed(slots, channels, i, 10);
        }

        loop.FinishPass();
        Assert.True(c.AnnouncedSlots > 64);
        Assert.Equal(400, c.AnnouncedSlots + c.DroppedSlots);
        Assert.True(c.DroppedSlots >= dropped);
        for (var cls = 0; cls < 3; cls++)
        {
            Assert.Equal(SatelliteKey(loop, cls), HostKey(loop, cls));
        }

        Assert.Equal(c.SiftedBits, c.BitsDelivered);
        Assert.Equal(0, c.InternalErrors + c.UnexpectedMessages);
    }

    [Fact]
    public void Nothing_is_sent_while_the_link_has_no_room()
    {
        var (slots, channels, record) = Stream(64);
        var loop = Loop(SmallConfig(batch: 16, batches: 4, blockBits: 64), record);
        loop.Link.CapacityBytes = 10; // smaller than any announcement of 16 slots
        loop.Feed(slots, channels, 0, 64);

        Assert.Equal(0, loop.Ground.Counters.AnnouncementsSent);
        Assert.Empty(loop.Link.BytesByType);
        loop.Link.CapacityBytes = int.MaxValue;
        loop.FinishPass();
        Assert.Equal(64, loop.Ground.Counters.AnnouncedSlots);
    }
}
