using GroundStation.Protocol.Sifting;

namespace GroundStation.Host.Sifting;

/// <summary>
/// A <c>SiftedBlock</c> payload as the host receives it from the ground station: block number and, per intensity
/// class, the key bits and their (public) bases. Decoded with protocol/Sifting's codec.
/// </summary>
public sealed class HostSiftedBlock
{
    private HostSiftedBlock(uint number, SiftedBits[] bits, SiftedBits[] bases)
    {
        Number = number;
        _bits = bits;
        _bases = bases;
    }

    private readonly SiftedBits[] _bits;
    private readonly SiftedBits[] _bases;

    public uint Number { get; }

    public int TotalBits => _bits.Sum(b => b.Count);

    public SiftedBits Bits(int intensityClass) => _bits[intensityClass];

    public SiftedBits Bases(int intensityClass) => _bases[intensityClass];

    /// <summary>Decodes a payload; null when malformed.</summary>
    public static HostSiftedBlock? TryDecode(byte[] payload)
    {
        var counts = new int[SiftCodes.ClassCount];
        var keyStarts = new int[SiftCodes.ClassCount];
        var basisStarts = new int[SiftCodes.ClassCount];
        if (!SiftedBlockCodec.TryDecode(payload, 0, payload.Length, out var number, counts, keyStarts, basisStarts))
        {
            return null;
        }

        var bits = new SiftedBits[SiftCodes.ClassCount];
        var bases = new SiftedBits[SiftCodes.ClassCount];
        for (var c = 0; c < SiftCodes.ClassCount; c++)
        {
            bits[c] = new SiftedBits(payload[keyStarts[c]..], counts[c]);
            bases[c] = new SiftedBits(payload[basisStarts[c]..], counts[c]);
        }

        return new HostSiftedBlock(number, bits, bases);
    }

    public override string ToString() => $"HostSiftedBlock {Number} ({TotalBits} bits)";
}
