using GroundStation.Host.Keys;
using GroundStation.PostProcessing.Bits;

namespace GroundStation.Tests.Host;

/// <summary>Final keys as stored: owner-only, read back bit for bit, never overwritten, never printed.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KeyStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "host-keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_final_key_is_0600_in_a_0700_directory_reads_back_and_is_never_overwritten_or_printed()
    {
        var bits = new BitString(1001);
        var random = new Random(3);
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = random.Next(2);
        }

        var key = new FinalKey("pass-7-abc", new KeyFileHeader(KeySide.Transmitter, "ogs", "tx", "pass-7"), DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), bits);
        var store = new KeyStore(Path.Combine(_root, "keys"));

        var path = store.Write(key);

        Assert.Equal(Path.Combine(_root, "keys", "pass-7-abc.key"), path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
        var read = store.Read("pass-7-abc");
        Assert.Equal((key.KeyId, key.Holder, key.CreatedUtc), (read.KeyId, read.Holder, read.CreatedUtc));
        Assert.Equal(bits, read.Bits);
        Assert.ThrowsAny<IOException>(() => store.Write(key));
        Assert.Equal("FinalKey pass-7-abc (1001 bits, contents redacted)", key.ToString());
        Assert.Throws<ArgumentException>(() => store.PathOf("../escape"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
