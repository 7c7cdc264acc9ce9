using GroundStation.Peer.Wire;
using GroundStation.PostProcessing.Cascade;

namespace GroundStation.Peer.Messages;

/// <summary>0x82 transmitter to station: i64 frame id | i32 step | u32 n | ceil(n/8) bytes of parities (range i = bit i).</summary>
public static class ParityReplyCodec
{
    public static PeerMessage Encode(ParityReply reply)
    {
        if (reply.Count < 0 || reply.Parities.Length * 64L < reply.Count)
        {
            throw new ArgumentException($"{reply.Parities.Length} words cannot hold {reply.Count} parities.");
        }

        var w = new WireWriter(16 + reply.Count / 8).I64(reply.FrameId).I32(reply.Step).U32((uint)reply.Count);
        return new PeerMessage(PeerMessageType.ParityReply, w.Bits(MaskedTail(reply.Parities, reply.Count), reply.Count).ToArray());
    }

    public static ParityReply Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.ParityReply);
        var frameId = r.I64("frame id");
        var step = r.I32("step");
        var count = r.U32("count");
        if (count > (long)r.Remaining * 8)
        {
            throw r.Fail($"{count} parities do not fit the payload");
        }

        var parities = r.Bits(count, "parities");
        r.End();
        return new ParityReply(frameId, step, parities, (int)count);
    }

    /// <summary>The words with bits past <paramref name="count"/> cleared (the wire's padding bits are 0).</summary>
    internal static ulong[] MaskedTail(ulong[] words, long count)
    {
        var copy = words[..(int)((count + 63) / 64)];
        if (count % 64 != 0)
        {
            copy[^1] &= (1UL << (int)(count % 64)) - 1;
        }

        return copy;
    }
}
