using GroundStation.Simulator.Config;

namespace GroundStation.Simulator.Tagger;

/// <summary>Which beacon pulses the satellite sends: pulse k is omitted when k mod frameLength is a marker position.</summary>
public sealed class BeaconPattern
{
    readonly bool[] _omitted;

    public BeaconPattern(BeaconConfig beacon)
    {
        _omitted = new bool[beacon.FrameLength];
        foreach (int p in beacon.OmittedPositions) _omitted[p] = true;
        PeriodSlots = beacon.PeriodSlots;
    }

    public long PeriodSlots { get; }
    public int FrameLength => _omitted.Length;

    public bool IsSent(long beaconIndex) => !_omitted[(int)(beaconIndex % _omitted.Length)];

    /// <summary>Source slot at which beacon pulse k leaves the satellite.</summary>
    public long SlotOf(long beaconIndex) => beaconIndex * PeriodSlots;
}
