using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GroundStation.Hal;

namespace GroundStation.Peer.Authentication;

/// <summary>
/// The secret bits the information-theoretic (Wegman-Carter) mode draws its hash keys and one-time pads from
/// (protocol/PEER.md section 6). A pool file (mode 0600) holds segments: the pre-shared secret first, then key from
/// earlier passes appended in the same order on both sides. A usage file beside it (<c>&lt;pool&gt;.used</c>, 0600)
/// records the first byte not yet used; it only grows, it is written and flushed to disk before any byte below it
/// is used, and it is held open exclusively, so no two processes and no crash ever use a pad twice.
/// </summary>
public sealed class AuthenticationKeyPool : IDisposable
{
    /// <summary>Largest pool held (bytes).</summary>
    public const int MaxPoolBytes = 1 << 30;

    private static readonly byte[] PoolMagic = "GSPLPOOL"u8.ToArray();
    private const ushort PoolVersion = 1;
    private const string UsageMagic = "GSPL-POOL-USAGE 1";

    private readonly List<KeySegment> _segments;
    private byte[] _bytes;
    private FileStream? _usage;

    private AuthenticationKeyPool(string path, byte[] poolId, List<KeySegment> segments, byte[] bytes, FileStream usage, long used)
    {
        Path = path;
        PoolId = poolId;
        _segments = segments;
        _bytes = bytes;
        _usage = usage;
        UsedBytes = used;
    }

    public string Path { get; }

    /// <summary>Random, public: names this pair of pools in the handshake.</summary>
    public byte[] PoolId { get; }

    public IReadOnlyList<KeySegment> Segments => _segments;

    public long TotalBytes => _bytes.Length;

    /// <summary>First byte never used (everything below it is spent for good).</summary>
    public long UsedBytes { get; private set; }

    public long AvailableBytes => TotalBytes - UsedBytes;

