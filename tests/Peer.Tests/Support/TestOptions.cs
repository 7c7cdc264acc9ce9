using GroundStation.Peer.Handshake;
using GroundStation.Peer.Session;

namespace GroundStation.Tests.Peer.Support;

internal static class TestOptions
{
    public static PeerSessionOptions Station(PeerCredentials credentials) => new()
    {
        Role = PeerRole.Station,
        StationId = "ogs-test",
        TransmitterId = "bench-tx",
        PassId = "pass-0001",
        Credentials = credentials,
        FlushInterval = TimeSpan.FromMilliseconds(5),
        AckDelay = TimeSpan.FromMilliseconds(20),
        KeepaliveInterval = TimeSpan.FromSeconds(1),
        SilenceTimeout = TimeSpan.FromSeconds(10),
        ResumeTimeout = TimeSpan.FromSeconds(15),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
    };

    public static PeerSessionOptions Transmitter(PeerCredentials credentials) => Station(credentials) with
    {
        Role = PeerRole.Transmitter,
        StationId = "",
        PassId = "",
    };
}
