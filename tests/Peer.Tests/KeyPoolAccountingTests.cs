using GroundStation.Peer.Messages;
using GroundStation.Protocol;
using GroundStation.Peer.Authentication;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Session;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

/// <summary>Wegman-Carter key consumption: 128 pool bits per frame, whole epochs reserved, a clean end before any pad is reused.</summary>
public class KeyPoolAccountingTests
{
    [Fact]
    public void Each_frame_spends_one_128_bit_pad_and_a_connection_one_hash_key()
    {
        using var keys = new TestKeys();
        var link = new VirtualLink(TestOptions.Station(keys.Its(true)), TestOptions.Transmitter(keys.Its(false)), 10);
        for (var i = 0; i < 30; i++)
        {
            link.Station.Enqueue(Numbered.Message(i), link.Now);
            link.Station.RequestFlush(); // one message per frame
            link.RunUntil(() => link.TransmitterGot.Count == i + 1, 100_000);
        }

        var s = link.Station.Counters;
        var t = link.Transmitter.Counters;
        Assert.Equal(30, s.DataFramesSent);
        Assert.Equal(s.FramesSent, t.FramesReceived);
        Assert.Equal(128 * (1 + s.FramesSent + s.FramesReceived), s.KeyBitsUsed);
        Assert.Equal(128 * (1 + t.FramesSent + t.FramesReceived), t.KeyBitsUsed);
        // The first epoch (256 frames each way) and the hash key are reserved on disk, on both sides, before use.
        Assert.Equal(8 * (16 + 2 * 16 * 256), s.KeyBitsReserved);
        Assert.Equal(16 + 2 * 16 * 256, keys.StationPool.UsedBytes);
        Assert.Equal(16 + 2 * 16 * 256, keys.TransmitterPool.UsedBytes);
    }

    [Theory]
    [InlineData(200, 1500, 6)]
    [InlineData(1000, 300, 2)]
    [InlineData(5000, 120, 1)]
    public void A_300_s_live_pass_spends_pool_by_frames_not_by_messages(int flushMs, int frames, int epochs)
    {
        // 40 announcement batches per second (~10 kcounts/s in batches of 256), each answered at once; 50 ms each way;
        // the product's defaults but for the flush interval: 1 s ack delay, 5 s keepalive, B = 256.
        using var keys = new TestKeys();
        PeerSessionOptions Defaults(PeerSessionOptions o) => o with
        {
            FlushInterval = TimeSpan.FromMilliseconds(flushMs), AckDelay = TimeSpan.FromSeconds(1),
            KeepaliveInterval = TimeSpan.FromSeconds(5), SilenceTimeout = TimeSpan.FromSeconds(30),
        };
        var link = new VirtualLink(Defaults(TestOptions.Station(keys.Its(true))), Defaults(TestOptions.Transmitter(keys.Its(false))), 50);
        var answered = 0;
        for (long t = 0; t < 300_000; t += 25)
        {
            link.RunTo(t);
            link.Station.Enqueue(SiftingRelayCodec.Wrap(MessageType.SiftAnnounce, new byte[600]), t);
            for (; answered < link.TransmitterGot.Count; answered++)
            {
                link.Transmitter.Enqueue(SiftingRelayCodec.Wrap(MessageType.SiftMatch, new byte[100]), link.Now);
            }
        }

        while (link.StationGot.Count < 12_000)
        {
            link.RunTo(link.Now + 25);
            for (; answered < link.TransmitterGot.Count; answered++)
            {
                link.Transmitter.Enqueue(SiftingRelayCodec.Wrap(MessageType.SiftMatch, new byte[100]), link.Now);
            }
        }

        var s = link.Station.Counters;
        var t2 = link.Transmitter.Counters;
        Assert.Equal(12_000, t2.MessagesReceived);
        Assert.Equal(12_000, s.MessagesReceived);
        var busier = Math.Max(s.FramesSent, t2.FramesSent);
        Assert.InRange(busier, frames, frames + 2); // one frame per flush interval (or keepalive) per direction
        Assert.Equal(epochs, (busier + 255) / 256);
        Assert.Equal(8 * (16 + 32 * 256 * epochs), s.KeyBitsReserved); // PEER.md section 6.2
        Assert.Equal(s.KeyBitsReserved, t2.KeyBitsReserved);
    }

    [Fact]
    public void Many_messages_in_one_frame_share_its_128_bits()
    {
        using var keys = new TestKeys();
        var link = new VirtualLink(TestOptions.Station(keys.Its(true)), TestOptions.Transmitter(keys.Its(false)), 10);
        for (var i = 0; i < 1000; i++)
        {
            link.Station.Enqueue(Numbered.Message(i), 0);
        }

        link.RunUntil(() => link.TransmitterGot.Count == 1000, 100_000);
        var s = link.Station.Counters;
        Assert.Equal(1, s.DataFramesSent);
        Assert.Equal(2, s.FramesSent); // Confirm and one Data frame with all 1000 messages
        Assert.Equal(128 * (1 + 2 + s.FramesReceived), s.KeyBitsUsed);
    }

    [Fact]
    public void Entering_the_next_epoch_reserves_it_whole_before_the_first_pad_is_used()
    {
        using var keys = new TestKeys();
        var station = TestOptions.Station(keys.Its(true)) with { EpochFrames = 16 };
        var link = new VirtualLink(station, TestOptions.Transmitter(keys.Its(false)) with { EpochFrames = 64 }, 10);
        for (var i = 0; i < 20; i++)
        {
            link.Station.Enqueue(Numbered.Message(i), link.Now);
            link.Station.RequestFlush();
            link.RunUntil(() => link.TransmitterGot.Count == i + 1, 100_000);
        }

        // The smaller proposal (16) is agreed; 21 station frames reach into the second epoch.
        Assert.Equal(16 + 2 * 2 * 16 * 16, keys.StationPool.UsedBytes);
        Assert.Equal(keys.StationPool.UsedBytes, keys.TransmitterPool.UsedBytes);
    }

