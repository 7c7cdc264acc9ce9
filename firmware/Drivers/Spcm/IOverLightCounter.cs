namespace GroundStation.Firmware.Drivers.Spcm
{
    /// <summary>
    /// The over-light windows of <see cref="SpcmController"/> (one <see cref="SlidingCountWindow"/> per detector and
    /// the per-batch loop over them) done elsewhere: by the native acquisition core (firmware/Native, gs_overlight.h).
    /// The controller keeps gating, latching and the event: <see cref="Add"/> stops at a crossing detection.
    /// </summary>
    public interface IOverLightCounter
    {
        /// <summary>Length of each window (16 whole buckets), ps.</summary>
        long WindowPicoseconds { get; }

        /// <summary>Restarts a detector's window (it was switched on).</summary>
        void Clear(int channel);

        /// <summary>Detections in a detector's window as of its last detection.</summary>
        int Count(int channel);

        /// <summary>
        /// Adds records [from, end) for detectors progress[0] onwards, skipping those whose bit is set in
        /// <paramref name="latchedMask"/>; limits[c] is detector c's MaxCountsPerWindow. True when detector
        /// progress[0] crossed its limit at record progress[1] (it is counted; the caller trips it and calls again with
        /// progress[0] + 1); false when every detector is done.
        /// </summary>
        bool Add(long[] timestampsPicoseconds, byte[] channels, int from, int end, int[] limits, int latchedMask, int[] progress);
    }
}
