namespace GroundStation.Firmware.Drivers
{
    /// <summary>
    /// A time tagger as the firmware sees it: batches of (time, channel) records written into caller-owned,
    /// preallocated arrays. Times are picoseconds on the tagger's own clock, 64-bit, already extended across every
    /// hardware roll-over, so they only ever grow per channel. Nothing is ever lost silently: every event the
    /// hardware saw but could not deliver is counted in <see cref="Counters"/>.
    /// </summary>
    public interface ITimeTagger
    {
        /// <summary>Chip name for reports, e.g. "TDC-GPX2".</summary>
        string Name { get; }

        /// <summary>Number of input channels.</summary>
        int ChannelCount { get; }

        /// <summary>Resets the chip, writes and verifies its configuration, starts measuring.</summary>
        void Start();

        /// <summary>
        /// Reads up to <paramref name="maxCount"/> records into the arrays starting at <paramref name="offset"/>.
        /// Allocation-free.
        /// </summary>
        /// <returns>The number of records written.</returns>
        int ReadBatch(long[] timestampsPicoseconds, byte[] channels, int offset, int maxCount);

        TimeTaggerCounters Counters { get; }
    }
}
