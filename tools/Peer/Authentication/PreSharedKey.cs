using System.Security.Cryptography;

namespace GroundStation.Peer.Authentication;

/// <summary>
/// The pre-shared key of the COMPUTATIONAL authentication mode (HMAC-SHA256): a file of 32 to 4096 raw bytes, mode
/// 0600, the same on both sides. Its id (sent in the handshake) is the first 16 bytes of
/// SHA-256("GSPL-PSK-ID" || key), so a wrong key is named at once; in this mode that reveals nothing a tag would not.
/// </summary>
public sealed class PreSharedKey
{
    public const int MinBytes = 32;
    public const int MaxBytes = 4096;

    private PreSharedKey(byte[] key)
    {
        Key = key;
        Id = SHA256.HashData([.. "GSPL-PSK-ID"u8, .. key])[..16];
    }

    internal byte[] Key { get; }

    public byte[] Id { get; }

    public static PreSharedKey Load(string path)
    {
        KeyFile.CheckOwnerOnly(path);
        var key = File.ReadAllBytes(path);
        if (key.Length is < MinBytes or > MaxBytes)
        {
            throw new KeyFileException($"{path}: a pre-shared key file holds {MinBytes} to {MaxBytes} bytes, not {key.Length}");
        }

        return new PreSharedKey(key);
    }

    /// <summary>From bytes already in memory (tests; a caller with its own key store).</summary>
    public static PreSharedKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length is < MinBytes or > MaxBytes)
        {
            throw new ArgumentException($"A pre-shared key holds {MinBytes} to {MaxBytes} bytes, not {key.Length}.");
        }

        return new PreSharedKey(key.ToArray());
    }

    public override string ToString() => $"PreSharedKey {Convert.ToHexString(Id)} (contents redacted)";
}
