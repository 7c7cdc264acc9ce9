using GroundStation.Peer.Wire;
using GroundStation.PostProcessing.Ldpc;

namespace GroundStation.Peer.Messages;

/// <summary>0x83 transmitter to station: i64 frame id | i32 frame bits | i32 checks m | i32 shortened bits |
/// i32 QBER ppm | u64 code seed | ceil(m/8) bytes of syndrome.</summary>
public static class LdpcSyndromeCodec
{
    public static PeerMessage Encode(LdpcSyndrome syndrome)
    {
        Check(syndrome.FrameBits, syndrome.Checks, syndrome.ShortenedBits, syndrome.QberPpm, syndrome.Syndrome.Length * 64L);
        var w = new WireWriter(40 + syndrome.Checks / 8).I64(syndrome.FrameId).I32(syndrome.FrameBits).I32(syndrome.Checks)
            .I32(syndrome.ShortenedBits).I32(syndrome.QberPpm).U64(syndrome.CodeSeed);
        return new PeerMessage(PeerMessageType.LdpcSyndrome,
            w.Bits(ParityReplyCodec.MaskedTail(syndrome.Syndrome, syndrome.Checks), syndrome.Checks).ToArray());
    }

    public static LdpcSyndrome Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.LdpcSyndrome);
        var frameId = r.I64("frame id");
        int frameBits = r.I32("frame bits"), checks = r.I32("checks"), shortened = r.I32("shortened bits"), qber = r.I32("QBER ppm");
        var seed = r.U64("code seed");
        try
        {
            Check(frameBits, checks, shortened, qber, (long)r.Remaining * 8);
        }
        catch (ArgumentException e)
        {
            throw r.Fail(e.Message);
        }

        var syndrome = r.Bits(checks, "syndrome");
        r.End();
        return new LdpcSyndrome(frameId, frameBits, checks, shortened, qber, seed, syndrome);
    }

    private static void Check(int frameBits, int checks, int shortened, int qberPpm, long availableBits)
    {
        if (frameBits < 2 || checks < 1 || checks >= frameBits || shortened < 0 || shortened >= frameBits
            || qberPpm is < 0 or > 500_000 || availableBits < checks)
        {
            throw new ArgumentException(
                $"an LDPC frame of {frameBits} bits with {checks} checks, {shortened} shortened bits and QBER {qberPpm} ppm is impossible");
        }
    }
}
