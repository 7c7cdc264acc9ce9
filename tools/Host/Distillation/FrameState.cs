using GroundStation.PostProcessing.Bits;

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
}
