using GroundStation.Hal;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Firmware.Sifting
{
    /// <summary>Announcements: a ring of batches numbered in order; match replies must come back in the same order.</summary>
    public sealed partial class GroundSifter
    {
        private readonly AnnounceBatch[] _batches;
        private readonly uint _batchRing; // _batches.Length, typed like the batch numbers it divides

        // [_oldestBatch, _nextToSend): sent, awaiting match. [_nextToSend, _nextBatch): closed and ready, the last one
        // still filling when _fillingBatch is set. uint arithmetic wraps consistently.
        private uint _oldestBatch;
        private uint _nextToSend;
        private uint _nextBatch;
        private AnnounceBatch _fillingBatch; // the last batch, still taking detections; null when none is
        private int _inFlightSlots;
        private bool _flushRequested;
        private readonly int[] _detectedInReply = new int[SiftCodes.ClassCount + 1];
        private readonly int[] _siftedInReply = new int[SiftCodes.ClassCount];
        private readonly int[] _classCountsBefore = new int[SiftCodes.ClassCount];
        private readonly int[] _classesInByte = ClassesInByteTable(); // 1 KB, built with the sifter

        /// <summary>Closes the batch being filled so the next Service announces it (call periodically, e.g. every 100 ms).</summary>
        public void CloseAnnouncement()
        {
            lock (_lock)
            {
                CloseFillingBatch();
            }
        }

        /// <summary>Announcement batches not yet matched (filling, ready or awaiting the reply).</summary>
        public int BatchesOutstanding
        {
            get
            {
                lock (_lock)
                {
                    return Reinterpret.AsInt32(_nextBatch - _oldestBatch);
                }
            }
        }

        /// <summary>Announcement batches sent and waiting for the satellite side's match reply.</summary>
        public int BatchesAwaitingMatch
        {
            get
            {
                lock (_lock)
                {
                    return Reinterpret.AsInt32(_nextToSend - _oldestBatch);
                }
            }
        }

        private AnnounceBatch Batch(uint number)
        {
            return _batches[number % _batchRing];
        }

        /// <summary>Adds a squashed slot to the batch being filled, or starts the next batch (README "Per-detection path").</summary>
        private void Announce(long slot, int basis, int bit, int clicks)
        {
            AnnounceBatch filling = _fillingBatch;
            if (filling != null)
            {
                if (filling.TryAppend(slot, basis, bit))
                {
                    return;
                }

                CloseFillingBatch();
            }

            if (_nextBatch - _oldestBatch >= _batchRing)
            {
                // Back-pressure: every batch is waiting for the link or the satellite side. The slot is never
                // announced, so both sides stay consistent; it is counted.
                Counters.DroppedSlots++;
                Counters.DroppedClicks += clicks;
                return;
            }

            AnnounceBatch batch = Batch(_nextBatch);
            batch.Begin(_nextBatch, slot, basis, bit, _config.BatchCapacity, _tx.Length);
            _nextBatch++;
            _fillingBatch = batch;
        }

        private void CloseFillingBatch()
        {
            if (_native != null)
            {
                if (_native.CloseFilling() == AnnouncePathResult.BatchClosed)
                {
                    TakeClosedBatch();
                }

                SyncWithPath();
                return;
            }

            AnnounceBatch batch = _fillingBatch;
            if (batch == null)
            {
                return;
            }

            batch.EncodedLength = SiftAnnounceCodec.HeaderLength(batch.Number, batch.Count, batch.FirstSlot)
                + batch.DeltaBytes + SiftWire.BitBytes(batch.Count);
            _fillingBatch = null;
        }

        private void SendAnnouncements()
        {
            uint readyEnd = _fillingBatch != null ? _nextBatch - 1 : _nextBatch;
            while (_nextToSend != readyEnd)
            {
                AnnounceBatch batch = Batch(_nextToSend);

                // Every slot in flight may come back as a sifted bit: only announce what the blocks can still hold.
                if (_inFlightSlots + batch.Count > FreeBlockCapacity() || !_link.CanAccept(batch.EncodedLength))
                {
                    return;
                }

                int length = SiftAnnounceCodec.EncodeFromParts(_tx, 0, batch.Number, batch.Count, batch.FirstSlot,
                    batch.Deltas, batch.DeltaBytes, batch.BasisBits);
                if (length != batch.EncodedLength)
                {
                    Counters.InternalErrors++;
                    return;
                }

                _link.Send(MessageType.SiftAnnounce, _tx, 0, length);
                Counters.AnnouncementsSent++;
                Counters.AnnouncedSlots += batch.Count;
                Counters.AnnounceBytes += length;
                _inFlightSlots += batch.Count;
                _nextToSend++;
            }
        }

        private bool OnMatch(byte[] payload, int offset, int length)
        {
            if (!SiftMatchCodec.TryDecode(payload, offset, length, out uint number, out int count, out int matchStart, out int classStart))
            {
                Counters.MalformedPayloads++;
                return false;
            }

            if (_oldestBatch == _nextToSend || number != _oldestBatch || count != Batch(number).Count)
            {
                Counters.UnexpectedMessages++;
                return false;
            }

            // Per detection: its class and match bit from the reply; a matched one goes into the open block as one
            // 4-bit code (its role bit | basis << 1, then class << 2: SiftBlock). Counts per class are added once per reply.
            AnnounceBatch batch = Batch(number);
            byte[] batchRoles = batch.Roles;
            int[] detected = _detectedInReply;
            int[] sifted = _siftedInReply;
            for (int c = 0; c < sifted.Length; c++)
            {
                sifted[c] = 0;
            }

            CountClasses(payload, classStart, count, detected);

            // The reply's sifted bits per class are what the blocks' class counts grew by (counted from `before`).
            int[] before = _classCountsBefore;
            SiftBlock block = _openBlock;
            int filled = 0;
            byte[] codes = null;
            int[] classCounts = null;
            if (block != null)
            {
                filled = block.Count;
                codes = block.Codes;
                classCounts = block.ClassCounts;
            }

            for (int c = 0; c < before.Length; c++)
            {
                before[c] = block != null ? classCounts[c] : 0;
            }

            // Eight detections per match byte; a matched one's class from the two class bytes of its eight.
            int capacity = _blockBitCapacity;
            for (int start = 0; start < count; start += 8)
            {
                int matches = payload[matchStart + (start >> 3)];
                if (matches == 0)
                {
                    continue;
                }

                int classes = payload[classStart + (start >> 2)];
                int stop = count - start < 8 ? count - start : 8;
                if (stop > 4)
                {
                    classes |= payload[classStart + (start >> 2) + 1] << 8;
                }

                for (int i = start; i < start + stop; i++)
                {
                    int matched = matches & 1;
                    matches >>= 1;
                    if (matched == 0)
                    {
                        continue;
                    }

                    int intensityClass = (classes >> ((i - start) << 1)) & 3;

                    if (block == null)
                    {
                        block = OpenNextBlock();
                        if (block == null)
                        {
                            sifted[intensityClass]++;
                            continue;
                        }

                        filled = 0;
                        codes = block.Codes;
                        classCounts = block.ClassCounts;
                    }

                    codes[filled >> 1] |= (byte)((batchRoles[i] | (intensityClass << 2)) << ((filled & 1) << 2));
                    classCounts[intensityClass]++;
                    filled++;
                    if (filled == capacity)
                    {
                        block.Count = filled;
                        AddGrowth(sifted, classCounts, before);
                        CloseBlock(block);
                        block = null;
                    }
                }
            }

            if (block != null)
            {
                block.Count = filled;
                AddGrowth(sifted, classCounts, before);
            }

            batch.WipeRoles();
            Counters.CountDetections(detected, sifted);
            Counters.MatchBytes += length;
            _inFlightSlots -= count;
            _oldestBatch++;
            if (_native != null)
            {
                _native.SetOldest(_oldestBatch);
            }

            return true;
        }

        /// <summary>
        /// Detections per class (0..3) of a reply's 2-bit class array, four at a time: <see cref="_classesInByte"/>
        /// holds, for each byte value, how many of its four pairs have each class (one count per byte of an int).
        /// Padding pairs past <paramref name="count"/> are zero (checked by the decoder), so they are taken off class 0.
        /// </summary>
        private void CountClasses(byte[] payload, int classStart, int count, int[] detected)
        {
            int[] table = _classesInByte;
            int bytes = SiftWire.PairBytes(count);
            int c0 = -((4 - (count & 3)) & 3);
            int c1 = 0;
            int c2 = 0;
            int c3 = 0;
            for (int run = 0; run < bytes; run += 32)
            {
                // At most 4 * 32 = 128 per byte of the int over a run of 32 class bytes: folded before it could carry.
                int stop = bytes - run < 32 ? bytes : run + 32;
                int packed = 0;
                for (int j = run; j < stop; j++)
                {
                    packed += table[payload[classStart + j]];
                }

                c0 += packed & 0xFF;
                c1 += (packed >> 8) & 0xFF;
                c2 += (packed >> 16) & 0xFF;
                c3 += (packed >> 24) & 0xFF;
            }

            detected[0] = c0;
            detected[1] = c1;
            detected[2] = c2;
            detected[3] = c3;
        }

        private static int[] ClassesInByteTable()
        {
            int[] table = new int[256];
            for (int b = 0; b < 256; b++)
            {
                for (int pair = 0; pair < 4; pair++)
                {
                    table[b] += 1 << (((b >> (2 * pair)) & 3) * 8);
                }
            }

            return table;
        }

        /// <summary>Adds a block's class-count growth since <paramref name="before"/> to <paramref name="sifted"/>; the next block starts from zero.</summary>
        private static void AddGrowth(int[] sifted, int[] classCounts, int[] before)
        {
            for (int c = 0; c < sifted.Length; c++)
            {
                sifted[c] += classCounts[c] - before[c];
                before[c] = 0;
            }
        }
    }
}
