using GroundStation.Firmware.Sifting;

namespace GroundStation.Firmware.App.NativeTask
{
    /// <summary>
    /// The sifter's announce path when the acquisition task runs it (squashing and batch filling happen in the task,
    /// gs_announce inside gs_pipeline): there are no detections to hand over, only batches the task closed. Each call
    /// of <see cref="Accept"/>, <see cref="CloseFilling"/> or <see cref="FinishOpenSlot"/> takes the next closed batch
    /// from the task (NativeAcquisition.TakeClosedBatch) and reports <see cref="AnnouncePathResult.BatchClosed"/>, so
    /// <see cref="GroundSifter"/> copies it into its ring exactly as it does for the per-batch native path; sending,
    /// matching, blocks and estimation run unchanged. The task numbers batches from 0 in order and opens one only while
    /// the sifter's ring has room (<see cref="SetOldest"/> forwards the ring's tail), so the slot is always free.
    /// Not available through the InternalCall surface, so left as they are (firmware/Native/README.md "Device path"):
    /// closing the task's filling batch early, a live receiver map change, the announce counters.
    /// </summary>
    public sealed class TaskAnnouncePath : IAnnouncePath
    {
        private readonly INativeAcquisition _native;
        private readonly byte[] _deltas;
        private readonly byte[] _roles;
        private readonly byte[] _basisBits;
        private readonly long[] _info = new long[6];
        private uint _nextBatch;
        private bool _staged;

        public TaskAnnouncePath(INativeAcquisition native, SiftingConfig config)
        {
            _native = native;
            AnnounceBatch shape = new AnnounceBatch(config.BatchCapacity, config.MaxPayloadBytes);
            _deltas = shape.Deltas;
            _roles = shape.Roles;
            _basisBits = shape.BasisBits;
        }

        /// <summary>The last negative status TakeClosedBatch returned (0 when none): a broken invariant in the glue.</summary>
        public int LastError { get; private set; }

        /// <summary>Closed batches taken from the task so far.</summary>
        public long BatchesTaken { get; private set; }

        public uint NextBatch
        {
            get { return _nextBatch; }
        }

        /// <summary>The task's filling batch is invisible here: the sifter sees only closed ones.</summary>
        public bool IsFilling
        {
            get { return false; }
        }

        public int Accept(long[] slots, byte[] channels, int end, int[] progress, uint[] random, int randomCount)
        {
            progress[0] = end;
            return TakeNext();
        }

        public int FinishOpenSlot(uint[] random, int randomCount, int[] progress)
        {
            return TakeNext();
        }

        public int CloseFilling()
        {
            return TakeNext();
        }

        public void FetchClosed(byte[] deltas, byte[] roles, byte[] basisBits, int[] fields, long[] slots)
        {
            long[] info = _info;
            int count = (int)info[3];
            int deltaBytes = (int)info[4];
            System.Array.Copy(_deltas, deltas, deltaBytes);
            System.Array.Copy(_roles, roles, count);
            System.Array.Copy(_basisBits, basisBits, basisBits.Length);
            fields[0] = (int)info[2];
            fields[1] = count;
            fields[2] = deltaBytes;
            fields[3] = deltaBytes; // a closed batch never takes another detection: "surely fits" no longer matters
            fields[4] = (int)info[5];
            slots[0] = info[0];
            slots[1] = info[1];
            _staged = false;
        }

        public void SetRoles(byte[] rolesByChannel)
        {
            // The task's receiver map is set by Configure only (no InternalCall for a live change).
        }

        public void SetOldest(uint oldest)
        {
            _native.SetOldestBatch(oldest);
        }

        public void TakeCounters(long[] counts)
        {
            // The task reports no announce counters (NativeAcquisition.ReadCounters has none).
        }

        private int TakeNext()
        {
            if (_staged)
            {
                return AnnouncePathResult.BatchClosed;
            }

            System.Array.Clear(_basisBits, 0, _basisBits.Length);
            int count = _native.TakeClosedBatch(_deltas, _roles, _basisBits, _info);
            if (count < 0)
            {
                LastError = count;
                return AnnouncePathResult.Done;
            }

            if (count == 0)
            {
                return AnnouncePathResult.Done;
            }

            _nextBatch = (uint)_info[2] + 1;
            _staged = true;
            BatchesTaken++;
            return AnnouncePathResult.BatchClosed;
        }
    }
}
