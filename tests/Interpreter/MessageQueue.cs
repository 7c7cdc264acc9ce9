using System;
using GroundStation.Firmware.Sifting;
using GroundStation.Protocol;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// The serial link of the scenarios as an <see cref="ISiftingLink"/>: a ring of preallocated payload buffers,
    /// copied on Send (the sifter reuses its buffer) and handed out in order. A full ring refuses (CanAccept false), so
    /// the sifter's back-pressure path runs as it does on a slow link; nothing is allocated per message.
    /// </summary>
    public sealed class MessageQueue : ISiftingLink
    {
        private readonly byte[][] _payloads;
        private readonly int[] _types;
        private readonly int[] _lengths;
        private int _first;
        private int _count;

        public MessageQueue(int capacity, int maxPayloadBytes)
        {
            _payloads = new byte[capacity][];
            _types = new int[capacity];
            _lengths = new int[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _payloads[i] = new byte[maxPayloadBytes];
            }
        }

        /// <summary>Payload of the message last taken (valid until the next Take).</summary>
        public byte[] Payload;

        public int Length;

        public MessageType Type;

        public bool CanAccept(int payloadBytes)
        {
            return _count < _types.Length && payloadBytes <= _payloads[0].Length;
        }

        public void Send(MessageType type, byte[] payload, int offset, int count)
        {
            if (!CanAccept(count))
            {
                throw new InvalidOperationException("MessageQueue: Send without room (the sifter must ask CanAccept first)");
            }

            int slot = (_first + _count) % _types.Length;
            Array.Copy(payload, offset, _payloads[slot], 0, count);
            _types[slot] = (int)type;
            _lengths[slot] = count;
            _count++;
        }

        /// <summary>Takes the oldest message into Payload/Length/Type; false when empty.</summary>
        public bool Take()
        {
            if (_count == 0)
            {
                return false;
            }

            Payload = _payloads[_first];
            Length = _lengths[_first];
            Type = (MessageType)_types[_first];
            _first = (_first + 1) % _types.Length;
            _count--;
            return true;
        }
    }
}
