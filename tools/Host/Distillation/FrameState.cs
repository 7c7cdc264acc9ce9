using GroundStation.Peer.Handshake;
using GroundStation.PostProcessing.Bits;
using GroundStation.PostProcessing.Verification;

namespace GroundStation.Host.Distillation;

/// <summary>One error-correction frame on one side: its span, what it disclosed, its key (Alice's, or Bob's corrected one) and its verdict.</summary>
internal sealed class FrameState(FrameSpan span)
{
    public FrameSpan Span { get; } = span;

    public long Disclosed { get; set; }

    /// <summary>Alice's frame, or Bob's corrected frame (null when decoding failed).</summary>
    public BitString? Key { get; set; }

    /// <summary>Null until the verdict; then kept or discarded on both sides.</summary>
    public bool? Kept { get; set; }
}

/// <summary>What both sides compute alike from their frames once every verdict is in.</summary>
internal static class Frames
{
    public static long Kept(IEnumerable<FrameState> frames) => frames.Where(f => f.Kept == true).Sum(f => (long)f.Span.Length);

    public static BitString KeptKey(IEnumerable<FrameState> frames) =>
        BitString.Concat(frames.Where(f => f.Kept == true).OrderBy(f => f.Span.FrameId).Select(f => f.Key!).ToList());

    /// <summary>
    /// The report fields both sides compute alike: key id and lengths, frames kept, failed and dropped, disclosed bits
    /// (error correction plus 127 bits per verification tag). Each side adds what only it knows.
    /// </summary>
    public static DistillationReport Report(string keyId, ReconciliationMethod method, int streamBits, IReadOnlyList<FrameState> frames,
        long length, BitString? finalKey, BitString? authSegment, long poolSpentBits)
    {
        long keptBits = Kept(frames);
        long ecDisclosed = frames.Sum(f => f.Disclosed);
        long tagBits = frames.Count(f => f.Kept is not null) * (long)KeyVerification.DisclosedBits;
        return new DistillationReport
        {
            KeyId = keyId,
            SecretKeyBits = Math.Max(0, length),
            OutputKeyBits = finalKey?.Length ?? 0,
            PoolReplenishedBits = authSegment?.Length ?? 0,
            PoolSpentBits = poolSpentBits,
            Reconciliation = method == ReconciliationMethod.Cascade ? "cascade" : "ldpc",
            KeyStreamBits = streamBits,
            Frames = frames.Count,
            FramesKept = frames.Count(f => f.Kept == true),
            FramesFailed = frames.Count(f => f.Kept == false),
            DroppedBits = streamBits - keptBits,
            DisclosedBits = ecDisclosed + tagBits,
            ErrorCorrectionDisclosedBits = ecDisclosed,
            VerificationTagBits = tagBits,
        };
    }
}
