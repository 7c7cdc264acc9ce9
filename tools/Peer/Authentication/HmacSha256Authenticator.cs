using System.Security.Cryptography;
using GroundStation.Peer.Handshake;

namespace GroundStation.Peer.Authentication;

/// <summary>
/// COMPUTATIONALLY secure frame authentication: the first 16 bytes of HMAC-SHA256(K_c, m) with the connection key
/// K_c = HMAC-SHA256(psk, "GSPL-HMAC-SHA256" || initiator nonce || responder nonce) (protocol/PEER.md section 6.4).
/// Secure only as long as SHA-256 is; it spends no key pool.
/// </summary>
internal sealed class HmacSha256Authenticator : IFrameAuthenticator
{
    private readonly byte[] _connectionKey;
    private readonly CounterGuard _guard = new();

    public HmacSha256Authenticator(PreSharedKey key, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> responderNonce) =>
        _connectionKey = ConnectionKey(key.Key, initiatorNonce, responderNonce);

    public AuthenticationMode Mode => AuthenticationMode.ComputationalHmacSha256;

    public long FramesPerDirection => long.MaxValue;

    public long KeyBitsReserved => 0;

    public long KeyBitsUsed => 0;

    public static byte[] ConnectionKey(ReadOnlySpan<byte> psk, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> responderNonce) =>
        HMACSHA256.HashData(psk, [.. "GSPL-HMAC-SHA256"u8, .. initiatorNonce, .. responderNonce]);

    public void Tag(PeerDirection direction, long counter, ReadOnlySpan<byte> macInput, Span<byte> tag)
    {
        _guard.Use(direction, counter);
        HMACSHA256.HashData(_connectionKey, macInput)[..16].CopyTo(tag);
    }

    public bool Verify(PeerDirection direction, long counter, ReadOnlySpan<byte> macInput, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[16];
        Tag(direction, counter, macInput, expected);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }
}
