namespace GroundStation.Simulator.Events;

/// <summary>
/// What really happened, counted while the event stream is consumed (complete once the last batch has been read).
/// Counts are of events that reached the tagger (after dead time), unless named otherwise.
/// </summary>
public sealed class SimulationTruth
{
    public long SlotsSent { get; internal set; }
    /// <summary>Tagger events on the four detector channels (0-3), all origins.</summary>
    public long Detections => SignalClicks + DarkCounts + BackgroundCounts + Afterpulses;
    public long SignalClicks { get; internal set; }
    /// <summary>Slots that produced at least one click before dead time (multi-photon pulses may click twice).</summary>
    public long SignalSlotsDetected { get; internal set; }
    /// <summary>Signal slots whose photons clicked two or more different detectors (double clicks, before dead time).</summary>
    public long MultiClickSlots { get; internal set; }
    public long DarkCounts { get; internal set; }
    public long BackgroundCounts { get; internal set; }
    public long Afterpulses { get; internal set; }
    /// <summary>Clicks lost because their detector was still dead from the previous click.</summary>
    public long DeadTimeLosses { get; internal set; }
    /// <summary>Signal clicks per intensity class (index = class).</summary>
    public long[] SignalClicksPerClass { get; internal set; } = [];
    /// <summary>Signal clicks whose detector basis equals the sent basis, and those among them with the wrong bit.</summary>
    public long BasisMatchedSignalClicks { get; internal set; }
    public long BasisMatchedSignalErrors { get; internal set; }
    /// <summary>QBER of signal photons alone (no dark or background counts): the modelled optical error rate.</summary>
    public double SignalQber => BasisMatchedSignalClicks == 0 ? 0 : (double)BasisMatchedSignalErrors / BasisMatchedSignalClicks;
    public long BeaconPulsesSent { get; internal set; }
    public long BeaconDetections { get; internal set; }
    public long BeaconBackgroundCounts { get; internal set; }
    /// <summary>Events a FIFO of the configured depth, drained at the configured readout rate, would have dropped
    /// (host-side fluid model; the chip model decides for real).</summary>
    public long FifoOverflowsPredicted { get; internal set; }
    public TruthTimeline Timeline { get; } = new();

    internal void Reset(int intensityClasses, long slotsSent)
    {
        SlotsSent = slotsSent;
        SignalClicks = SignalSlotsDetected = MultiClickSlots = DarkCounts = BackgroundCounts = Afterpulses = 0;
        DeadTimeLosses = BasisMatchedSignalClicks = BasisMatchedSignalErrors = 0;
        BeaconPulsesSent = BeaconDetections = BeaconBackgroundCounts = FifoOverflowsPredicted = 0;
        SignalClicksPerClass = new long[intensityClasses];
        Timeline.Clear();
    }
}
