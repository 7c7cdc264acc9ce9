using GroundStation.Peer.Messages;
using GroundStation.PostProcessing.Bits;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Host.Sifting;

/// <summary>
/// The test basis (X) of an accepted block (protocol/PEER.md section 8.1): the transmitter sends its X bits per class in
/// sifting order (<see cref="Of"/>); the station compares them with its own (<see cref="Compare"/>) for the
/// test-basis detections n_X,k and errors m_X,k of the finite-key bound. X bits are never key.
/// </summary>
public static class TestBasis
{
    /// <summary>The X-basis bits of <paramref name="block"/>'s remaining entries, per intensity class.</summary>
    public static TestBasisBits Of(LedgerBlock block)
    {
        var counts = new int[SiftCodes.ClassCount];
        var words = new ulong[SiftCodes.ClassCount][];
        for (var c = 0; c < SiftCodes.ClassCount; c++)
        {
            var bits = XBits(block, c);
            counts[c] = bits.Length;
            words[c] = bits.Words.ToArray();
        }

        return new TestBasisBits(block.Number, counts, words);
    }

    /// <summary>Per class: X-basis bits compared and how many differ. Throws when the counts disagree.</summary>
    public static (long[] Detections, long[] Errors) Compare(LedgerBlock station, TestBasisBits transmitter)
    {
        var detections = new long[SiftCodes.ClassCount];
        var errors = new long[SiftCodes.ClassCount];
        for (var c = 0; c < SiftCodes.ClassCount; c++)
        {
            var own = XBits(station, c);
            if (own.Length != transmitter.Counts[c])
            {
                throw new SiftingProtocolException(
                    $"block {station.Number} class {c}: the transmitter sent {transmitter.Counts[c]} test-basis bits, this side holds {own.Length}");
            }

            detections[c] = own.Length;
            errors[c] = own.CountDifferences(BitString.FromWords(transmitter.Bits[c], transmitter.Counts[c]));
        }

        return (detections, errors);
    }

    private static BitString XBits(LedgerBlock block, int intensityClass)
    {
        var bits = block.OfClass(intensityClass).Where(e => e.Basis == SiftCodes.BasisX).Select(e => e.Bit).ToArray();
        return BitString.FromBits(bits);
    }
}
