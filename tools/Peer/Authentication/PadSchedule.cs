using GroundStation.Peer.Handshake;

namespace GroundStation.Peer.Authentication;

/// <summary>
/// Where a connection's Wegman-Carter key bytes sit in the pool (protocol/PEER.md section 6.2). From the agreed start
/// O: the hash key in [O, O + 16); then epochs of 32 B bytes, B = frames per direction per epoch; in epoch e the
/// station's frames take the first 16 B bytes and the transmitter's the next 16 B, 16 bytes per frame. Frame c of
/// direction d: O + 16 + (c / B) 32 B + 16 (d B + c mod B). A direction entering an epoch reserves it whole, so a
/// connection spends 16 + 32 B (epochs touched) bytes; whatever it leaves unused is never used again.
/// </summary>
internal sealed class PadSchedule
{
    public const int PadBytes = 16;

    public const int MinEpochFrames = 16;

    public const int MaxEpochFrames = 65536;

    public PadSchedule(long startOffset, int epochFrames, long poolBytes)
    {
        if (epochFrames is < MinEpochFrames or > MaxEpochFrames)
        {
            throw new ArgumentOutOfRangeException(nameof(epochFrames), $"An epoch has {MinEpochFrames} to {MaxEpochFrames} frames per direction.");
        }

        StartOffset = startOffset;
        EpochFrames = epochFrames;
        var usable = poolBytes - startOffset - PadBytes;
        Epochs = usable <= 0 ? 0 : usable / EpochBytes;
    }

    public long StartOffset { get; }

    public int EpochFrames { get; }

    /// <summary>Whole epochs that fit in the pool after the hash key.</summary>
    public long Epochs { get; }

    public long EpochBytes => 2L * PadBytes * EpochFrames;

    /// <summary>Frames each direction may authenticate in this connection; the last one is kept for the
    /// key-exhausted Error frame.</summary>
    public long FramesPerDirection => Epochs * EpochFrames;

    public long HashKeyOffset => StartOffset;

    public long PadOffset(PeerDirection direction, long counter)
    {
        CheckCounter(counter);
        return StartOffset + PadBytes + (counter / EpochFrames) * EpochBytes + PadBytes * ((long)direction * EpochFrames + counter % EpochFrames);
    }

    /// <summary>The used mark that must be on disk before frame <paramref name="counter"/> (either direction) is tagged or checked.</summary>
    public long ReservationFor(long counter)
    {
        CheckCounter(counter);
        return StartOffset + PadBytes + (counter / EpochFrames + 1) * EpochBytes;
    }

    private void CheckCounter(long counter)
    {
        if (counter < 0 || counter >= FramesPerDirection)
        {
            throw new InvalidOperationException($"Frame {counter} is beyond the {FramesPerDirection} frames the key pool allows this connection.");
        }
    }
}
