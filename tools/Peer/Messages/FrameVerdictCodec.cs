using GroundStation.Peer.Wire;
using GroundStation.PostProcessing.Verification;

namespace GroundStation.Peer.Messages;

/// <summary>0x85 station to transmitter: i64 frame id | u8 kept (1) or discarded (0).</summary>
public static class FrameVerdictCodec
{
    public static PeerMessage Encode(FrameVerdict verdict) =>
        new(PeerMessageType.FrameVerdict, new WireWriter(9).I64(verdict.FrameId).U8(verdict.Kept ? 1 : 0).ToArray());

    public static FrameVerdict Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.FrameVerdict);
        var frameId = r.I64("frame id");
        var kept = r.U8("kept");
        r.End();
        return kept <= 1 ? new FrameVerdict(frameId, kept == 1) : throw r.Fail($"kept is {kept}, not 0 or 1");
    }
}
