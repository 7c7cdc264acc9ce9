using GroundStation.Peer.Session;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

/// <summary>The proxy cuts the TCP connection at random byte positions: every message arrives exactly once, in order.</summary>
public class ResumptionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Connections_cut_at_random_points_deliver_every_message_once_and_in_order_both_ways()
    {
        const int count = 3000;
        const int cuts = 8;
        var random = new Random(20261128);
        var budgets = Enumerable.Range(0, cuts).Select(_ => (long?)random.Next(2_000, 20_000)).ToArray();
        await using var rig = TcpRig.Start();
        rig.Proxy.CutAfterBytes = index => index < cuts ? budgets[index] : null;
        var (station, transmitter) = await rig.OpenAsync();
        var states = new List<PeerSessionState>();
        station.StateChanged += (_, e) => { lock (states) { states.Add(e.State); } };

        var stationGot = Receive(station);
        var transmitterGot = Receive(transmitter);
        await Task.WhenAll(Send(station, count, seed: 1), Send(transmitter, count, seed: 2)).WaitAsync(Limit);
        Assert.Equal(Enumerable.Range(0, count), await transmitterGot.WaitAsync(Limit));
        Assert.Equal(Enumerable.Range(0, count), await stationGot.WaitAsync(Limit));
        await Task.WhenAll(station.CloseAsync(), transmitter.CloseAsync()).WaitAsync(Limit);

        Assert.Equal(cuts + 1, rig.Proxy.Connections);
        Assert.Equal(cuts + 1, station.Counters.Connections);
        Assert.Equal(cuts + 1, transmitter.Counters.Connections);
        Assert.Equal(count, station.Counters.MessagesSent);
        Assert.True(station.Counters.MessagesResent + transmitter.Counters.MessagesResent > 0, "some messages were in flight at a cut");
        Assert.Equal(cuts, states.Count(s => s == PeerSessionState.Resuming));
        Assert.Equal(PeerSessionState.Completed, states[^1]);
        // Every connection spent its own hash key and at least one epoch; both pools agree on what is spent.
        Assert.Equal(rig.Keys.StationPool.UsedBytes, rig.Keys.TransmitterPool.UsedBytes);
        Assert.True(rig.Keys.StationPool.UsedBytes >= (cuts + 1) * (16 + 32 * 256));
    }

    private static async Task Send(PeerSession session, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            await session.SendAsync(Numbered.Message(i, random.Next(200)));
            if (i % 50 == 0)
            {
                await Task.Delay(1);
            }
        }
    }

    private static async Task<List<int>> Receive(PeerSession session)
    {
        var got = new List<int>();
        while (got.Count < 3000 && await session.ReceiveAsync() is { } m)
        {
            got.Add(Numbered.Index(m));
        }

        return got;
    }
}
