using System.Security.Cryptography;
using GroundStation.Peer.Authentication;
using GroundStation.Peer.Session;

namespace GroundStation.Tests.Peer.Support;

/// <summary>Key material in a temporary directory: a pool created on the station side and copied to the transmitter's.</summary>
internal sealed class TestKeys : IDisposable
{
    public TestKeys(int poolBytes = 1 << 20, byte[]? secret = null)
    {
        Directory.CreateDirectory(Root);
        Secret = secret ?? RandomNumberGenerator.GetBytes(poolBytes);
        StationPool = AuthenticationKeyPool.Create(Path.Combine(Root, "station.pool"), Secret, "psk-test");
        File.Copy(StationPool.Path, Path.Combine(Root, "transmitter.pool"));
        TransmitterPool = AuthenticationKeyPool.Open(Path.Combine(Root, "transmitter.pool"), firstUse: true);
        Psk = RandomNumberGenerator.GetBytes(32);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "peer-tests-" + Guid.NewGuid().ToString("N"));

    public byte[] Secret { get; }

    public byte[] Psk { get; }

    public AuthenticationKeyPool StationPool { get; }

    public AuthenticationKeyPool TransmitterPool { get; }

    public PeerCredentials Its(bool station) => PeerCredentials.InformationTheoretic(station ? StationPool : TransmitterPool);

    public PeerCredentials Hmac() => PeerCredentials.ComputationalHmacSha256(PreSharedKey.FromBytes(Psk));

    public void Dispose()
    {
        StationPool.Dispose();
        TransmitterPool.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
