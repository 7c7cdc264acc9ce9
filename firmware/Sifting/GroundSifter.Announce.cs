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
        // still filling when _filling. uint arithmetic wraps consistently.
        private uint _oldestBatch;
        private uint _nextToSend;
        private uint _nextBatch;
        private bool _filling;
        private int _inFlightSlots;
        private bool _flushRequested;

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

        private void AppendToBatch(long slot, int basis, int bit, int clicks)
        {
            if (_filling)
            {
                AnnounceBatch filling = Batch(_nextBatch - 1);
                int deltaBytes = SiftWire.NonNegativeVarintLength(slot - filling.Slots[filling.Count - 1]);
                int projected = SiftAnnounceCodec.HeaderLength(filling.Number, filling.Count + 1, filling.Slots[0])
                    + filling.DeltaBytes + deltaBytes + SiftWire.BitBytes(filling.Count + 1);
                if (filling.Count < filling.Slots.Length && projected <= _tx.Length)
                {
                    filling.Slots[filling.Count] = slot;
                    filling.Bases[filling.Count] = (byte)basis;
                    filling.Bits[filling.Count] = (byte)bit;
                    filling.Count++;
                    filling.DeltaBytes += deltaBytes;
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
            batch.Reset(_nextBatch);
            batch.Slots[0] = slot;
            batch.Bases[0] = (byte)basis;
            batch.Bits[0] = (byte)bit;
            batch.Count = 1;
            _nextBatch++;
            _filling = true;
        }

        private void CloseFillingBatch()
        {
            if (!_filling)
            {
                return;
            }

            AnnounceBatch batch = Batch(_nextBatch - 1);
            batch.EncodedLength = SiftAnnounceCodec.HeaderLength(batch.Number, batch.Count, batch.Slots[0])
                + batch.DeltaBytes + SiftWire.BitBytes(batch.Count);
            _filling = false;
        }

        private void SendAnnouncements()
        {
            uint readyEnd = _filling ? _nextBatch - 1 : _nextBatch;
            while (_nextToSend != readyEnd)
            {
                AnnounceBatch batch = Batch(_nextToSend);

                // Every slot in flight may come back as a sifted bit: only announce what the blocks can still hold.
                if (_inFlightSlots + batch.Count > FreeBlockCapacity() || !_link.CanAccept(batch.EncodedLength))
                {
                    return;
                }

                int length = SiftAnnounceCodec.Encode(_tx, 0, batch.Number, batch.Slots, batch.Bases, batch.Count);
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

            AnnounceBatch batch = Batch(number);
            for (int i = 0; i < count; i++)
            {
                int intensityClass = SiftWire.GetPair(payload, classStart, i);
                bool matched = SiftWire.GetBit(payload, matchStart, i) != 0;
                Counters.CountDetection(intensityClass, matched);
                if (matched)
                {
                    AppendSifted(batch.Bits[i], batch.Bases[i], intensityClass);
                }

                batch.Bits[i] = 0;
            }

            Counters.MatchBytes += length;
            _inFlightSlots -= count;
            _oldestBatch++;
            return true;
        }
    }
}
