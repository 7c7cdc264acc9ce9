using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Messages;

/// <summary>
/// Station to transmitter: the station's Cascade session of <paramref name="FrameId"/> asked its last question
/// (<c>CascadeSession.NextRequest()</c> returned null) and counted <paramref name="DisclosedBits"/>; the transmitter
/// checks that against its responder's count and answers with the frame's VerificationTag.
/// </summary>
public sealed record FrameCorrected(long FrameId, long DisclosedBits);

/// <summary>0x89: i64 frame id | i64 disclosed bits.</summary>
public static class FrameCorrectedCodec
{
    public static PeerMessage Encode(FrameCorrected done) =>
        new(PeerMessageType.FrameCorrected, new WireWriter(16).I64(done.FrameId).I64(done.DisclosedBits).ToArray());

    public static FrameCorrected Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.FrameCorrected);
        var frameId = r.I64("frame id");
        var disclosed = r.I64("disclosed bits");
        r.End();
        return disclosed >= 0 ? new FrameCorrected(frameId, disclosed) : throw r.Fail("disclosed bits are negative");
    }
}
