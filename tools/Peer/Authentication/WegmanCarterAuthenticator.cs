using System.Buffers.Binary;
using System.Security.Cryptography;
using GroundStation.Peer.Handshake;
using GroundStation.PostProcessing.Bits;
using GroundStation.PostProcessing.Verification;

namespace GroundStation.Peer.Authentication;

/// <summary>
/// Information-theoretically secure frame authentication (Wegman and Carter 1981): tag = (H_k(m) + r_c) mod p with
/// H the polynomial hash over GF(p), p = 2^127 - 1 (<see cref="PolynomialHash"/>, the verification hash of
/// tools/PostProcessing), k the connection's hash key and r_c a fresh one-time pad per frame, both from the key pool
/// (<see cref="PadSchedule"/>). m is the MAC input as a bit string (byte j bit b is bit 8 j + b). Keys and pads are
/// the pool's 16 bytes as a little-endian 128-bit number, reduced mod p.
/// </summary>
internal sealed class WegmanCarterAuthenticator : IFrameAuthenticator
{
    private readonly AuthenticationKeyPool _pool;
    private readonly PadSchedule _schedule;
    private readonly CounterGuard _guard = new();
    private readonly UInt128 _hashKey;
    private long _framesUsed;

    public WegmanCarterAuthenticator(AuthenticationKeyPool pool, PadSchedule schedule)
    {
        _pool = pool;
        _schedule = schedule;
        if (schedule.FramesPerDirection < 2)
        {
            throw new InvalidOperationException("The key pool cannot hold one epoch of pads.");
        }

        _pool.Reserve(schedule.ReservationFor(0));
        _hashKey = Element(_pool.Read(schedule.HashKeyOffset, PadSchedule.PadBytes));
    }

    public AuthenticationMode Mode => AuthenticationMode.InformationTheoreticWegmanCarter;

    public long FramesPerDirection => _schedule.FramesPerDirection;

    public long KeyBitsReserved => 8 * (_pool.UsedBytes - _schedule.StartOffset);

    public long KeyBitsUsed => 8L * PadSchedule.PadBytes * (1 + _framesUsed);

    public void Tag(PeerDirection direction, long counter, ReadOnlySpan<byte> macInput, Span<byte> tag) =>
        BinaryPrimitives.WriteUInt128LittleEndian(tag, Compute(direction, counter, macInput));

    public bool Verify(PeerDirection direction, long counter, ReadOnlySpan<byte> macInput, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[PadSchedule.PadBytes];
        Tag(direction, counter, macInput, expected);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }

    /// <summary>The tag (H_k(m) + r) mod p for given key and pad (the rule of PEER.md section 6.1; tests recompute it).</summary>
    public static UInt128 TagValue(ReadOnlySpan<byte> macInput, UInt128 hashKey, UInt128 pad)
    {
        var hash = PolynomialHash.Compute(BitsOf(macInput), hashKey);
        var sum = hash + pad; // both < p < 2^127: no overflow
        return sum >= PolynomialHash.FieldPrime ? sum - PolynomialHash.FieldPrime : sum;
    }

    /// <summary>16 pool bytes as a little-endian number, reduced mod p (a uniform value is within 2^-127 of uniform mod p).</summary>
    public static UInt128 Element(ReadOnlySpan<byte> sixteenBytes)
    {
        var value = BinaryPrimitives.ReadUInt128LittleEndian(sixteenBytes);
        var p = PolynomialHash.FieldPrime;
        value = (value & p) + (value >> 127);
        return value >= p ? value - p : value;
    }

    private UInt128 Compute(PeerDirection direction, long counter, ReadOnlySpan<byte> macInput)
    {
        _guard.Use(direction, counter);
        _pool.Reserve(_schedule.ReservationFor(counter));
        var pad = Element(_pool.Read(_schedule.PadOffset(direction, counter), PadSchedule.PadBytes));
        _framesUsed++;
        return TagValue(macInput, _hashKey, pad);
    }

    private static BitString BitsOf(ReadOnlySpan<byte> bytes)
    {
        var words = new ulong[(bytes.Length + 7) / 8];
        for (var i = 0; i < bytes.Length; i++)
        {
            words[i >> 3] |= (ulong)bytes[i] << (8 * (i & 7));
        }

        return BitString.FromWords(words, checked(bytes.Length * 8));
    }
}
