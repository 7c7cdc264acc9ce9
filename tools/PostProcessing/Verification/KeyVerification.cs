using System.Security.Cryptography;
using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Verification;

/// <summary>
/// Alice's verification message for one corrected key (frame or whole pass): the hash key she drew after error
/// correction ended, and her tag. Plain integers, high and low 64-bit halves.
/// </summary>
public sealed record VerificationTag(long FrameId, ulong HashKeyHigh, ulong HashKeyLow, ulong TagHigh, ulong TagLow)
{
    public UInt128 HashKey => new(HashKeyHigh, HashKeyLow);

    public UInt128 Tag => new(TagHigh, TagLow);
}

/// <summary>
/// Verification of a corrected key before anything is kept: Alice (the transmitter side) draws the hash key from a
/// cryptographic generator once error correction is over, so Bob's errors cannot depend on it; Bob keeps his key only
/// when his tag equals hers. The tag's 127 bits count as disclosed (<see cref="DisclosedBits"/>), and the
/// probability that a wrong key passes is at most <see cref="PolynomialHash.CollisionBound"/> (epsilon_cor).
/// </summary>
public static class KeyVerification
{
    public const int DisclosedBits = PolynomialHash.TagBits;

    /// <summary>Default epsilon_cor of the finite-key length; the hash's bound must not exceed it.</summary>
    public const double DefaultEpsilonCorrect = 1e-15;

    /// <summary>Alice's side: a fresh hash key and her tag.</summary>
    public static VerificationTag CreateTag(long frameId, BitString aliceKey)
    {
        Span<byte> random = stackalloc byte[16];
        UInt128 hashKey;
        do
        {
            RandomNumberGenerator.Fill(random);
            hashKey = new UInt128(BitConverter.ToUInt64(random[8..]), BitConverter.ToUInt64(random)) & PolynomialHash.FieldPrime;
        }
        while (hashKey >= PolynomialHash.FieldPrime);

        return CreateTag(frameId, aliceKey, hashKey);
    }

    /// <summary>Alice's side with a given hash key (tests; a caller with its own generator).</summary>
    public static VerificationTag CreateTag(long frameId, BitString aliceKey, UInt128 hashKey)
    {
        UInt128 tag = PolynomialHash.Compute(aliceKey, hashKey);
        return new VerificationTag(frameId, (ulong)(hashKey >> 64), (ulong)hashKey, (ulong)(tag >> 64), (ulong)tag);
    }

    /// <summary>Bob's side: true when his corrected key has Alice's tag.</summary>
    public static bool Matches(BitString bobKey, VerificationTag alice)
    {
        ArgumentNullException.ThrowIfNull(alice);
        if (alice.HashKey >= PolynomialHash.FieldPrime)
        {
            throw new ArgumentException($"Frame {alice.FrameId}: the hash key is not below 2^127 - 1.");
        }

        return PolynomialHash.Compute(bobKey, alice.HashKey) == alice.Tag;
    }
}
