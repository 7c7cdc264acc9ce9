using System.Runtime.InteropServices;

namespace GroundStation.NativeCore;

/// <summary>
/// The C API of firmware/Native/core (gs_fifo.h, gs_overlight.h, gs_announce.h, gs_pipeline.h), declared once.
/// States are opaque blocks the wrappers allocate with the size the library reports; the counters structs are
/// all-int64 and mirrored below field for field.
/// </summary>
internal static unsafe class NativeMethods
{
    private const string Lib = NativeCoreLibrary.Name;

    // gs_fifo.h
    [DllImport(Lib)] internal static extern nuint gs_fifo_state_size();
    [DllImport(Lib)] internal static extern void gs_fifo_init(void* state);
    [DllImport(Lib)] internal static extern int gs_fifo_start(void* state, long lsbFemtoseconds);
    [DllImport(Lib)] internal static extern int gs_fifo_on_reset(void* state);
    [DllImport(Lib)] internal static extern int gs_fifo_decode(void* state, byte* records, int count, int* next,
        long* timesPs, byte* channels, int outIndex, int* written);
    [DllImport(Lib)] internal static extern void gs_fifo_counters(void* state, NativeFifoCounters* counters);
    [DllImport(Lib)] internal static extern long gs_fifo_units_to_ps(long units, long lsbFemtoseconds);

    // gs_overlight.h
    [DllImport(Lib)] internal static extern nuint gs_overlight_state_size();
    [DllImport(Lib)] internal static extern int gs_overlight_init(void* state, int channelCount, long windowPs);
    [DllImport(Lib)] internal static extern int gs_overlight_clear(void* state, int channel);
    [DllImport(Lib)] internal static extern int gs_overlight_count(void* state, int channel);
    [DllImport(Lib)] internal static extern long gs_overlight_window_ps(void* state);
    [DllImport(Lib)] internal static extern int gs_overlight_batch(void* state, long* timesPs, byte* channels, int from,
        int end, int* limits, uint latchedMask, int* channel, int* index);

    // gs_announce.h
    [DllImport(Lib)] internal static extern nuint gs_announce_state_size();
    [DllImport(Lib)] internal static extern int gs_announce_init(void* state, int capacity, int maxPayloadBytes,
        int batchCount, int zBasisPpm, byte* rolesByChannel);
    [DllImport(Lib)] internal static extern int gs_announce_accept(void* state, long* slots, byte* channels, int end,
        int* next, uint* random, int randomCount, int* randomNeeded);
    [DllImport(Lib)] internal static extern int gs_announce_finish_open_slot(void* state, uint* random, int randomCount,
        int* randomNeeded);
    [DllImport(Lib)] internal static extern int gs_announce_close_filling(void* state);
    [DllImport(Lib)] internal static extern int gs_announce_fetch_closed(void* state, NativeAnnounceBatchInfo* info,
        byte* deltas, int deltasCapacity, byte* roles, int rolesCapacity, byte* basisBits, int basisCapacity);
    [DllImport(Lib)] internal static extern int gs_announce_set_roles(void* state, byte* rolesByChannel);
    [DllImport(Lib)] internal static extern void gs_announce_set_oldest(void* state, uint oldest);
    [DllImport(Lib)] internal static extern uint gs_announce_next_batch(void* state);
    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] internal static extern bool gs_announce_is_filling(void* state);
    [DllImport(Lib)] internal static extern void gs_announce_take_counters(void* state, NativeAnnounceCounters* counters);

    // gs_pipeline.h
    [DllImport(Lib)] internal static extern nuint gs_pipeline_state_size();
    [DllImport(Lib)] internal static extern int gs_pipeline_init(void* state, int detectorCount, long overlightWindowPs,
        int announceCapacity, int maxPayloadBytes, int batchCount, int zBasisPpm, byte* rolesByChannel);
    [DllImport(Lib)] internal static extern int gs_pipeline_set_timing(void* state, void* timing);
    [DllImport(Lib)] internal static extern int gs_pipeline_run(void* state, NativePipelineArrays* arrays, int* limits,
        uint latchedMask, uint* random, int randomCount, NativePipelineResult* result);
    [DllImport(Lib)] internal static extern int gs_pipeline_timing_done(void* state, int assigned);
    [DllImport(Lib)] internal static extern void* gs_pipeline_fifo(void* state);
    [DllImport(Lib)] internal static extern void* gs_pipeline_overlight(void* state);
    [DllImport(Lib)] internal static extern void* gs_pipeline_announce(void* state);
    [DllImport(Lib)] internal static extern long* gs_pipeline_channel_counts(void* state);
}

/// <summary>struct gs_fifo_counters.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeFifoCounters
{
    public long Delivered;
    public long Missed;
    public long Rollovers;
}

/// <summary>struct gs_announce_counters: the SiftingCounters the announce path changes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeAnnounceCounters
{
    public long Clicks;
    public long IgnoredClicks;
    public long OutOfOrderClicks;
    public long DuplicateClicks;
    public long SingleClickSlots;
    public long SameBasisDoubleClicks;
    public long CrossBasisMultiClicks;
    public long DroppedSlots;
    public long DroppedClicks;
}

/// <summary>struct gs_announce_batch_info: a closed batch's fields.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeAnnounceBatchInfo
{
    public long FirstSlot;
    public long LastSlot;
    public uint Number;
    public int Count;
    public int DeltaBytes;
    public int DeltaBytesSure;
    public int EncodedLength;
    public int Reserved;
}

/// <summary>struct gs_pipeline_arrays.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativePipelineArrays
{
    public byte* Records;
    public long* TimesPs;
    public byte* Channels;
    public long* Slots;
    public byte* SlotChannels;
    public int RecordCount;
    public int Capacity;
}

/// <summary>struct gs_pipeline_result.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativePipelineResult
{
    public long NewestPs;
    public long TripTimePs;
    public int Events;
    public int Assigned;
    public int TripChannel;
    public int RandomNeeded;
}
