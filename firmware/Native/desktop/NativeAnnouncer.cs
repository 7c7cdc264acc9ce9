using GroundStation.Firmware.Sifting;

namespace GroundStation.NativeCore;

/// <summary>
/// gs_announce: GroundSifter's per-detection announce path (squashing, receiver map, batch filling) in C. Closed
/// batches are copied out (<see cref="FetchClosed"/>) for the managed sifter's ring; random words are supplied when
/// asked for (<see cref="NeedRandom"/>), exactly as many as the C# would draw there.
/// </summary>
public sealed unsafe class NativeAnnouncer : NativeState, IAnnouncePath
{
    public const int Done = 0;
    public const int BatchClosed = 1;
    public const int NeedRandom = 2;

    public NativeAnnouncer(int batchCapacity, int maxPayloadBytes, int batchCount, int zBasisProbabilityPpm, byte[] rolesByChannel)
        : base(NativeMethods.gs_announce_state_size())
    {
        if (rolesByChannel.Length != 256)
        {
            throw new ArgumentException("256 roles, one per channel byte", nameof(rolesByChannel));
        }

        fixed (byte* roles = rolesByChannel)
        {
            Check(NativeMethods.gs_announce_init(State, batchCapacity, maxPayloadBytes, batchCount, zBasisProbabilityPpm, roles),
                "gs_announce_init");
        }
    }

    /// <summary>Largest batch capacity the C state holds (GS_ANNOUNCE_MAX_CAPACITY).</summary>
    public const int MaxCapacity = 1024;

    /// <summary>Largest delta buffer of a batch (GS_ANNOUNCE_MAX_DELTA_BYTES).</summary>
    public const int MaxDeltaBytes = 4106;

    /// <summary>
    /// GroundSifter.Accept for detections [next, end). <paramref name="random"/>: the words a <see cref="NeedRandom"/>
    /// asked for (null otherwise). Returns Done, BatchClosed (fetch it) or NeedRandom (<paramref name="randomNeeded"/> words).
    /// </summary>
    public int Accept(long[] slots, byte[] channels, int end, ref int next, uint[]? random, int randomCount, out int randomNeeded)
    {
        if (end > slots.Length || end > channels.Length || next < 0 || next > end)
        {
            throw new ArgumentOutOfRangeException(nameof(end));
        }

        int n = next;
        int needed = 0;
        int r;
        fixed (long* s = slots)
        fixed (byte* c = channels)
        fixed (uint* w = random)
        {
            r = NativeMethods.gs_announce_accept(State, s, c, end, &n, randomCount > 0 ? w : null, randomCount, &needed);
        }

        next = n;
        randomNeeded = needed;
        return Check(r, "gs_announce_accept");
    }

    /// <summary>GroundSifter.FinishOpenSlot; same returns as <see cref="Accept"/>.</summary>
    public int FinishOpenSlot(uint[]? random, int randomCount, out int randomNeeded)
    {
        int needed = 0;
        int r;
        fixed (uint* w = random)
        {
            r = NativeMethods.gs_announce_finish_open_slot(State, randomCount > 0 ? w : null, randomCount, &needed);
        }

        randomNeeded = needed;
        return Check(r, "gs_announce_finish_open_slot");
    }

    /// <summary>GroundSifter.CloseFillingBatch: BatchClosed when there was a batch filling.</summary>
    public int CloseFilling() => Check(NativeMethods.gs_announce_close_filling(State), "gs_announce_close_filling");

    /// <summary>Copies the closed batch out; the arrays must hold its deltas, roles and all basis bytes.</summary>
    public NativeAnnounceBatchInfo FetchClosed(byte[] deltas, byte[] roles, byte[] basisBits)
    {
        NativeAnnounceBatchInfo info;
        fixed (byte* d = deltas)
        fixed (byte* r = roles)
        fixed (byte* b = basisBits)
        {
            Check(NativeMethods.gs_announce_fetch_closed(State, &info, d, deltas.Length, r, roles.Length, b, basisBits.Length),
                "gs_announce_fetch_closed");
        }

        return info;
    }

    /// <summary>Every batch before <paramref name="oldest"/> has been matched (GroundSifter._oldestBatch).</summary>
    public void SetOldest(uint oldest) => NativeMethods.gs_announce_set_oldest(State, oldest);

    public uint NextBatch => NativeMethods.gs_announce_next_batch(State);

    public bool IsFilling => NativeMethods.gs_announce_is_filling(State);

    /// <summary>The counters since the last take (zeroed in the core).</summary>
    public NativeAnnounceCounters TakeCounters()
    {
        NativeAnnounceCounters counters;
        NativeMethods.gs_announce_take_counters(State, &counters);
        return counters;
    }

    /// <summary>The receiver map changed: the new role per channel byte.</summary>
    public void SetRoles(byte[] rolesByChannel)
    {
        if (rolesByChannel.Length != 256)
        {
            throw new ArgumentException("256 roles, one per channel byte", nameof(rolesByChannel));
        }

        fixed (byte* roles = rolesByChannel)
        {
            Check(NativeMethods.gs_announce_set_roles(State, roles), "gs_announce_set_roles");
        }
    }

    int IAnnouncePath.Accept(long[] slots, byte[] channels, int end, int[] progress, uint[] random, int randomCount)
    {
        int next = progress[0];
        int result = Accept(slots, channels, end, ref next, random, randomCount, out int needed);
        progress[0] = next;
        progress[1] = needed;
        return result;
    }

    int IAnnouncePath.FinishOpenSlot(uint[] random, int randomCount, int[] progress)
    {
        int result = FinishOpenSlot(random, randomCount, out int needed);
        progress[1] = needed;
        return result;
    }

    void IAnnouncePath.FetchClosed(byte[] deltas, byte[] roles, byte[] basisBits, int[] fields, long[] slots)
    {
        NativeAnnounceBatchInfo info = FetchClosed(deltas, roles, basisBits);
        fields[0] = unchecked((int)info.Number);
        fields[1] = info.Count;
        fields[2] = info.DeltaBytes;
        fields[3] = info.DeltaBytesSure;
        fields[4] = info.EncodedLength;
        slots[0] = info.FirstSlot;
        slots[1] = info.LastSlot;
    }

    void IAnnouncePath.TakeCounters(long[] counts)
    {
        NativeAnnounceCounters c = TakeCounters();
        counts[0] += c.Clicks;
        counts[1] += c.IgnoredClicks;
        counts[2] += c.OutOfOrderClicks;
        counts[3] += c.DuplicateClicks;
        counts[4] += c.SingleClickSlots;
        counts[5] += c.SameBasisDoubleClicks;
        counts[6] += c.CrossBasisMultiClicks;
        counts[7] += c.DroppedSlots;
        counts[8] += c.DroppedClicks;
    }
}
