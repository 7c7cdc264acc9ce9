using GroundStation.Peer.Handshake;
using GroundStation.Peer.Messages;
using GroundStation.Peer.Session;
using GroundStation.PostProcessing.Verification;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

public class SessionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(AuthenticationMode.InformationTheoreticWegmanCarter)]
    [InlineData(AuthenticationMode.ComputationalHmacSha256)]
    public async Task Handshake_agrees_on_identities_and_messages_flow_both_ways_until_both_close(AuthenticationMode mode)
    {
        using var keys = new TestKeys();
        var its = mode == AuthenticationMode.InformationTheoreticWegmanCarter;
        await using var net = new MemoryNetwork(TestOptions.Transmitter(its ? keys.Its(false) : keys.Hmac()));
        var (station, transmitter) = await net.OpenAsync(TestOptions.Station(its ? keys.Its(true) : keys.Hmac()) with
        {
            Reconciliation = ReconciliationMethod.Ldpc,
            Operation = PeerOperation.PostPass,
        });

        Assert.Equal(station.SessionId, transmitter.SessionId);
        Assert.Equal(station.Info! with { Role = PeerRole.Transmitter }, transmitter.Info);
        Assert.Equal(("ogs-test", "bench-tx", "pass-0001"), (transmitter.Info!.StationId, transmitter.Info.TransmitterId, transmitter.Info.PassId));
        Assert.Equal(ReconciliationMethod.Ldpc, transmitter.Info.Reconciliation);
        Assert.Equal(PeerOperation.PostPass, transmitter.Info.Operation);
        Assert.Contains(its ? "information-theoretic" : "COMPUTATIONAL ONLY", station.Info.Describe());

        for (var i = 0; i < 10; i++)
        {
            await station.SendAsync(FrameVerdictCodec.Encode(new FrameVerdict(i, i % 2 == 0)));
            await transmitter.SendAsync(KeyCommitCodec.Encode(new KeyCommit($"key-{i}", 100 + i)));
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(new FrameVerdict(i, i % 2 == 0), FrameVerdictCodec.Decode((await transmitter.ReceiveAsync())!));
            Assert.Equal(new KeyCommit($"key-{i}", 100 + i), KeyCommitCodec.Decode((await station.ReceiveAsync())!));
        }

        await Task.WhenAll(station.CloseAsync(), transmitter.CloseAsync()).WaitAsync(Limit);
        Assert.Null(await station.ReceiveAsync());
        Assert.Null(await transmitter.ReceiveAsync());
        Assert.Equal(PeerSessionState.Completed, station.State);
        Assert.Equal(PeerSessionState.Completed, transmitter.State);
        var counters = station.Counters;
        Assert.Equal(10, counters.MessagesSent);
        Assert.Equal(10, counters.MessagesReceived);
        if (its)
        {
            // Hash key (128 bits) + one 128-bit pad per frame sent or checked; one epoch of 256 frames each way reserved.
            Assert.Equal(128 * (1 + counters.FramesSent + counters.FramesReceived), counters.KeyBitsUsed);
            Assert.Equal(8 * (16 + 32 * 256), counters.KeyBitsReserved);
            Assert.Equal(16 + 32 * 256, keys.StationPool.UsedBytes);
            Assert.Equal(keys.StationPool.UsedBytes, keys.TransmitterPool.UsedBytes);
        }
        else
        {
            Assert.Equal(0, counters.KeyBitsReserved);
            Assert.Equal(0, keys.StationPool.UsedBytes);
        }
    }

    [Fact]
    public async Task One_process_may_play_both_sides_with_one_hmac_key_object()
    {
        using var keys = new TestKeys();
        var shared = keys.Hmac();
        await using var net = new MemoryNetwork(TestOptions.Transmitter(shared));
        var (station, transmitter) = await net.OpenAsync(TestOptions.Station(shared)).WaitAsync(Limit);
        await station.SendAsync(Numbered.Message(42));
        Assert.Equal(42, Numbered.Index((await transmitter.ReceiveAsync())!));
        await Task.WhenAll(station.CloseAsync(), transmitter.CloseAsync()).WaitAsync(Limit);
    }
}
