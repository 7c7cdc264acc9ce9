namespace GroundStation.PostProcessing.Verification;

/// <summary>
/// Bob's word on one frame, so both sides keep exactly the same frames: kept only when error correction produced a
/// key (an LDPC frame may fail) and its tag matched Alice's. Alice drops a frame Bob did not keep; its disclosed
/// bits still count.
/// </summary>
public sealed record FrameVerdict(long FrameId, bool Kept)
{
    /// <summary>Bob's verdict from his corrected key (null: the frame failed) and Alice's tag.</summary>
    public static FrameVerdict Of(long frameId, Bits.BitString? correctedKey, VerificationTag aliceTag)
    {
        ArgumentNullException.ThrowIfNull(aliceTag);
        if (aliceTag.FrameId != frameId)
        {
            throw new ArgumentException($"Frame {frameId}: the tag is for frame {aliceTag.FrameId}.");
        }

        return new FrameVerdict(frameId, correctedKey is not null && KeyVerification.Matches(correctedKey, aliceTag));
    }
}