    /// <summary>16 bytes of SHA-256 over the pool id and each segment's key id and length (no key bits): both sides
    /// must hold the same segments in the same order.</summary>
    public byte[] LedgerDigest
    {
        get
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData("GSPL-LEDGER"u8);
            hash.AppendData(PoolId);
            Span<byte> length = stackalloc byte[8];
            foreach (var segment in _segments)
            {
                var id = Encoding.UTF8.GetBytes(segment.KeyId);
                hash.AppendData([(byte)id.Length]);
                hash.AppendData(id);
                BinaryPrimitives.WriteInt64LittleEndian(length, segment.Length);
                hash.AppendData(length);
            }

            return hash.GetHashAndReset()[..16];
        }
    }

    public static string UsagePath(string poolPath) => poolPath + ".used";

    /// <summary>
    /// Creates a new pool file from the pre-shared secret (and its usage file at 0), both mode 0600, with a fresh
    /// random pool id. Copy the pool file (not the usage file) to the other side over a trusted channel and open it
    /// there once with <c>firstUse: true</c>.
    /// </summary>
    public static AuthenticationKeyPool Create(string path, ReadOnlySpan<byte> secret, string keyId)
    {
        if (File.Exists(path) || File.Exists(UsagePath(path)))
        {
            throw new KeyFileException($"{path}: a key pool (or its usage file) already exists; refusing to overwrite it");
        }

        CheckSegment(keyId, secret.Length);
        var poolId = RandomNumberGenerator.GetBytes(16);
        var segments = new List<KeySegment> { new(keyId, 0, secret.Length) };
        WritePoolFile(path, poolId, segments, secret);
        return Open(path, firstUse: true);
    }

    /// <summary>
    /// Opens a pool file. Its usage file must exist unless <paramref name="firstUse"/> (a pool just copied from its
    /// creator): a pool whose usage record is lost would use spent pads again, so it is refused.
    /// </summary>
    public static AuthenticationKeyPool Open(string path, bool firstUse = false)
    {
        KeyFile.CheckOwnerOnly(path);
        var (poolId, segments, bytes) = ReadPoolFile(path);
        var usagePath = UsagePath(path);
        var exists = File.Exists(usagePath);
        if (!exists && !firstUse)
        {
            throw new KeyFileException(
                $"{usagePath}: the pool's usage record is missing; refusing to use {path} (spent pads would be used again). Open it with first use allowed only for a pool fresh from its creator");
        }

        if (exists)
        {
            KeyFile.CheckOwnerOnly(usagePath);
        }

        FileStream usage;
        try
        {
            usage = new FileStream(usagePath, KeyFile.CreateOptions(FileMode.OpenOrCreate));
        }
        catch (IOException e)
        {
            throw new KeyFileException($"{usagePath}: cannot open the usage record (another process using the pool?): {e.Message}");
        }

        try
        {
            var used = exists ? ReadUsage(usage, usagePath, poolId) : 0;
            if (used > bytes.Length)
            {
                throw new KeyFileException($"{usagePath}: records {used} bytes used of a {bytes.Length}-byte pool");
            }

            var pool = new AuthenticationKeyPool(path, poolId, segments, bytes, usage, used);
            if (!exists)
            {
                pool.WriteUsage(0);
            }

            return pool;
        }
        catch
        {
            usage.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends key from a finished pass (both sides append the same bits under the same key id, in the same order;
    /// the handshake compares the ledgers). Those bits must not also be used as output key.
    /// </summary>
    public void Append(string keyId, ReadOnlySpan<byte> key)
    {
        ObjectDisposedException.ThrowIf(_usage is null, this);
        CheckSegment(keyId, key.Length);
        if (_segments.Any(s => s.KeyId == keyId))
        {
            throw new ArgumentException($"Key id '{keyId}' is already in the pool.");
        }

        if ((long)_bytes.Length + key.Length > MaxPoolBytes)
        {
            throw new ArgumentException($"A pool holds at most {MaxPoolBytes} bytes.");
        }

        var segments = new List<KeySegment>(_segments) { new(keyId, _bytes.Length, key.Length) };
        byte[] bytes = [.. _bytes, .. key];
        WritePoolFile(Path, PoolId, segments, bytes);
        _segments.Clear();
        _segments.AddRange(segments);
        _bytes = bytes;
    }

    /// <summary>Where a pool byte comes from, for messages: "key 'psk' byte 4096".</summary>
    public string Locate(long offset)
    {
        var segment = _segments.FirstOrDefault(s => offset >= s.Offset && offset < s.End);
        return segment is null ? $"pool byte {offset} (past the end)" : $"key '{segment.KeyId}' byte {offset - segment.Offset}";
    }

    /// <summary>Marks every byte below <paramref name="upTo"/> as used, on disk, before returning.</summary>
    internal void Reserve(long upTo)
    {
        ObjectDisposedException.ThrowIf(_usage is null, this);
        if (upTo > TotalBytes)
        {
            throw new InvalidOperationException($"Reservation to {upTo} passes the pool's {TotalBytes} bytes.");
        }

        if (upTo > UsedBytes)
        {
            WriteUsage(upTo);
            UsedBytes = upTo;
        }
    }

    /// <summary>Key bytes below the used mark (a reservation must come first).</summary>
    internal ReadOnlySpan<byte> Read(long offset, int count)
    {
        if (offset < 0 || offset + count > UsedBytes)
        {
            throw new InvalidOperationException($"Pool bytes {offset}..{offset + count} are not reserved (used mark {UsedBytes}).");
        }

        return _bytes.AsSpan((int)offset, count);
    }

    public void Dispose()
    {
        _usage?.Dispose();
        _usage = null;
    }

    public override string ToString() =>
        $"AuthenticationKeyPool {Convert.ToHexString(PoolId)}: {_segments.Count} keys, {UsedBytes} of {TotalBytes} bytes used (contents redacted)";

    private void WriteUsage(long used)
    {
        var line = Encoding.ASCII.GetBytes($"{UsageMagic} {Convert.ToHexString(PoolId)} {used:D20}\n");
        _usage!.Position = 0;
        _usage.Write(line);
        _usage.SetLength(line.Length);
        _usage.Flush(flushToDisk: true);
    }

    private static long ReadUsage(FileStream usage, string usagePath, byte[] poolId)
    {
        var text = new StreamReader(usage, Encoding.ASCII, false, 256, leaveOpen: true).ReadToEnd();
        var parts = text.TrimEnd('\n').Split(' ');
        if (parts.Length != 4 || $"{parts[0]} {parts[1]}" != UsageMagic || !long.TryParse(parts[3], out var used) || used < 0)
        {
            throw new KeyFileException($"{usagePath}: not a key pool usage record; refusing to guess how much of the pool is spent");
        }

        if (!string.Equals(parts[2], Convert.ToHexString(poolId), StringComparison.OrdinalIgnoreCase))
        {
            throw new KeyFileException($"{usagePath}: records the usage of pool {parts[2]}, not of this pool {Convert.ToHexString(poolId)}");
        }

        return used;
    }

    private static void CheckSegment(string keyId, int length)
    {
        var idBytes = Encoding.UTF8.GetByteCount(keyId ?? "");
        if (idBytes is < 1 or > 64)
        {
            throw new ArgumentException("A key id is 1 to 64 bytes of UTF-8.");
        }

        if (length < 16)
        {
            throw new ArgumentException($"A pool segment holds at least 16 bytes, not {length}.");
        }
    }

    private static void WritePoolFile(string path, byte[] poolId, List<KeySegment> segments, ReadOnlySpan<byte> bytes)
    {
        var w = new Wire.WireWriter(bytes.Length + 64 * segments.Count + 64);
        w.Bytes(PoolMagic).U16(PoolVersion).Bytes(poolId).U32((uint)segments.Count);
        foreach (var segment in segments)
        {
            w.String(segment.KeyId).U32((uint)segment.Length).Bytes(bytes.Slice((int)segment.Offset, segment.Length));
        }

        var content = w.ToArray();
        var crc = Crc32.Compute(content, 0, content.Length);
        var full = System.IO.Path.GetFullPath(path);
        var temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var stream = new FileStream(temp, KeyFile.CreateOptions(FileMode.CreateNew)))
            {
                stream.Write(content);
                Span<byte> tail = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32LittleEndian(tail, crc);
                stream.Write(tail);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static (byte[] PoolId, List<KeySegment> Segments, byte[] Bytes) ReadPoolFile(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data.Length < 34 || !data.AsSpan(0, 8).SequenceEqual(PoolMagic))
        {
            throw new KeyFileException($"{path}: not a peer-link key pool (no GSPLPOOL magic)");
        }

        var crc = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(data.Length - 4));
        if (crc != Crc32.Compute(data, 0, data.Length - 4))
        {
            throw new KeyFileException($"{path}: key pool damaged (CRC-32 mismatch); restore it from the copy it was made from");
        }

        try
        {
            var r = new Wire.WireReader(data.AsSpan(8, data.Length - 12), path);
            var version = r.U16("version");
            if (version != PoolVersion)
            {
                throw new KeyFileException($"{path}: key pool version {version}; this build reads version {PoolVersion}");
            }

            var poolId = r.Bytes(16, "pool id").ToArray();
            var count = r.U32("segment count");
            var segments = new List<KeySegment>();
            var bytes = new List<byte>();
            for (var i = 0; i < count; i++)
            {
                var keyId = r.String("key id");
                var length = r.U32("segment length");
                if (length > MaxPoolBytes - bytes.Count)
                {
                    throw new KeyFileException($"{path}: segment '{keyId}' of {length} bytes passes the {MaxPoolBytes}-byte pool limit");
                }

                segments.Add(new KeySegment(keyId, bytes.Count, (int)length));
                bytes.AddRange(r.Bytes((int)length, "segment bytes"));
            }

            r.End();
            if (segments.Count == 0)
            {
                throw new KeyFileException($"{path}: key pool without any key");
            }

            return (poolId, segments, bytes.ToArray());
        }
        catch (Wire.PeerFormatException e)
        {
            throw new KeyFileException($"{path}: malformed key pool: {e.Message}");
        }
    }
}
