using GroundStation.Host.Sifting;
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
    /// The QBER the LDPC frame starting at <paramref name="start"/> is planned for, computed identically on both sides:
    /// the Z-basis sampled and error counts of the estimation (all classes; <paramref name="zCounts"/>: the transmitter
    /// counts its own, the station reads the verdicts, which the transmitter checked equal) of the blocks the frame
    /// covers, weighted by their share in it, Laplace-smoothed, plus two standard deviations. Per frame, not per pass: a
    /// pass's low-elevation ends have a higher QBER than its middle (less signal over the same background); planned for
    /// the pass average (1.80 %), the default pass's first frame (1.90 %) and short last frame (3.0 %) failed.
    /// </summary>
    public static double LdpcFrameQber(KeyStream stream, int start, int frameBits, Func<LedgerBlock, (long Sampled, long Errors)> zCounts)
    {
        double sampled = 0, errors = 0;
        foreach (var (block, share) in stream.BlocksIn(start, frameBits))
        {
            var (s, e) = zCounts(block);
            sampled += share * s;
            errors += share * e;
        }

        var q = (errors + 1) / (sampled + 2);
        return q + 2 * Math.Sqrt(q * (1 - q) / (sampled + 2));
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
