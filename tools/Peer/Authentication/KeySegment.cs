namespace GroundStation.Peer.Authentication;

/// <summary>
/// One piece of the authentication key pool: the pre-shared secret it started from, or key from a later pass.
/// <paramref name="Offset"/> is its first byte in the pool's concatenation; pool offsets name consumed bits
/// as (key id, byte within that key).
/// </summary>
public sealed record KeySegment(string KeyId, long Offset, int Length)
{
    public long End => Offset + Length;
}
