using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Messages;

/// <summary>
/// Transmitter to station: after block <paramref name="Block"/> was accepted, the transmitter's bits of every remaining
/// sifted slot measured in the test basis (X), per intensity class (signal, decoy, vacuum), in sifting order. The
/// station compares them with its own X bits of the block: the test-basis error counts m_X,k of the finite-key bound
/// (all X bits are compared, never used as key). <paramref name="Bits"/>[c] holds <paramref name="Counts"/>[c] bits packed LSB first.
/// </summary>
public sealed record TestBasisBits(long Block, int[] Counts, ulong[][] Bits)
{
    public override string ToString() => $"TestBasisBits block {Block}: {string.Join("/", Counts)} bits";
}

/// <summary>0x61: u32 block | 3 × (u32 n_c | ceil(n_c/8) bytes).</summary>
public static class TestBasisBitsCodec
{
    public static PeerMessage Encode(TestBasisBits bits)
    {
        if (bits.Block is < 0 or > uint.MaxValue || bits.Counts.Length != 3 || bits.Bits.Length != 3)
        {
            throw new ArgumentException("Test-basis bits name a block below 2^32 and carry three classes.");
        }

        var w = new WireWriter(64).U32((uint)bits.Block);
        for (var c = 0; c < 3; c++)
        {
            if (bits.Counts[c] < 0 || bits.Bits[c].Length * 64L < bits.Counts[c])
            {
                throw new ArgumentException($"Class {c}: {bits.Bits[c].Length} words cannot hold {bits.Counts[c]} bits.");
            }

            w.U32((uint)bits.Counts[c]).Bits(ParityReplyCodec.MaskedTail(bits.Bits[c], bits.Counts[c]), bits.Counts[c]);
        }

        return new PeerMessage(PeerMessageType.TestBasisBits, w.ToArray());
    }

    public static TestBasisBits Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.TestBasisBits);
        var block = r.U32("block");
        var counts = new int[3];
        var words = new ulong[3][];
        for (var c = 0; c < 3; c++)
        {
            var n = r.U32("bit count");
            if (n > (long)r.Remaining * 8)
            {
                throw r.Fail($"class {c} claims {n} bits, the payload holds fewer");
            }

            counts[c] = (int)n;
            words[c] = r.Bits(n, "bits");
        }

        r.End();
        return new TestBasisBits(block, counts, words);
    }
}
