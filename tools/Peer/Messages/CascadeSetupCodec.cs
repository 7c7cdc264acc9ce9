using GroundStation.Peer.Wire;
using GroundStation.PostProcessing.Cascade;

namespace GroundStation.Peer.Messages;

/// <summary>0x80 station to transmitter: i64 frame id | i32 frame bits | u64 seed | u8 n passes | n × i32 block size | i32 confirmation rounds.</summary>
public static class CascadeSetupCodec
{
    public static PeerMessage Encode(CascadeSetup setup)
    {
        setup.Validate();
        var w = new WireWriter().I64(setup.FrameId).I32(setup.FrameBits).U64(setup.Seed).U8(setup.BlockSizes.Length);
        foreach (var k in setup.BlockSizes)
        {
            w.I32(k);
        }

        return new PeerMessage(PeerMessageType.CascadeSetup, w.I32(setup.ConfirmationRounds).ToArray());
    }

    public static CascadeSetup Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.CascadeSetup);
        var frameId = r.I64("frame id");
        var frameBits = r.I32("frame bits");
        var seed = r.U64("seed");
        var sizes = new int[r.U8("passes")];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = r.I32("block size");
        }

        var setup = new CascadeSetup(frameId, frameBits, seed, sizes, r.I32("confirmation rounds"));
        r.End();
        return MessageCodec.Validated(setup, s => s.Validate(), message.Type);
    }
}
