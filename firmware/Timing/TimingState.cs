namespace GroundStation.Firmware.Timing
{
    /// <summary>Where the timing engine is in its acquire / track / lose cycle. Detections are assigned only when Locked.</summary>
    public enum TimingState
    {
        /// <summary>No model: pairs of beacon-channel events vote for the clock rate.</summary>
        Searching = 0,

        /// <summary>Rate known: folding beacon arrivals for the phase, then tracking while the beacon index is found.</summary>
        Acquiring = 1,

        /// <summary>Model tracked and beacon index known: every detection gets a slot or a drop reason.</summary>
        Locked = 2,

        /// <summary>Beacon lost: the model is kept (detections dropped) and a returning beacon re-locks without a new acquisition.</summary>
        Holdover = 3,
    }
}
