namespace GroundStation.Firmware.Drivers.FifoTagger
{
    /// <summary>
    /// The record loop of <see cref="FifoTimeTagger.ReadBatch"/> (decode, 48-bit roll-over extension, garbage
    /// accounting) done elsewhere: by the native acquisition core (firmware/Native, gs_fifo.h) through P/Invoke on the
    /// desktop or an InternalCall on the ESP32. The driver keeps the bus: it reads the burst, and accounts LOST_COUNT
    /// when <see cref="Decode"/> stops before a record carrying the overflow flag. Results are identical to the driver's
    /// own loop (tests/NativeCore.Tests).
    /// </summary>
    public interface IFifoRecordDecoder
    {
        /// <summary>The tagger started (registers checked): its time unit; roll-over history and sequence restart.</summary>
        void Start(long timeLsbFemtoseconds);

        /// <summary>The tagger was found reset: later times continue after the last one delivered.</summary>
        void OnReset();

        /// <summary>
        /// Decodes records progress[0] .. count - 1 of <paramref name="burst"/> (records start at
        /// <paramref name="recordOffset"/>), writing events from <paramref name="outOffset"/> + progress[1]; updates
        /// progress[0] (next record) and progress[1] (events written). True when it stopped before a record whose
        /// overflow flag the driver must account first (then call again); false when the burst is done.
        /// </summary>
        bool Decode(byte[] burst, int recordOffset, int count, long[] timestampsPicoseconds, byte[] channels, int outOffset,
            int[] progress);

        /// <summary>Adds what the decoder counted since the last call (Delivered, Missed, Rollovers) to the driver's counters.</summary>
        void AddCountersTo(TimeTaggerCounters counters);
    }
}
