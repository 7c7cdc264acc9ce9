namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// The per-detection part of <see cref="GroundSifter"/> (squashing, receiver map, filling announcement batches:
    /// README "Per-detection path") done elsewhere: by the native acquisition core (firmware/Native, gs_announce.h).
    /// The sifter keeps everything after a batch closes (sending, matching, blocks, estimation) and its random source:
    /// the path stops when it needs random words, exactly as many as the managed path would draw there, so every later
    /// draw sees the same sequence. Results are identical to the managed path (tests/NativeCore.Tests).
    /// </summary>
    public interface IAnnouncePath
    {
        /// <summary>
        /// Detections progress[0] .. end - 1 (end fixed across the calls of one batch); progress[0] is updated.
        /// Returns <see cref="AnnouncePathResult.Done"/>, <see cref="AnnouncePathResult.BatchClosed"/> (call <see cref="FetchClosed"/>, then again) or
        /// <see cref="AnnouncePathResult.NeedRandom"/> (progress[1] words; call again with them in <paramref name="random"/>).
        /// </summary>
        int Accept(long[] slots, byte[] channels, int end, int[] progress, uint[] random, int randomCount);

        /// <summary>Finishes the open slot (flush, end of input); same returns, progress[1] as in <see cref="Accept"/>.</summary>
        int FinishOpenSlot(uint[] random, int randomCount, int[] progress);

        /// <summary>Closes the batch being filled: <see cref="AnnouncePathResult.BatchClosed"/> when there was one.</summary>
        int CloseFilling();

        /// <summary>
        /// Copies the closed batch into the arrays (deltas, role bytes, all basis bytes); fields[0..4] = number, count,
        /// delta bytes, delta bytes that surely fit, encoded length; slots[0..1] = first and last slot.
        /// </summary>
        void FetchClosed(byte[] deltas, byte[] roles, byte[] basisBits, int[] fields, long[] slots);

        /// <summary>The receiver map changed (live configuration): role (basis * 2 + bit, or 0xFF) per channel 0..255.</summary>
        void SetRoles(byte[] rolesByChannel);

        /// <summary>Every batch before <paramref name="oldest"/> was matched: back-pressure frees them.</summary>
        void SetOldest(uint oldest);

        /// <summary>Batch numbers handed out, the filling one included.</summary>
        uint NextBatch { get; }

        /// <summary>True while a batch is filling.</summary>
        bool IsFilling { get; }

        /// <summary>
        /// Adds the counts since the last call to <paramref name="counts"/>: clicks, ignored, out of order, duplicate,
        /// single-click slots, same-basis doubles, cross-basis multi-clicks, dropped slots, dropped clicks.
        /// </summary>
        void TakeCounters(long[] counts);
    }

    /// <summary>What an <see cref="IAnnouncePath"/> call returns (gs_announce.h's GS_ANNOUNCE_*).</summary>
    public static class AnnouncePathResult
    {
        public const int Done = 0;
        public const int BatchClosed = 1;
        public const int NeedRandom = 2;
    }
}
