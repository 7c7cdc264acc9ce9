using GroundStation.Peer.Wire;
using GroundStation.PostProcessing.Cascade;

namespace GroundStation.Peer.Messages;

/// <summary>0x81 station to transmitter: i64 frame id | i32 step | u32 n | n × (u8 layout | i32 start | i32 length).</summary>
public static class ParityRequestCodec
{
    private const int RangeBytes = 9;

    public static PeerMessage Encode(ParityRequest request)
    {
        if (request.Starts.Length != request.Count || request.Lengths.Length != request.Count)
        {
            throw new ArgumentException("A parity request has one start and one length per layout.");
        }

        var w = new WireWriter(16 + RangeBytes * request.Count).I64(request.FrameId).I32(request.Step).U32((uint)request.Count);
        for (var i = 0; i < request.Count; i++)
        {
            if (request.Layouts[i] is < 0 or > byte.MaxValue)
            {
                throw new ArgumentException($"Layout {request.Layouts[i]} does not fit its byte (the responder checks the frame's own limit).");
            }

            w.U8(request.Layouts[i]).I32(request.Starts[i]).I32(request.Lengths[i]);
        }

        return new PeerMessage(PeerMessageType.ParityRequest, w.ToArray());
    }

    /// <summary>Ranges are checked against the frame by the transmitter's <see cref="CascadeResponder"/>.</summary>
    public static ParityRequest Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.ParityRequest);
        var frameId = r.I64("frame id");
        var step = r.I32("step");
        var count = MessageCodec.Count(ref r, "range count", RangeBytes);
        var layouts = new int[count];
        var starts = new int[count];
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            layouts[i] = r.U8("layout");
            starts[i] = r.I32("start");
            lengths[i] = r.I32("length");
        }

        r.End();
        return new ParityRequest(frameId, step, layouts, starts, lengths);
    }
}
