using GroundStation.Peer.Session;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

/// <summary>
/// Latency in virtual time (deterministic): with 200 ms each way, the messages of a burst travel together and the
/// throughput is bound by the flow window, never by one round trip per message or per block.
/// </summary>
public class PipeliningTests
{
    private const long OneWayMs = 200;
    private const long RoundTripMs = 2 * OneWayMs;

    [Fact]
    public void A_burst_of_2000_messages_arrives_within_one_trip_not_one_round_trip_per_message()
    {
        using var keys = new TestKeys();
        var link = new VirtualLink(TestOptions.Station(keys.Its(true)), TestOptions.Transmitter(keys.Its(false)), OneWayMs);
        for (var i = 0; i < 2000; i++)
        {
            link.Station.Enqueue(Numbered.Message(i), 0);
        }

        link.RunUntil(() => link.TransmitterGot.Count == 2000, maxMs: 60_000);

        Assert.Equal(Enumerable.Range(0, 2000), link.TransmitterGot.Select(g => Numbered.Index(g.Message)));
        // Sent after the 5 ms flush interval, delivered one trip later: 205 ms, where stop-and-wait needs 2000 x 400 ms.
        Assert.Equal(OneWayMs + 5, link.TransmitterGot[^1].Time);
        Assert.Equal(0, link.Station.Counters.WindowStalls);
        Assert.Equal(1, link.Station.Counters.DataFramesSent);
    }

    [Fact]
    public async Task Over_real_TCP_with_200_ms_each_way_a_burst_never_waits_for_an_acknowledgement()
    {
        await using var rig = TcpRig.Start();
        rig.Proxy.Delay = TimeSpan.FromMilliseconds(OneWayMs);
        var (station, transmitter) = await rig.OpenAsync();
        for (var i = 0; i < 2000; i++)
        {
            await station.SendAsync(Numbered.Message(i));
        }

        for (var i = 0; i < 2000; i++)
        {
            Assert.Equal(i, Numbered.Index((await transmitter.ReceiveAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)))!));
        }

        // The window (8192 messages) never filled: no send waited for a round trip.
        Assert.Equal(0, station.Counters.WindowStalls);
        Assert.Equal(2000, station.Counters.MessagesSent);
        await Task.WhenAll(station.CloseAsync(), transmitter.CloseAsync()).WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void A_window_of_100_messages_moves_100_messages_per_round_trip()
    {
        using var keys = new TestKeys();
        var transmitter = TestOptions.Transmitter(keys.Its(false)) with { ReceiveWindowMessages = 100 };
        var link = new VirtualLink(TestOptions.Station(keys.Its(true)), transmitter, OneWayMs);
        for (var i = 0; i < 2000; i++)
        {
            link.Station.Enqueue(Numbered.Message(i), 0);
        }

        link.RunUntil(() => link.TransmitterGot.Count == 2000, maxMs: 60_000);

        Assert.Equal(Enumerable.Range(0, 2000), link.TransmitterGot.Select(g => Numbered.Index(g.Message)));
        // The window fills at once; each acknowledgement (sent when half the window is consumed) needs a round trip.
        Assert.Equal(19, link.Station.Counters.WindowStalls);
        Assert.Equal(19 * RoundTripMs + OneWayMs, link.TransmitterGot[^1].Time);
        Assert.Equal(100, link.Station.Counters.MaxMessagesInFlight);
    }

    [Fact]
    public void Interactive_exchanges_in_flight_together_cost_one_round_trip_per_step_not_per_frame()
    {
        // Cascade-like: 40 frames, each step a request and a reply; all frames' requests of one step travel together.
        using var keys = new TestKeys();
        var link = new VirtualLink(TestOptions.Station(keys.Its(true)), TestOptions.Transmitter(keys.Its(false)), OneWayMs);
        const int frames = 40, steps = 10;
        var replies = 0;
        for (var step = 0; step < steps; step++)
        {
            for (var f = 0; f < frames; f++)
            {
                link.Station.Enqueue(Numbered.Message(step * frames + f), link.Now);
            }

            var want = (step + 1) * frames;
            link.RunUntil(() => link.TransmitterGot.Count >= want, 600_000);
            foreach (var (_, m) in link.TransmitterGot.Skip(step * frames))
            {
                link.Transmitter.Enqueue(Numbered.Message(Numbered.Index(m)), link.Now);
            }

            link.RunUntil(() => link.StationGot.Count >= want, 600_000);
            replies = link.StationGot.Count;
        }

        Assert.Equal(frames * steps, replies);
        // Each step: flush interval + one trip each way (+ flush interval for the reply).
        Assert.Equal(steps * (RoundTripMs + 2 * 5), link.StationGot[^1].Time);
    }
}
