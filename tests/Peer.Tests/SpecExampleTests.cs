using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GroundStation.Peer.Authentication;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

/// <summary>
/// protocol/PEER.md's worked examples: each hex block is rebuilt here from the document's rules alone (byte layouts
/// written out by hand, the polynomial hash evaluated with BigInteger, HMAC from its formula) and by the library;
/// all three must agree.
/// </summary>
public partial class SpecExampleTests
{
    private static readonly BigInteger P = BigInteger.Pow(2, 127) - 1;

    [Fact]
    public void The_handshake_example_follows_the_layout_table()
    {
        var doc = Examples();
        Assert.Equal(doc["hello"], Hex(HelloByHand(role: 1, nonceStart: 0x00, poolUsed: 0, type: 1)));
        Assert.Equal(doc["hello-reply"], Hex(HelloByHand(role: 2, nonceStart: 0x10, poolUsed: 8208, type: 2)));
        Assert.Equal(doc["hello"], SpecExamples.Hex(GroundStation.Peer.Handshake.HelloCodec.Encode(GroundStation.Peer.Wire.FrameType.Hello, SpecExamples.Hello())));
    }

    [Fact]
    public void The_Wegman_Carter_examples_recompute_from_the_hash_and_pad_rules()
    {
        var doc = Examples();
        var pool = SpecExamples.PoolBytes();
        var hello = FromHex(doc["hello"]);
        var reply = FromHex(doc["hello-reply"]);
        const long start = 8208; // max(0, 8208): the pool bytes neither side has used
        var hashKey = Element(pool, start);

        // Confirm: counter 0, ack 0, no body; the MAC input adds both Hello frames.
        byte[] confirmHead = [.. Le32(1 + 8 + 8 + 16), 0x03, .. Le64(0), .. Le64(0)];
        var confirmTag = WegmanCarter([.. "GSPL-MAC"u8, 0x00, .. confirmHead, .. hello, .. reply], hashKey, Element(pool, start + 16));
        Assert.Equal(doc["confirm"], Hex([.. confirmHead, .. confirmTag]));

        // Data: counter 1 (pad 16 bytes further), first sequence number 0, one FrameVerdict(5, kept).
        byte[] message = [0x85, .. Le32(9), .. Le64(5), 0x01];
        byte[] body = [.. Le64(0), .. Le32(1), .. message];
        byte[] dataHead = [.. Le32(1 + 8 + 8 + body.Length + 16), 0x04, .. Le64(1), .. Le64(0), .. body];
        var dataTag = WegmanCarter([.. "GSPL-MAC"u8, 0x00, .. dataHead], hashKey, Element(pool, start + 32));
        Assert.Equal(doc["data-wegman-carter"], Hex([.. dataHead, .. dataTag]));

        // The library builds the same frames.
        var dir = Path.Combine(Path.GetTempPath(), "peer-spec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            using var keyPool = AuthenticationKeyPool.Create(Path.Combine(dir, "example.pool"), pool, "example");
            var built = SpecExamples.WegmanCarter(keyPool);
            Assert.Equal(doc["confirm"], SpecExamples.Hex(built.Confirm));
            Assert.Equal(doc["data-wegman-carter"], SpecExamples.Hex(built.Data));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_HMAC_example_recomputes_from_its_formula()
    {
        var doc = Examples();
        byte[] nonces = [.. "GSPL-HMAC-SHA256"u8, .. Enumerable.Range(0, 16).Select(i => (byte)i), .. Enumerable.Range(0x10, 16).Select(i => (byte)i)];
        var key = HMACSHA256.HashData(SpecExamples.Psk(), nonces);
        var head = FromHex(doc["data-wegman-carter"])[..^16];
        byte[] input = [.. "GSPL-MAC"u8, 0x00, .. head];
        var tag = HMACSHA256.HashData(key, input)[..16];
        Assert.Equal(doc["data-hmac"], Hex([.. head, .. tag]));
        Assert.Equal(doc["data-hmac"], SpecExamples.Hex(SpecExamples.HmacData()));
    }

    /// <summary>Section 4.1's table, field by field.</summary>
    private static byte[] HelloByHand(byte role, int nonceStart, long poolUsed, byte type)
    {
        var body = new List<byte>();
        body.AddRange("GSPL"u8.ToArray());
        body.AddRange([1, 0, role, 1, 1, 1, 0, 0]); // major, minor, role, authentication, operation, reconciliation, flags, status
        body.AddRange(Le64(0x1122334455667788));
        body.AddRange(Le64(0)); // receive next
        body.AddRange(Enumerable.Range(nonceStart, 16).Select(i => (byte)i));
        body.AddRange(Le32(8192));
        body.AddRange(Le32(1 << 26));
        body.AddRange(Le32(1 << 25));
        body.AddRange(Le32(256));
        body.AddRange(Le32(1 << 18));
        body.AddRange(Enumerable.Range(0xA0, 16).Select(i => (byte)i));
        body.AddRange(Enumerable.Range(0xB0, 16).Select(i => (byte)i));
        body.AddRange(Le64(poolUsed));
        body.AddRange(Le64(1 << 20));
        foreach (var s in new[] { "ogs-1", "tx-1", "pass-1" })
        {
            body.Add((byte)s.Length);
            body.AddRange(Encoding.UTF8.GetBytes(s));
        }

        return [.. Le32(1 + body.Count), type, .. body];
    }

    /// <summary>Section 6.1: tag = (H_k(m) + r) mod p, H_k(m) = B k^(L+1) + sum w_i k^(L+1-i), as 16 little-endian bytes.</summary>
    private static byte[] WegmanCarter(byte[] input, BigInteger k, BigInteger r)
    {
        var words = (input.Length + 7) / 8;
        var h = new BigInteger(8L * input.Length) * BigInteger.ModPow(k, words + 1, P);
        for (var i = 0; i < words; i++)
        {
            var chunk = new byte[9];
            Array.Copy(input, 8 * i, chunk, 0, Math.Min(8, input.Length - 8 * i));
            h += new BigInteger(chunk) * BigInteger.ModPow(k, words - i, P);
        }

        var tag = ((h % P) + r) % P;
        var bytes = new byte[17];
        tag.TryWriteBytes(bytes, out _, isUnsigned: true);
        return bytes[..16];
    }

    /// <summary>16 pool bytes from <paramref name="offset"/> as a little-endian number, mod p.</summary>
    private static BigInteger Element(byte[] pool, long offset) => new BigInteger(pool.AsSpan((int)offset, 16), isUnsigned: true) % P;

    private static byte[] Le32(long v) => BitConverter.GetBytes((uint)v);

    private static byte[] Le64(long v) => BitConverter.GetBytes(v);

    private static string Hex(byte[] b) => Convert.ToHexString(b);

    private static byte[] FromHex(string hex) => Convert.FromHexString(hex);

    /// <summary>The ```text blocks of PEER.md that start with "example NAME": NAME -> the block's hex, spaces removed.</summary>
    private static Dictionary<string, string> Examples()
    {
        var path = Path.Combine(RepoRoot(), "protocol", "PEER.md");
        var result = new Dictionary<string, string>();
        foreach (Match m in ExampleBlock().Matches(File.ReadAllText(path)))
        {
            result[m.Groups[1].Value] = Regex.Replace(m.Groups[2].Value, @"[^0-9A-Fa-f]", "").ToUpperInvariant();
        }

        return result;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GroundStationFw.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root (GroundStationFw.sln) not found");
    }

    [GeneratedRegex(@"```text\nexample ([a-z-]+)[^\n]*\n((?:[0-9A-Fa-f ]+\n)+)```")]
    private static partial Regex ExampleBlock();
}
