namespace GroundStation.Hal.Fakes;

/// <summary>
/// What the wire does to each byte between two <see cref="FakeSerialEnd"/>s: pass it, alter it (bit errors) or lose it.
/// </summary>
public interface ISerialLineFault
{
    /// <summary>
    /// Called once per byte in transmission order; <paramref name="index"/> counts bytes sent in this direction.
    /// </summary>
    /// <returns>The byte the receiver gets, or -1 to drop it.</returns>
    int Transmit(long index, byte value);
}

/// <summary>Flips each bit independently with probability <see cref="BitErrorRate"/>, from a seeded generator (repeatable).</summary>
public sealed class BitErrorFault(double bitErrorRate, ulong seed) : ISerialLineFault
{
    private readonly SeededRandomSource _random = new(seed);

    public double BitErrorRate { get; } = bitErrorRate;

    public long FlippedBits { get; private set; }

    public int Transmit(long index, byte value)
    {
        int result = value;
        for (int bit = 0; bit < 8; bit++)
        {
            // 53-bit uniform in [0, 1).
            double u = (_random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
            if (u < BitErrorRate)
            {
                result ^= 1 << bit;
                FlippedBits++;
            }
        }

        return result;
    }
}

/// <summary>Scripted faults at exact byte indices: drop some bytes, XOR a mask into others.</summary>
public sealed class ScriptedLineFault : ISerialLineFault
{
    public HashSet<long> DropAt { get; } = new();

    public Dictionary<long, byte> XorAt { get; } = new();

    public int Transmit(long index, byte value)
    {
        if (DropAt.Contains(index))
        {
            return -1;
        }

        return XorAt.TryGetValue(index, out byte mask) ? value ^ mask : value;
    }
}
