using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Ldpc;

/// <summary>Alice's side of one-way LDPC reconciliation: her syndrome of one frame of key bits.</summary>
public static class LdpcSender
{
    public static LdpcSyndrome Encode(long frameId, BitString aliceKey, LdpcFramePlan plan, ulong codeSeed)
    {
        ArgumentNullException.ThrowIfNull(aliceKey);
        ArgumentNullException.ThrowIfNull(plan);
        if (aliceKey.Length != plan.KeyBits)
        {
            throw new ArgumentException($"Frame {frameId}: the plan carries {plan.KeyBits} key bits, the key has {aliceKey.Length}.");
        }

        var code = LdpcCodeFamily.Get(plan.FrameBits, plan.Checks, codeSeed);
        var word = LdpcCodeFamily.Codeword(aliceKey, LdpcCodeFamily.KeyPositions(plan, codeSeed), plan.FrameBits);
        return new LdpcSyndrome(frameId, plan.FrameBits, plan.Checks, plan.ShortenedBits, plan.QberPpm, codeSeed, code.Syndrome(word));
    }
}
