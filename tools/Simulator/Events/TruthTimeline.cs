namespace GroundStation.Simulator.Events;

/// <summary>Truth counts for one second of ground time (second s covers ground tagger readings
/// [G0 + s, G0 + s + 1) seconds, G0 = the ground reading at pass start).</summary>
public struct TruthSecond
{
    public long Detections;
    public long SignalClicks;
    public long NoiseClicks;
    public long BeaconDetections;
    public long BeaconBackgroundCounts;
    public long BasisMatchedSignalClicks;
    public long BasisMatchedSignalErrors;
}

public sealed class TruthTimeline
{
    readonly List<TruthSecond> _seconds = [];

    public int Count => _seconds.Count;
    public TruthSecond this[int second] => _seconds[second];
    public IReadOnlyList<TruthSecond> Seconds => _seconds;

    internal void Clear() => _seconds.Clear();

    internal ref TruthSecond At(int second)
    {
        second = Math.Max(0, second);
        while (_seconds.Count <= second) _seconds.Add(default);
        return ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_seconds)[second];
    }
}
