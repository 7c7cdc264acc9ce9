using GroundStation.Hal;
namespace GroundStation.Protocol
{
    /// <summary>
    /// The receiving half of the reliable stream: delivers messages exactly once and in sequence order. A frame at
    /// the expected number is delivered at once (then any held successors); a later frame within the window is held
    /// in a preallocated slot; an older one is a duplicate and only re-acknowledged. Allocation-free.
    /// </summary>
    public sealed class ReliableReceiver
    {
        public const int Delivered = 0;
        public const int Held = 1;
        public const int Duplicate = 2;
        public const int OutOfWindow = 3;
        public const int TooLong = 4;

        /// <summary>The selective-ack bitmap covers 32 frames after the expected one.</summary>
        public const int MaxWindow = 33;

        private readonly byte[][] _payloads;
        private readonly int[] _lengths;
        private readonly byte[] _types;
        private readonly bool[] _present;
        private readonly int _window;
        private int _head;   // slot of _next
        private uint _next;

        /// <param name="window">Frames accepted from the expected one on (1 = in order only, at most 33).</param>
        public ReliableReceiver(int window, int maxPayload)
        {
            if (window < 1 || window > MaxWindow)
            {
                throw new System.ArgumentOutOfRangeException("window");
            }

            _window = window;
            MaxPayload = maxPayload;
            int held = window - 1;
            _payloads = new byte[held > 0 ? held : 1][];
            for (int i = 0; i < _payloads.Length; i++)
            {
                _payloads[i] = new byte[held > 0 ? maxPayload : 0];
            }

            _lengths = new int[_payloads.Length];
            _types = new byte[_payloads.Length];
            _present = new bool[_payloads.Length];
        }

        public int Window
        {
            get { return _window; }
        }

        public int MaxPayload { get; }

        /// <summary>The next sequence number to deliver: everything below it was delivered (the cumulative ack).</summary>
        public uint Next
        {
            get { return _next; }
        }

        public long DeliveredCount { get; private set; }

        public long Duplicates { get; private set; }

        public long OutOfWindowFrames { get; private set; }

        /// <summary>Bit i set: frame Next + 1 + i is held.</summary>
        public uint SelectiveAckBits
        {
            get
            {
                uint bits = 0;
                for (int i = 0; i < _window - 1; i++)
                {
                    if (_present[(_head + 1 + i) % _present.Length])
                    {
                        bits |= 1u << i;
                    }
                }

                return bits;
            }
        }

        /// <summary>Takes one sequenced frame; delivers it and any held successors to <paramref name="deliver"/>.</summary>
        /// <returns>One of Delivered, Held, Duplicate, OutOfWindow, TooLong.</returns>
        public int Accept(uint seq, MessageType type, byte[] payload, int offset, int count, MessageHandler deliver)
        {
            int distance = Reinterpret.AsInt32(seq - _next);
            if (distance < 0)
            {
                Duplicates++;
                return Duplicate;
            }

            if (distance >= _window)
            {
                OutOfWindowFrames++;
                return OutOfWindow;
            }

            if (count > MaxPayload)
            {
                return TooLong;
            }

            if (distance > 0)
            {
                int slot = (_head + distance) % _present.Length;
                if (_present[slot])
                {
                    Duplicates++;
                    return Duplicate;
                }

                System.Array.Copy(payload, offset, _payloads[slot], 0, count);
                _lengths[slot] = count;
                _types[slot] = (byte)type;
                _present[slot] = true;
                return Held;
            }

            Advance();
            Deliver(deliver, type, payload, offset, count);
            while (_present[_head])
            {
                int slot = _head;
                _present[slot] = false;
                Advance();
                Deliver(deliver, (MessageType)_types[slot], _payloads[slot], 0, _lengths[slot]);
            }

            return Delivered;
        }

        /// <summary>A new stream from the peer starts at <paramref name="next"/>; held frames are dropped.</summary>
        public void ResetTo(uint next)
        {
            _next = next;
            _head = 0;
            for (int i = 0; i < _present.Length; i++)
            {
                _present[i] = false;
            }
        }

        private void Advance()
        {
            _head = (_head + 1) % _present.Length;
            _next++;
        }

        private void Deliver(MessageHandler deliver, MessageType type, byte[] payload, int offset, int count)
        {
            DeliveredCount++;
            if (deliver != null)
            {
                deliver(type, payload, offset, count);
            }
        }
    }
}
