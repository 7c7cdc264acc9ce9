using GroundStation.Hal;
using GroundStation.Peer.Authentication;
using GroundStation.Peer.Session;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

/// <summary>A wrong key ends the session at the handshake with one line that says so; nothing is exchanged.</summary>
public class WrongKeyTests
{
    [Fact]
    public async Task Wegman_Carter_with_a_pool_whose_bits_differ_fails_the_confirmation_on_both_sides()
    {
        using var keys = new TestKeys();
        // The transmitter's copy of the pool has the same id and ledger but one different key byte (its hash key).
        var forged = Path.Combine(keys.Root, "forged.pool");
        var bytes = File.ReadAllBytes(keys.StationPool.Path);
        var firstKeyByte = 8 + 2 + 16 + 4 + 1 + "psk-test".Length + 4;
        bytes[firstKeyByte] ^= 1;
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes, 0, bytes.Length - 4));
        using (var file = new FileStream(forged, KeyFile.CreateOptions(FileMode.CreateNew)))
        {
            file.Write(bytes);
        }

        using var forgedPool = AuthenticationKeyPool.Open(forged, firstUse: true);
        await using var net = new MemoryNetwork(TestOptions.Transmitter(PeerCredentials.InformationTheoretic(forgedPool)));

        var (station, transmitter) = await net.OpenAsync(TestOptions.Station(keys.Its(true)));
        var stationError = await Assert.ThrowsAsync<PeerSessionException>(() => station.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        var transmitterError = await Assert.ThrowsAsync<PeerSessionException>(() => transmitter.Completion.WaitAsync(TimeSpan.FromSeconds(10)));

        foreach (var error in new[] { stationError, transmitterError })
        {
            Assert.Equal(PeerErrorCode.WrongKey, error.Code);
            Assert.StartsWith("wrong key: the ", error.Message);
            Assert.Contains("handshake confirmation does not verify: the two sides hold different keys", error.Message);
        }

        Assert.Equal(0, transmitter.Counters.MessagesReceived);
        Assert.Equal(PeerSessionState.Failed, station.State);
    }

    [Fact]
    public async Task Wegman_Carter_with_another_pool_is_refused_at_the_hello_naming_both_pools()
    {
        using var keys = new TestKeys();
        using var other = new TestKeys();
        await using var net = new MemoryNetwork(TestOptions.Transmitter(other.Its(false)));
        var error = await Assert.ThrowsAsync<PeerSessionException>(() => net.OpenAsync(TestOptions.Station(keys.Its(true))));
        Assert.Equal(PeerErrorCode.HandshakeRefused, error.Code);
        Assert.Contains("the two sides hold different keys", error.Message);
        Assert.Contains("wrong key pool: the station has pool " + Convert.ToHexString(keys.StationPool.PoolId)[..8], error.Message);
        Assert.Single(net.Failures);
        Assert.Equal(0, keys.StationPool.UsedBytes); // a refused handshake spends no key
    }

    [Fact]
    public async Task Hmac_with_a_different_pre_shared_key_is_refused_at_the_hello()
    {
        using var keys = new TestKeys();
        using var other = new TestKeys();
        await using var net = new MemoryNetwork(TestOptions.Transmitter(other.Hmac()));
        var error = await Assert.ThrowsAsync<PeerSessionException>(() => net.OpenAsync(TestOptions.Station(keys.Hmac())));
        Assert.Equal(PeerErrorCode.HandshakeRefused, error.Code);
        Assert.Contains("wrong pre-shared key: the station has key id", error.Message);
        Assert.StartsWith("refused memory B: the two sides hold different keys", net.Failures.Single());
    }

    [Fact]
    public async Task The_two_modes_do_not_mix()
    {
        using var keys = new TestKeys();
        await using var net = new MemoryNetwork(TestOptions.Transmitter(keys.Hmac()));
        var error = await Assert.ThrowsAsync<PeerSessionException>(() => net.OpenAsync(TestOptions.Station(keys.Its(true))));
        Assert.Contains("authentication mode refused", error.Message);
    }
}
