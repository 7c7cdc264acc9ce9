using GroundStation.Peer.Session;
using GroundStation.Peer.Wire;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

/// <summary>A man in the middle on loopback TCP alters, repeats or reorders one frame: the session ends with the cause named.</summary>
public class AdversaryTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task One_flipped_bit_in_a_message_ends_the_session_as_tampered_and_the_message_is_never_delivered(bool its)
    {
        await using var rig = TcpRig.Start(its);
        var dataFrames = 0;
        rig.Proxy.FrameHook = (direction, _, _, frame) =>
        {
            if (direction == ProxyDirection.ClientToServer && frame[4] == (byte)FrameType.Data && ++dataFrames == 3)
            {
                frame[4 + PeerWire.AuthenticatedHeaderBytes + 12 + 5 + 2] ^= 0x10; // a bit of the first message's payload
            }

            return [frame];
        };
        var (station, transmitter) = await rig.OpenAsync(its: its);
        var received = new List<int>();
        var sender = Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await station.SendAsync(Numbered.Message(i));
                station.Flush();
                await Task.Delay(2);
            }
        });

        var error = await Assert.ThrowsAsync<PeerSessionException>(async () =>
        {
            while (await transmitter.ReceiveAsync().AsTask().WaitAsync(Limit) is { } m)
            {
                received.Add(Numbered.Index(m));
            }
        });

        Assert.Equal(PeerErrorCode.Tampered, error.Code);
        Assert.StartsWith("tampered message: frame ", error.Message);
        Assert.Contains("failed authentication", error.Message);
        Assert.False(error.ReportedByPeer);
        Assert.Equal(Enumerable.Range(0, received.Count), received); // in order, and nothing from the altered frame on
        Assert.True(received.Count < 100);

        var stationError = await Assert.ThrowsAsync<PeerSessionException>(() => station.Completion.WaitAsync(Limit));
        Assert.Equal(PeerErrorCode.Tampered, stationError.Code);
        Assert.True(stationError.ReportedByPeer);
        Assert.Contains("the transmitter ended the session", stationError.Message);
        Assert.Equal(PeerSessionState.Failed, station.State);
        await Assert.ThrowsAsync<PeerSessionException>(() => sender.WaitAsync(Limit));
    }

    [Fact]
    public async Task A_repeated_frame_ends_the_session_as_a_replay()
    {
        await using var rig = TcpRig.Start();
        var dataFrames = 0;
        rig.Proxy.FrameHook = (direction, _, _, frame) =>
            direction == ProxyDirection.ServerToClient && frame[4] == (byte)FrameType.Data && ++dataFrames == 2 ? [frame, frame] : [frame];
        var (station, transmitter) = await rig.OpenAsync();
        _ = SendSlowly(transmitter, 50);

        var error = await Assert.ThrowsAsync<PeerSessionException>(() => Drain(station));
        Assert.Equal(PeerErrorCode.Replayed, error.Code);
        Assert.StartsWith("replayed message: frame ", error.Message);
        Assert.Equal(PeerErrorCode.Replayed, (await Assert.ThrowsAsync<PeerSessionException>(() => transmitter.Completion.WaitAsync(Limit))).Code);
    }

    [Fact]
    public async Task Two_frames_swapped_end_the_session_as_reordered()
    {
        await using var rig = TcpRig.Start();
        byte[]? held = null;
        var dataFrames = 0;
        rig.Proxy.FrameHook = (direction, _, _, frame) =>
        {
            if (direction != ProxyDirection.ClientToServer || frame[4] != (byte)FrameType.Data)
            {
                return [frame];
            }

            dataFrames++;
            if (dataFrames == 2)
            {
                held = frame;
                return [];
            }

            return dataFrames == 3 ? [frame, held!] : [frame];
        };
        var (station, transmitter) = await rig.OpenAsync();
        _ = SendSlowly(station, 50);

        var error = await Assert.ThrowsAsync<PeerSessionException>(() => Drain(transmitter));
        Assert.Equal(PeerErrorCode.Reordered, error.Code);
        Assert.Contains("frames reordered or one removed", error.Message);
    }

    private static async Task SendSlowly(PeerSession session, int count)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                await session.SendAsync(Numbered.Message(i));
                session.Flush();
                await Task.Delay(3);
            }
        }
        catch (PeerSessionException)
        {
            // the session ended under the test's attack
        }
    }

    private static async Task Drain(PeerSession session)
    {
        while (await session.ReceiveAsync().AsTask().WaitAsync(Limit) is not null)
        {
        }
    }
}
