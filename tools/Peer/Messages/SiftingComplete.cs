using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Messages;

/// <summary>
/// Station to transmitter: sifting of the pass is over. Blocks 0..<paramref name="BlockCount"/>-1 were closed and
/// judged; the key stream (protocol/PEER.md section 8) holds <paramref name="KeyStreamBits"/> bits. The transmitter
/// checks both against its own copy before any error correction of the last, partial frame.
/// </summary>
public sealed record SiftingComplete(long BlockCount, long KeyStreamBits);

/// <summary>0x60: u32 block count | i64 key-stream bits.</summary>
public static class SiftingCompleteCodec
{
    public static PeerMessage Encode(SiftingComplete complete)
    {
        if (complete.BlockCount is < 0 or > uint.MaxValue || complete.KeyStreamBits < 0)
        {
            throw new ArgumentException("Block count and key-stream bits are non-negative (block count below 2^32).");
        }

        return new PeerMessage(PeerMessageType.SiftingComplete,
            new WireWriter(12).U32((uint)complete.BlockCount).I64(complete.KeyStreamBits).ToArray());
    }

    public static SiftingComplete Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.SiftingComplete);
        var blocks = r.U32("block count");
        var bits = r.I64("key-stream bits");
        r.End();
        return bits >= 0 ? new SiftingComplete(blocks, bits) : throw r.Fail("key-stream bits are negative");
    }
}
