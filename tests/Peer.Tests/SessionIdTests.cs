using GroundStation.Peer.Session;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

/// <summary>
/// PeerSessionOptions.SessionId: a simulated pass fixes the station's session id (it names the final key) so a seed
/// repeats its key id; 0 is no session id and is refused before connecting.
/// </summary>
public class SessionIdTests
{
    [Fact]
    public async Task A_fixed_session_id_is_the_one_both_sides_see()
    {
        using var keys = new TestKeys();
        await using var net = new MemoryNetwork(TestOptions.Transmitter(keys.Hmac()));

        var (station, transmitter) = await net.OpenAsync(TestOptions.Station(keys.Hmac()) with { SessionId = 0x0123_4567_89AB_CDEFUL });
        await using var stationEnd = station;
        await using var transmitterEnd = transmitter;

        Assert.Equal(0x0123_4567_89AB_CDEFUL, station.SessionId);
        Assert.Equal(station.SessionId, transmitter.SessionId);
    }

    [Fact]
    public async Task A_session_id_of_0_is_refused_before_connecting()
    {
        using var keys = new TestKeys();
        var connected = false;

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => PeerSession.ConnectAsync(
            TestOptions.Station(keys.Hmac()) with { SessionId = 0 }, _ => { connected = true; throw new InvalidOperationException(); }));

        Assert.Contains("never 0", refused.Message);
        Assert.False(connected);
    }
}
