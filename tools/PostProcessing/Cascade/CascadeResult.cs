using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Cascade;

/// <summary>
/// Bob's outcome of one Cascade frame. The corrected key is not yet verified: it goes to <c>Verification</c> before
/// anything is kept.
/// </summary>
/// <param name="CorrectedKey">Bob's frame after every correction.</param>
/// <param name="DisclosedBits">Parities Alice disclosed (every range answered; Bob discloses none).</param>
/// <param name="Steps">Request/reply round trips.</param>
/// <param name="CorrectedBits">Bits Bob flipped (each a real error, given Alice's parities).</param>
public sealed record CascadeResult(BitString CorrectedKey, long DisclosedBits, int Steps, int CorrectedBits)
{
    public int FrameBits => CorrectedKey.Length;

    /// <summary>Error rate Bob found in this frame (corrected bits per bit).</summary>
    public double FrameErrorRate => (double)CorrectedBits / FrameBits;

    /// <summary>f = disclosed / (n h(qber)) at the given QBER (e.g. the channel's).</summary>
    public double Efficiency(double qber) => BinaryEntropy.Efficiency(DisclosedBits, FrameBits, qber);

    /// <summary>f at the error rate found in this frame.</summary>
    public double FrameEfficiency => Efficiency(FrameErrorRate);
}
