using GroundStation.PostProcessing.Ldpc;

namespace GroundStation.Host.Distillation;

/// <summary>One error-correction frame: key-stream bits [Start, Start + Length).</summary>
public sealed record FrameSpan(long FrameId, int Start, int Length);

/// <summary>
/// How the key stream is cut into error-correction frames (protocol/PEER.md sections 8.2 and 8.4). Cascade: frame f is
/// bits [f N, (f + 1) N), the last one takes the rest when it is at least <see cref="MinFrameBits"/>, else those bits
/// are dropped. LDPC: each frame takes the key bits of its plan (N minus the shortened bits) in order; the last one
/// takes the rest with a smaller mother code shortened further (at least <see cref="MinFrameBits"/>, else dropped).
/// </summary>
public static class PassFrames
{
    public const int MinFrameBits = 1024;

    public static IReadOnlyList<FrameSpan> Cascade(int streamBits, int frameBits)
    {
        var frames = new List<FrameSpan>();
        for (var start = 0; streamBits - start >= MinFrameBits; start += frameBits)
        {
            frames.Add(new FrameSpan(frames.Count, start, Math.Min(frameBits, streamBits - start)));
        }

        return frames;
    }

    /// <summary>
    /// The plan of the next LDPC frame when <paramref name="remainingBits"/> key-stream bits are left, or null when they
    /// are too few for a frame. <paramref name="qber"/> is clamped to the range the plans cover.
    /// </summary>
    public static LdpcFramePlan? LdpcPlan(double qber, int remainingBits, int frameBits)
    {
        if (remainingBits < MinFrameBits)
        {
            return null;
        }

        var q = Math.Clamp(qber, 1e-4, 0.11);
        var full = LdpcFramePlan.For(q, frameBits);
        if (remainingBits >= full.KeyBits)
        {
            return full;
        }

        for (var n = MinFrameBits; n <= frameBits; n += LdpcFramePlan.FamilySteps)
        {
            var plan = LdpcFramePlan.For(q, n);
            if (plan.KeyBits >= remainingBits && remainingBits > plan.Checks)
            {
                return plan with { ShortenedBits = n - remainingBits };
            }
        }

        return null;
    }
}
