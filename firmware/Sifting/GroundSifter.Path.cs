namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// The per-detection announce path in an <see cref="IAnnouncePath"/> (the native core): the sifter hands it the
    /// detections, takes each batch it closes into the ring, draws the random words it asks for, and keeps its own
    /// view (next batch number, the filling batch, counters) in step, so sending, matching, blocks and estimation run
    /// unchanged.
    /// </summary>
    public sealed partial class GroundSifter
    {
        private IAnnouncePath _native;
        private readonly int[] _pathProgress = new int[2];
        private readonly uint[] _pathRandom = new uint[2];
        private readonly int[] _pathFields = new int[5];
        private readonly long[] _pathSlots = new long[2];
        private readonly long[] _pathCounts = new long[9];
        private int _pathRoleChanges;

        /// <summary>
        /// Hands the per-detection path to <paramref name="path"/> (null: the managed path). Call before the first
        /// detection; the path must have been built for this sifter's configuration.
        /// </summary>
        public void UseAnnouncePath(IAnnouncePath path)
        {
            lock (_lock)
            {
                if (_nextBatch != 0 || _slotOpen)
                {
                    throw new System.InvalidOperationException("GroundSifter.UseAnnouncePath after the first detection");
                }

                _native = path;
                _pathRoleChanges = _map.Changes;
            }
        }

        private void AcceptElsewhere(long[] slots, byte[] channels, int offset, int count)
        {
            if (_map.Changes != _pathRoleChanges)
            {
                // The managed path reads the map's live array; the path has a copy, refreshed when the map changed.
                _native.SetRoles(_roles);
                _pathRoleChanges = _map.Changes;
            }

            int[] progress = _pathProgress;
            int end = offset + count;
            progress[0] = offset;
            int result = _native.Accept(slots, channels, end, progress, _pathRandom, 0);
            while (result != AnnouncePathResult.Done)
            {
                int words = TakeStop(result);
                result = _native.Accept(slots, channels, end, progress, _pathRandom, words);
            }

            SyncWithPath();
        }

        private void FinishOpenSlotElsewhere()
        {
            int[] progress = _pathProgress;
            int result = _native.FinishOpenSlot(_pathRandom, 0, progress);
            while (result != AnnouncePathResult.Done)
            {
                int words = TakeStop(result);
                result = _native.FinishOpenSlot(_pathRandom, words, progress);
            }

            SyncWithPath();
        }

        /// <summary>Serves a stop: takes the closed batch (0 words), or draws the words asked for, in order.</summary>
        private int TakeStop(int result)
        {
            if (result == AnnouncePathResult.BatchClosed)
            {
                TakeClosedBatch();
                return 0;
            }

            int words = _pathProgress[1];
            for (int w = 0; w < words; w++)
            {
                _pathRandom[w] = _random.NextUInt32();
            }

            return words;
        }

        /// <summary>
        /// Copies the batch the path just closed into its place in the ring. Its number follows from the path's
        /// numbering: a batch closes only when the next one begins (then it is the one before the filling one) or
        /// none can (then it is the last one).
        /// </summary>
        private void TakeClosedBatch()
        {
            uint number = _native.IsFilling ? _native.NextBatch - 2 : _native.NextBatch - 1;
            AnnounceBatch batch = Batch(number);
            int[] fields = _pathFields;
            _native.FetchClosed(batch.Deltas, batch.Roles, batch.BasisBits, fields, _pathSlots);
            batch.Load(number, fields[1], _pathSlots[0], _pathSlots[1], fields[2], fields[3], fields[4]);
            if (fields[0] != Hal.Reinterpret.AsInt32(number))
            {
                Counters.InternalErrors++;
            }
        }

        /// <summary>The sifter's view of the path: batch numbers handed out, the filling batch, the counters.</summary>
        private void SyncWithPath()
        {
            _nextBatch = _native.NextBatch;
            _fillingBatch = _native.IsFilling ? Batch(_nextBatch - 1) : null;
            long[] counts = _pathCounts;
            System.Array.Clear(counts, 0, counts.Length);
            _native.TakeCounters(counts);
            Counters.Clicks += counts[0];
            Counters.IgnoredClicks += counts[1];
            Counters.OutOfOrderClicks += counts[2];
            Counters.DuplicateClicks += counts[3];
            Counters.SingleClickSlots += counts[4];
            Counters.SameBasisDoubleClicks += counts[5];
            Counters.CrossBasisMultiClicks += counts[6];
            Counters.DroppedSlots += counts[7];
            Counters.DroppedClicks += counts[8];
        }
    }
}
