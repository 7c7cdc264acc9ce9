namespace GroundStation.Protocol
{
    /// <summary>
    /// The sending half of the reliable stream (selective repeat): every accepted message gets the next sequence
    /// number and stays in a bounded ring of slots until the peer acknowledges it. A frame is (re)sent when it was
    /// never sent, when a later frame was acknowledged but it was not (fast retransmit from the selective-ack
    /// bitmap), or when its retransmission timer runs out (doubling per retry up to a cap). Only frames within the
    /// peer's receive window are sent. Allocation-free after construction.
    /// </summary>
    public sealed class ReliableSender
    {
        private readonly byte[][] _payloads;
        private readonly int[] _lengths;
        private readonly byte[] _types;
        private readonly long[] _sentAtUs;   // -1: never sent (or must be resent now)
        private readonly long[] _txStamp;    // order of the last transmission, for loss detection
        private readonly int[] _retries;
        private readonly bool[] _sacked;
        private readonly bool[] _everSent;
        private readonly int _slots;
        private int _head;                   // slot of _base
        private uint _base;                  // oldest unacknowledged sequence number
        private uint _next;                  // next sequence number to assign
        private long _txCounter;

        public ReliableSender(int slots, int maxPayload)
        {
            _slots = slots;
            MaxPayload = maxPayload;
            _payloads = new byte[slots][];
            for (int i = 0; i < slots; i++)
            {
                _payloads[i] = new byte[maxPayload];
            }

            _lengths = new int[slots];
            _types = new byte[slots];
            _sentAtUs = new long[slots];
            _txStamp = new long[slots];
            _retries = new int[slots];
            _sacked = new bool[slots];
            _everSent = new bool[slots];
            PeerWindow = slots;
            RetransmitTimeoutMicroseconds = 200000;
            MaxRetransmitTimeoutMicroseconds = 2000000;
        }

        public int MaxPayload { get; }

        public int Capacity
        {
            get { return _slots; }
        }

        /// <summary>Frames the peer can hold out of order (from the handshake); limits frames in flight.</summary>
        public int PeerWindow { get; set; }

        public int RetransmitTimeoutMicroseconds { get; set; }

        public int MaxRetransmitTimeoutMicroseconds { get; set; }

        /// <summary>Oldest unacknowledged sequence number.</summary>
        public uint Base
        {
            get { return _base; }
        }

        /// <summary>The sequence number the next accepted message gets.</summary>
        public uint Next
        {
            get { return _next; }
        }

        /// <summary>Messages accepted but not yet acknowledged.</summary>
        public int Pending
        {
            get { return (int)(_next - _base); }
        }

        /// <summary>
        /// Messages transmitted and waiting for the peer's acknowledgement (neither acknowledged nor due for a
        /// resend): what the peer still owes. The simulation board holds its virtual time while this is high, so a
        /// firmware running faster than real time never outruns a host that answers in real time.
        /// </summary>
        public int InFlight
        {
            get
            {
                int n = 0;
                for (uint seq = _base; seq != _next; seq++)
                {
                    int slot = SlotOf(seq);
                    if (!_sacked[slot] && _sentAtUs[slot] >= 0)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        public long Retransmissions { get; private set; }

        public long FramesAcknowledged { get; private set; }

        public bool CanAccept(int bytes)
        {
            return bytes >= 0 && bytes <= MaxPayload && Pending < _slots;
        }

        /// <summary>Takes a copy of the message; false (nothing stored) when the ring is full or it is too long.</summary>
        public bool Enqueue(MessageType type, byte[] payload, int offset, int count)
        {
            if (!CanAccept(count))
            {
                return false;
            }

            int slot = SlotOf(_next);
            System.Array.Copy(payload, offset, _payloads[slot], 0, count);
            _lengths[slot] = count;
            _types[slot] = (byte)type;
            _sentAtUs[slot] = -1;
            _retries[slot] = 0;
            _sacked[slot] = false;
            _everSent[slot] = false;
            _next++;
            return true;
        }

        /// <summary>
        /// Applies an acknowledgement: everything below <paramref name="cumulative"/> was received, and bit i of
        /// <paramref name="selective"/> means cumulative + 1 + i was received too. Stale or impossible acks are ignored.
        /// </summary>
        public void OnAck(uint cumulative, uint selective)
        {
            int advance = (int)(cumulative - _base);
            if (advance < 0 || advance > Pending)
            {
                return;
            }

            long delivered = -1;
            for (int i = 0; i < advance; i++)
            {
                int slot = (_head + i) % _slots;
                if (_everSent[slot] && _txStamp[slot] > delivered)
                {
                    delivered = _txStamp[slot];
                }
            }

            _head = (_head + advance) % _slots;
            _base += (uint)advance;
            FramesAcknowledged += advance;
            for (int bit = 0; bit < 32 && selective != 0; bit++)
            {
                if ((selective & (1u << bit)) == 0)
                {
                    continue;
                }

                uint seq = cumulative + 1 + (uint)bit;
                if ((int)(seq - _next) >= 0)
                {
                    break;
                }

                int slot = SlotOf(seq);
                if (!_sacked[slot])
                {
                    _sacked[slot] = true;
                    if (_everSent[slot] && _txStamp[slot] > delivered)
                    {
                        delivered = _txStamp[slot];
                    }
                }
            }

            if (delivered < 0)
            {
                return;
            }

            // A frame sent before one that arrived, and not acknowledged itself, was lost: resend it now.
            for (uint seq = _base; seq != _next; seq++)
            {
                int slot = SlotOf(seq);
                if (!_sacked[slot] && _sentAtUs[slot] >= 0 && _txStamp[slot] < delivered)
                {
                    _sentAtUs[slot] = -1;
                }
            }
        }

        /// <summary>The slot to transmit now, or -1. Lower sequence numbers first (resends before new frames).</summary>
        public int SelectForTransmit(long nowMicroseconds)
        {
            int inFlightLimit = PeerWindow < _slots ? PeerWindow : _slots;
            int count = Pending < inFlightLimit ? Pending : inFlightLimit;
            for (int i = 0; i < count; i++)
            {
                int slot = SlotOf(_base + (uint)i);
                if (_sacked[slot])
                {
                    continue;
                }

                long sentAt = _sentAtUs[slot];
                if (sentAt < 0 || nowMicroseconds - sentAt >= TimeoutFor(_retries[slot]))
                {
                    return slot;
                }
            }

            return -1;
        }

        /// <summary>Records that the slot's frame went out now.</summary>
        public void MarkTransmitted(int slot, long nowMicroseconds)
        {
            if (_everSent[slot])
            {
                Retransmissions++;
                _retries[slot]++;
            }

            _everSent[slot] = true;
            _sentAtUs[slot] = nowMicroseconds;
            _txStamp[slot] = ++_txCounter;
        }

        public uint SeqOfSlot(int slot)
        {
            return _base + (uint)((slot - _head + _slots) % _slots);
        }

        public MessageType TypeOfSlot(int slot)
        {
            return (MessageType)_types[slot];
        }

        public byte[] PayloadOfSlot(int slot)
        {
            return _payloads[slot];
        }

        public int LengthOfSlot(int slot)
        {
            return _lengths[slot];
        }

        /// <summary>
        /// After a reconnect: the peer has everything below <paramref name="peerNext"/> (if that is within what is
        /// held, it acknowledges up to there) and lost its out-of-order buffer, so every held frame is resent now.
        /// </summary>
        public void ResumeFrom(uint peerNext)
        {
            int advance = (int)(peerNext - _base);
            if (advance > 0 && advance <= Pending)
            {
                OnAck(peerNext, 0);
            }

            for (uint seq = _base; seq != _next; seq++)
            {
                int slot = SlotOf(seq);
                _sacked[slot] = false;
                _sentAtUs[slot] = -1;
                _retries[slot] = 0;
            }
        }

        /// <summary>
        /// The peer restarted its stream (a new session): held frames keep their order but are renumbered from
        /// <paramref name="newBase"/> and all resent.
        /// </summary>
        public void Renumber(uint newBase)
        {
            int pending = Pending;
            _base = newBase;
            _next = newBase + (uint)pending;
            ResumeFrom(newBase);
        }

        private long TimeoutFor(int retries)
        {
            long timeout = RetransmitTimeoutMicroseconds;
            for (int i = 0; i < retries && timeout < MaxRetransmitTimeoutMicroseconds; i++)
            {
                timeout *= 2;
            }

            return timeout < MaxRetransmitTimeoutMicroseconds ? timeout : MaxRetransmitTimeoutMicroseconds;
        }

        private int SlotOf(uint seq)
        {
            return (_head + (int)(seq - _base)) % _slots;
        }
    }
}
