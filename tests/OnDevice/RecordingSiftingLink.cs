using System;
using System.Collections;
using GroundStation.Firmware.Sifting;
using GroundStation.Protocol;

namespace GroundStation.OnDeviceTests
{
    /// <summary>An <see cref="ISiftingLink"/> that always has room and keeps a copy of every message sent, in order.</summary>
    public sealed class RecordingSiftingLink : ISiftingLink
    {
        private readonly ArrayList _types = new ArrayList();
        private readonly ArrayList _payloads = new ArrayList();


        public int Count
        {
            get { return _types.Count; }
        }

        public MessageType TypeAt(int index)
        {
            return (MessageType)_types[index];
        }

        public byte[] PayloadAt(int index)
        {
            return (byte[])_payloads[index];
        }

        public bool CanAccept(int payloadBytes)
        {
            return true;
        }

        public void Send(MessageType type, byte[] payload, int offset, int count)
        {
            byte[] copy = new byte[count];
            Array.Copy(payload, offset, copy, 0, count);
            _types.Add(type);
            _payloads.Add(copy);
        }

        public void Clear()
        {
            _types.Clear();
            _payloads.Clear();
        }
    }
}
