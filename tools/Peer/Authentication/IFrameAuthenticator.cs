using GroundStation.Peer.Handshake;

namespace GroundStation.Peer.Authentication;

/// <summary>
/// Tags and checks the frames of one connection. Each (direction, counter) is tagged or checked at most once, in
/// increasing counter order; a second use is refused (a Wegman-Carter pad is never used twice).
/// </summary>
internal interface IFrameAuthenticator
{
    AuthenticationMode Mode { get; }

    /// <summary>Frames each direction may send in this connection (the last is reserved for the key-exhausted error).</summary>
    long FramesPerDirection { get; }

    /// <summary>Pool bits this connection has reserved so far (0 in the HMAC mode).</summary>
    long KeyBitsReserved { get; }

    /// <summary>Pool bits spent on hash key and pads actually used (0 in the HMAC mode).</summary>
    long KeyBitsUsed { get; }

    void Tag(PeerDirection direction, long counter, ReadOnlySpan<byte> macInput, Span<byte> tag);

    bool Verify(PeerDirection direction, long counter, ReadOnlySpan<byte> macInput, ReadOnlySpan<byte> tag);
}
