using GroundStation.Firmware.Drivers;
using GroundStation.Firmware.Drivers.FifoTagger;

namespace GroundStation.NativeCore;

/// <summary>
/// gs_fifo: the FIFO tagger's record loop (decode, 48-bit roll-over extension, garbage accounting) in C, as
/// FifoTimeTagger.ReadBatch runs it after the burst transfer. The bus stays with the caller.
/// </summary>
public sealed unsafe class NativeFifoDecoder : NativeState, IFifoRecordDecoder
{
    /// <summary>gs_fifo_decode's returns.</summary>
    public const int Done = 0;
    public const int StopOverflow = 1;

    public NativeFifoDecoder()
        : base(NativeMethods.gs_fifo_state_size())
    {
        NativeMethods.gs_fifo_init(State);
    }

    /// <summary>FifoTimeTagger.Start's part after the registers checked out.</summary>
    public void Start(long timeLsbFemtoseconds) => Check(NativeMethods.gs_fifo_start(State, timeLsbFemtoseconds), "gs_fifo_start");

    /// <summary>FifoTimeTagger.RecoverFromReset's part.</summary>
    public void OnReset() => Check(NativeMethods.gs_fifo_on_reset(State), "gs_fifo_on_reset");

    /// <summary>
    /// Decodes records [next, count) of a burst whose first record starts at <paramref name="recordOffset"/> in
    /// <paramref name="burst"/>; events are written from <paramref name="outIndex"/>. Returns <see cref="Done"/> or
    /// <see cref="StopOverflow"/> (account the overflow, then call again with the same next).
    /// </summary>
    public int Decode(byte[] burst, int recordOffset, int count, ref int next, long[] timesPs, byte[] channels,
        int outIndex, out int written)
    {
        // Decoding resumes at next after an overflow stop, so at most count - next events are written from outIndex
        // (a batch-sized output array holds them; outIndex + count would refuse it).
        if (recordOffset < 0 || count < 0 || next < 0 || next > count || outIndex < 0
            || recordOffset + (long)count * 8 > burst.Length
            || outIndex + (long)(count - next) > timesPs.Length || outIndex + (long)(count - next) > channels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "burst or output arrays too short");
        }

        int n = next;
        int w;
        int r;
        fixed (byte* b = burst)
        fixed (long* t = timesPs)
        fixed (byte* c = channels)
        {
            r = NativeMethods.gs_fifo_decode(State, b + recordOffset, count, &n, t, c, outIndex, &w);
        }

        next = n;
        written = w;
        return Check(r, "gs_fifo_decode");
    }

    public NativeFifoCounters Counters
    {
        get
        {
            NativeFifoCounters counters;
            NativeMethods.gs_fifo_counters(State, &counters);
            return counters;
        }
    }

    /// <summary>The driver's units-to-ps conversion as the C computes it (32-bit divisions only).</summary>
    public static long UnitsToPicoseconds(long units, long lsbFemtoseconds) => NativeMethods.gs_fifo_units_to_ps(units, lsbFemtoseconds);

    private NativeFifoCounters _reported;

    bool IFifoRecordDecoder.Decode(byte[] burst, int recordOffset, int count, long[] timestampsPicoseconds, byte[] channels,
        int outOffset, int[] progress)
    {
        int next = progress[0];
        int result = Decode(burst, recordOffset, count, ref next, timestampsPicoseconds, channels, outOffset + progress[1], out int written);
        progress[0] = next;
        progress[1] += written;
        return result == StopOverflow;
    }

    void IFifoRecordDecoder.AddCountersTo(TimeTaggerCounters counters)
    {
        NativeFifoCounters now = Counters;
        counters.Delivered += now.Delivered - _reported.Delivered;
        counters.Missed += now.Missed - _reported.Missed;
        counters.Rollovers += now.Rollovers - _reported.Rollovers;
        _reported = now;
    }
}
