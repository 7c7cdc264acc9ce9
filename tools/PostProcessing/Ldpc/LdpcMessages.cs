namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// Alice's one message for an LDPC frame: the plan (so Bob builds the same shortened code), the code seed and her
/// syndrome of m bits (packed LSB first). This is all error correction discloses: m bits.
/// </summary>
public sealed record LdpcSyndrome(long FrameId, int FrameBits, int Checks, int ShortenedBits, int QberPpm, ulong CodeSeed, ulong[] Syndrome)
{
    public LdpcFramePlan Plan => new(FrameBits, Checks, ShortenedBits, QberPpm);
}

/// <summary>
/// Bob's outcome of one LDPC frame. A frame whose decoding did not meet the syndrome is failed: its key is null,
/// never passed on, and the caller discards and counts it. A decoded key still goes to verification.
/// </summary>
/// <param name="Iterations">Decoder iterations (the maximum when failed).</param>
public sealed record LdpcFrameResult(long FrameId, Bits.BitString? CorrectedKey, int Iterations, long DisclosedBits, LdpcFramePlan Plan)
{
    public bool Failed => CorrectedKey is null;
}
