namespace GroundStation.Firmware.Drivers
{
    /// <summary>Running totals kept by a time-tagger driver; reported in telemetry.</summary>
    public class TimeTaggerCounters
    {
        /// <summary>Records delivered to the firmware.</summary>
        public long Delivered;

        /// <summary>Events the hardware flagged as lost (FIFO full, interrupt not served in time).</summary>
        public long Overflowed;

        /// <summary>Events known to be missing by other evidence (sequence gaps, implausible time steps).</summary>
        public long Missed;

        /// <summary>Hardware time-counter roll-overs extended into the 64-bit time.</summary>
        public long Rollovers;

        /// <summary>
        /// Times the tagger was found reset behind the driver's back (power glitch, reset line). Each one breaks the
        /// tagger's time base: the driver keeps times monotonic, but the timing layer must re-acquire.
        /// </summary>
        public long Resets;
    }
}
