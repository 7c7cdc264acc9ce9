using GroundStation.Peer.Wire;
using GroundStation.PostProcessing.Verification;

namespace GroundStation.Peer.Messages;

/// <summary>0x84 transmitter to station: i64 frame id | u128 hash key | u128 tag (little-endian 128-bit numbers, each below 2^127 - 1).</summary>
public static class VerificationTagCodec
{
    public static PeerMessage Encode(VerificationTag tag) =>
        new(PeerMessageType.VerificationTag, new WireWriter(40).I64(tag.FrameId).U128(tag.HashKey).U128(tag.Tag).ToArray());

    public static VerificationTag Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.VerificationTag);
        var frameId = r.I64("frame id");
        var key = r.U128("hash key");
        var tag = r.U128("tag");
        r.End();
        if (key >= PolynomialHash.FieldPrime || tag >= PolynomialHash.FieldPrime)
        {
            throw r.Fail("hash key and tag are below 2^127 - 1");
        }

        return new VerificationTag(frameId, (ulong)(key >> 64), (ulong)key, (ulong)(tag >> 64), (ulong)tag);
    }
}
