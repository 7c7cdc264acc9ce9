namespace GroundStation.Simulator.Events;

/// <summary>
/// A run of events in ground-time order. The buffer is reused by the next batch: copy what you keep.
/// Every event earlier than <see cref="CompleteBeforePs"/> has been delivered by this or an earlier batch, so a
/// time-driven consumer (the FIFO chip model) may advance its clock up to there.
/// </summary>
public sealed class TaggerEventBatch
{
    internal TaggerEvent[] Buffer = new TaggerEvent[1024];

    public int Count { get; internal set; }
    public ReadOnlySpan<TaggerEvent> Events => Buffer.AsSpan(0, Count);
    public long CompleteBeforePs { get; internal set; }
    /// <summary>Pass time (true seconds) up to which the satellite has emitted.</summary>
    public double PassSecondsEnd { get; internal set; }
    /// <summary>True for the last batch of the pass.</summary>
    public bool IsLast { get; internal set; }

    internal void Add(in TaggerEvent e)
    {
        if (Count == Buffer.Length) Array.Resize(ref Buffer, Buffer.Length * 2);
        Buffer[Count++] = e;
    }
}
