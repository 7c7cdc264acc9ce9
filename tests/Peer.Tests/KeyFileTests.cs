using System.Security.Cryptography;
using GroundStation.Peer.Authentication;
using GroundStation.Peer.Session;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

/// <summary>The key pool and pre-shared key files: owner-only, never reused, damage and loss refused, replenished in step.</summary>
public class KeyFileTests
{
    [Fact]
    public void A_new_pool_and_its_usage_record_are_owner_only_and_the_used_mark_survives_reopening()
    {
        using var keys = new TestKeys(4096);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(KeyFile.OwnerOnly, File.GetUnixFileMode(keys.StationPool.Path));
            Assert.Equal(KeyFile.OwnerOnly, File.GetUnixFileMode(AuthenticationKeyPool.UsagePath(keys.StationPool.Path)));
        }

        keys.StationPool.Reserve(1000);
        var path = keys.StationPool.Path;
        keys.StationPool.Dispose();
        using var reopened = AuthenticationKeyPool.Open(path);
        Assert.Equal(1000, reopened.UsedBytes);
        Assert.Equal(4096, reopened.TotalBytes);
        Assert.Equal("key 'psk-test' byte 999", reopened.Locate(999));
        Assert.Throws<InvalidOperationException>(() => reopened.Read(990, 16)); // beyond the used mark: not reserved
    }

    [Fact]
    public void A_pool_readable_by_others_is_refused_with_the_fix()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var keys = new TestKeys(4096);
        keys.TransmitterPool.Dispose();
        File.SetUnixFileMode(keys.TransmitterPool.Path, KeyFile.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var e = Assert.Throws<KeyFileException>(() => AuthenticationKeyPool.Open(keys.TransmitterPool.Path));
        Assert.Equal($"{keys.TransmitterPool.Path}: key file is accessible to group or others (mode 644); run: chmod 600 {keys.TransmitterPool.Path}", e.Message);
    }

    [Fact]
    public void A_pool_whose_usage_record_is_lost_is_refused_unless_first_use_is_declared()
    {
        using var keys = new TestKeys(4096);
        keys.TransmitterPool.Dispose();
        File.Delete(AuthenticationKeyPool.UsagePath(keys.TransmitterPool.Path));
        var e = Assert.Throws<KeyFileException>(() => AuthenticationKeyPool.Open(keys.TransmitterPool.Path));
        Assert.Contains("usage record is missing; refusing to use", e.Message);
    }

    [Fact]
    public void A_damaged_pool_and_a_pool_in_use_are_refused()
    {
        using var keys = new TestKeys(4096);
        Assert.Contains("another process using the pool", Assert.Throws<KeyFileException>(() => AuthenticationKeyPool.Open(keys.StationPool.Path)).Message);
        keys.TransmitterPool.Dispose();
        var bytes = File.ReadAllBytes(keys.TransmitterPool.Path);
        bytes[100] ^= 4;
        File.WriteAllBytes(keys.TransmitterPool.Path, bytes);
        Assert.Contains("key pool damaged (CRC-32 mismatch)", Assert.Throws<KeyFileException>(() => AuthenticationKeyPool.Open(keys.TransmitterPool.Path)).Message);
    }

    [Fact]
    public void A_pre_shared_key_file_must_be_owner_only_and_long_enough()
    {
        using var keys = new TestKeys(4096);
        var path = Path.Combine(keys.Root, "psk.bin");
        using (var file = new FileStream(path, KeyFile.CreateOptions(FileMode.CreateNew)))
        {
            file.Write(RandomNumberGenerator.GetBytes(16));
        }

        Assert.Contains("holds 32 to 4096 bytes, not 16", Assert.Throws<KeyFileException>(() => PreSharedKey.Load(path)).Message);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(32));
        Assert.Equal(16, PreSharedKey.Load(path).Id.Length);
        Assert.Contains("not found", Assert.Throws<KeyFileException>(() => PreSharedKey.Load(path + ".missing")).Message);
    }

    [Fact]
    public async Task Key_appended_on_one_side_only_is_refused_and_appended_on_both_it_is_used()
    {
        using var keys = new TestKeys(16 + 32 * 256);
        await ExchangeOneMessage(keys); // spends the whole pre-shared secret
        var passKey = RandomNumberGenerator.GetBytes(64 << 10);
        keys.StationPool.Append("pass-0001/auth", passKey);
        await using (var net = new MemoryNetwork(TestOptions.Transmitter(keys.Its(false))))
        {
            var e = await Assert.ThrowsAsync<PeerSessionException>(() => net.OpenAsync(TestOptions.Station(keys.Its(true))));
            Assert.Contains("wrong key pool", e.Message);
        }

        keys.TransmitterPool.Append("pass-0001/auth", passKey);
        Assert.Equal(keys.StationPool.LedgerDigest, keys.TransmitterPool.LedgerDigest);
        await ExchangeOneMessage(keys);
        Assert.Equal(2, keys.StationPool.Segments.Count);
        Assert.Equal(2 * (16 + 32 * 256), keys.StationPool.UsedBytes); // the second connection's pads came from the pass key
        Assert.StartsWith("key 'pass-0001/auth'", keys.StationPool.Locate(keys.StationPool.UsedBytes - 1));
        Assert.Throws<ArgumentException>(() => keys.StationPool.Append("pass-0001/auth", passKey));
    }

    private static async Task ExchangeOneMessage(TestKeys keys)
    {
        await using var net = new MemoryNetwork(TestOptions.Transmitter(keys.Its(false)));
        var (station, transmitter) = await net.OpenAsync(TestOptions.Station(keys.Its(true)));
        await station.SendAsync(Numbered.Message(5));
        Assert.Equal(5, Numbered.Index((await transmitter.ReceiveAsync())!));
        await Task.WhenAll(station.CloseAsync(), transmitter.CloseAsync());
    }
}
