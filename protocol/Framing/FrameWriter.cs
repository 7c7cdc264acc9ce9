namespace GroundStation.Protocol
{
    /// <summary>
    /// Builds complete wire frames (delimiters, COBS, header, payload, CRC) straight into a caller's buffer, in one
    /// pass and without allocating: the COBS code bytes are back-patched as each run ends.
    /// One instance per sending thread (it keeps the encoding state between the bytes of one frame).
    /// </summary>
    public sealed class FrameWriter
    {
        private byte[] _out;
        private int _write;
        private int _codeIndex;
        private byte _code;
        private ushort _crc;

        /// <summary>
        /// Writes 0x00, COBS(header + payload + CRC), 0x00 at <paramref name="destinationOffset"/>.
        /// The destination needs <see cref="Frame.MaxWireLength"/>(count) bytes.
        /// </summary>
        /// <returns>The number of bytes written.</returns>
        public int Write(MessageType type, byte flags, uint seq, uint ack,
            byte[] payload, int offset, int count, byte[] destination, int destinationOffset)
        {
            if (count < 0 || count > Frame.MaxPayload)
            {
                throw new System.ArgumentOutOfRangeException("count");
            }

            _out = destination;
            _write = destinationOffset;
            _out[_write++] = Frame.Delimiter;
            _codeIndex = _write++;
            _code = 1;
            _crc = Crc16Ccitt.Initial;

            PutChecked((byte)type);
            PutChecked(flags);
            PutUInt32(seq);
            PutUInt32(ack);
            for (int i = 0; i < count; i++)
            {
                PutChecked(payload[offset + i]);
            }

            ushort crc = _crc;
            Put((byte)crc);
            Put((byte)(crc >> 8));

            _out[_codeIndex] = _code;
            _out[_write++] = Frame.Delimiter;
            _out = null;
            return _write - destinationOffset;
        }

        private void PutUInt32(uint value)
        {
            PutChecked((byte)value);
            PutChecked((byte)(value >> 8));
            PutChecked((byte)(value >> 16));
            PutChecked((byte)(value >> 24));
        }

        private void PutChecked(byte value)
        {
            _crc = Crc16Ccitt.Update(_crc, value);
            Put(value);
        }

        private void Put(byte value)
        {
            if (value == 0)
            {
                _out[_codeIndex] = _code;
                _codeIndex = _write++;
                _code = 1;
                return;
            }

            _out[_write++] = value;
            _code++;
            if (_code == 0xFF)
            {
                _out[_codeIndex] = _code;
                _codeIndex = _write++;
                _code = 1;
            }
        }
    }
}