    [Fact]
    public void An_exhausted_pool_ends_the_session_with_its_last_pad_and_never_reuses_one()
    {
        // Hash key + two epochs of 16 frames each way: 32 frames per direction, the last kept for the error.
        var poolBytes = 16 + 2 * 2 * 16 * 16 + 8;
        using var keys = new TestKeys(poolBytes);
        var options = TestOptions.Station(keys.Its(true)) with { EpochFrames = 16 };
        // The transmitter only listens (no acknowledgements within the test), so the station runs out first.
        var transmitter = TestOptions.Transmitter(keys.Its(false)) with { EpochFrames = 16, AckDelay = TimeSpan.FromSeconds(10) };
        var link = new VirtualLink(options, transmitter, 10);
        var sent = 0;
        var error = Assert.Throws<PeerSessionException>((Action)(() =>
        {
            while (true)
            {
                link.Station.Enqueue(Numbered.Message(sent++), link.Now);
                link.Station.RequestFlush();
                link.RunUntil(() => link.TransmitterGot.Count == sent || link.Station.Failure is not null, 100_000);
                if (link.Station.Failure is not null)
                {
                    link.RunUntil(() => link.Transmitter.Failure is not null, 100_000);
                    throw link.Transmitter.Failure!;
                }
            }
        }));

        Assert.Equal(PeerErrorCode.KeyPoolExhausted, error.Code);
        Assert.True(error.ReportedByPeer);
        Assert.StartsWith("the station ended the session: authentication key pool exhausted: no pads left after 31 frames", error.Message);
        Assert.Equal(PeerErrorCode.KeyPoolExhausted, link.Station.Failure!.Code);
        Assert.Contains("replenish the pool", link.Station.Failure.Message);
        Assert.Equal(32, link.Station.Counters.FramesSent); // Confirm, 30 Data, the Error frame
        Assert.Equal(30, link.TransmitterGot.Count);
        Assert.Equal(poolBytes - 8, keys.StationPool.UsedBytes);
        Assert.Equal(poolBytes - 8, keys.TransmitterPool.UsedBytes);
    }

    [Fact]
    public async Task A_pool_without_room_for_one_epoch_refuses_the_handshake()
    {
        using var keys = new TestKeys(16 + 2 * 16 * 256 - 1);
        await using var net = new MemoryNetwork(TestOptions.Transmitter(keys.Its(false)));
        var error = await Assert.ThrowsAsync<PeerSessionException>(() => net.OpenAsync(TestOptions.Station(keys.Its(true))));
        Assert.Equal(PeerErrorCode.KeyPoolExhausted, error.Code);
        Assert.Contains("authentication key pool is exhausted", error.Message);
        Assert.Equal(0, keys.StationPool.UsedBytes);
    }

    [Fact]
    public void The_pad_schedule_interleaves_directions_by_epoch()
    {
        var schedule = new PadSchedule(startOffset: 1000, epochFrames: 16, poolBytes: 1000 + 16 + 3 * 512 + 100);
        Assert.Equal(3, schedule.Epochs);
        Assert.Equal(48, schedule.FramesPerDirection);
        Assert.Equal(1000, schedule.HashKeyOffset);
        Assert.Equal(1016, schedule.PadOffset(PeerDirection.StationToTransmitter, 0));
        Assert.Equal(1016 + 15 * 16, schedule.PadOffset(PeerDirection.StationToTransmitter, 15));
        Assert.Equal(1016 + 256, schedule.PadOffset(PeerDirection.TransmitterToStation, 0));
        Assert.Equal(1016 + 512, schedule.PadOffset(PeerDirection.StationToTransmitter, 16));
        Assert.Equal(1016 + 512 + 256 + 16, schedule.PadOffset(PeerDirection.TransmitterToStation, 17));
        Assert.Equal(1016 + 2 * 512, schedule.ReservationFor(16));
        Assert.Throws<InvalidOperationException>(() => schedule.PadOffset(PeerDirection.StationToTransmitter, 48));
        // Every pad of every direction and counter is distinct and inside the pool.
        var offsets = Enumerable.Range(0, 48).SelectMany(c => new[]
        {
            schedule.PadOffset(PeerDirection.StationToTransmitter, c), schedule.PadOffset(PeerDirection.TransmitterToStation, c),
        }).ToList();
        Assert.Equal(offsets.Count, offsets.Distinct().Count());
        Assert.All(offsets, o => Assert.InRange(o, 1016, 1000 + 16 + 3 * 512 - 16));
    }

    [Fact]
    public void A_pad_is_never_used_twice_even_by_a_buggy_caller()
    {
        using var keys = new TestKeys();
        var auth = new WegmanCarterAuthenticator(keys.StationPool, new PadSchedule(0, 16, keys.StationPool.TotalBytes));
        var tag = new byte[16];
        auth.Tag(PeerDirection.StationToTransmitter, 0, [1, 2, 3], tag);
        Assert.Throws<InvalidOperationException>(() => auth.Tag(PeerDirection.StationToTransmitter, 0, [1, 2, 4], tag));
        Assert.Throws<InvalidOperationException>(() => auth.Tag(PeerDirection.StationToTransmitter, 2, [1, 2, 4], tag));
        auth.Tag(PeerDirection.TransmitterToStation, 0, [9], tag); // the other direction has its own pads
    }
}
