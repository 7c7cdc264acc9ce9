using GroundStation.Peer.Wire;
using GroundStation.PostProcessing.PrivacyAmplification;

namespace GroundStation.Peer.Messages;

/// <summary>0x87 transmitter to station: i32 input bits n | i32 output bits m | i32 seed bits (n + m - 1) | seed bytes.</summary>
public static class ToeplitzSeedCodec
{
    public static PeerMessage Encode(ToeplitzSeed seed)
    {
        Check(seed.InputBits, seed.OutputBits, seed.SeedBits);
        var w = new WireWriter(12 + seed.SeedBits / 8).I32(seed.InputBits).I32(seed.OutputBits).I32(seed.SeedBits);
        return new PeerMessage(PeerMessageType.ToeplitzSeed, w.Bits(ParityReplyCodec.MaskedTail(seed.SeedWords, seed.SeedBits), seed.SeedBits).ToArray());
    }

    public static ToeplitzSeed Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.ToeplitzSeed);
        int input = r.I32("input bits"), output = r.I32("output bits"), seedBits = r.I32("seed bits");
        try
        {
            Check(input, output, seedBits);
        }
        catch (ArgumentException e)
        {
            throw r.Fail(e.Message);
        }

        var words = r.Bits(seedBits, "seed");
        r.End();
        return new ToeplitzSeed(words, seedBits, input, output);
    }

    private static void Check(int input, int output, int seedBits)
    {
        if (input < 1 || output < 1 || output > input || seedBits != (long)input + output - 1)
        {
            throw new ArgumentException($"a Toeplitz seed for {input} -> {output} bits has {(long)input + output - 1} bits, not {seedBits}");
        }
    }
}
