using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Messages;

/// <summary>
/// Both ways: the sender has the final key of this pass, <paramref name="KeyBits"/> bits, and stores it under
/// <paramref name="KeyId"/> once the session completes (protocol/PEER.md section 8). Never any key bit.
/// </summary>
public sealed record KeyCommit(string KeyId, long KeyBits);

/// <summary>0x88: i64 key bits | key id (u8 length + UTF-8, 1..64 bytes).</summary>
public static class KeyCommitCodec
{
    public static PeerMessage Encode(KeyCommit commit)
    {
        if (commit.KeyBits < 0 || string.IsNullOrEmpty(commit.KeyId))
        {
            throw new ArgumentException("A key commit names a key id and a non-negative length.");
        }

        return new PeerMessage(PeerMessageType.KeyCommit, new WireWriter(72).I64(commit.KeyBits).String(commit.KeyId).ToArray());
    }

    public static KeyCommit Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.KeyCommit);
        var bits = r.I64("key bits");
        var id = r.String("key id");
        r.End();
        return bits >= 0 && id.Length > 0 ? new KeyCommit(id, bits) : throw r.Fail("key id empty or length negative");
    }
}
