namespace GroundStation.Simulator.Tagger;

/// <summary>
/// Host-side fluid model of the tagger FIFO for truth accounting: the firmware drains it at a steady rate; an event
/// that finds it full is lost. The register-level FIFO lives in boards/sim/DeviceModels/FifoTagger.
/// </summary>
public sealed class FifoOverflowModel(int depth, double readoutEventsPerSecond)
{
    readonly double _drainPerPs = readoutEventsPerSecond / 1e12;
    double _occupancy;
    long _lastPs = long.MinValue;

    public long Overflows { get; private set; }
    public double Occupancy => _occupancy;

    /// <summary>An event enters at <paramref name="timePs"/> (non-decreasing). False if the FIFO was full.</summary>
    public bool Offer(long timePs)
    {
        if (_lastPs != long.MinValue) _occupancy = Math.Max(0, _occupancy - (timePs - _lastPs) * _drainPerPs);
        _lastPs = timePs;
        if (_occupancy + 1 > depth)
        {
            Overflows++;
            return false;
        }
        _occupancy += 1;
        return true;
    }
}
