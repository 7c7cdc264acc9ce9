namespace GroundStation.Protocol
{
    /// <summary>
    /// Incremental frame decoder: fed byte by byte from the UART, it undoes COBS into a preallocated buffer and, at
    /// each 0x00 delimiter, checks the body (length, CRC, flags). A good frame is exposed through the properties
    /// until the next byte is pushed. Anything else is counted and dropped; it never throws on input and never
    /// allocates after construction. Bytes between frames (empty frames "00 00") are ignored silently.
    /// </summary>
    public sealed class FrameDecoder
    {
        private readonly byte[] _body;
        private int _length;
        private int _remaining;      // bytes left in the current COBS run; 0 = next byte is a code byte
        private bool _pendingZero;   // the previous run ended with an implied 0x00
        private bool _started;       // at least one code byte since the last delimiter
        private bool _discarding;    // malformed or oversized: skip to the next delimiter

        /// <param name="maxPayload">Largest payload accepted (at most <see cref="Frame.MaxPayload"/>).</param>
        public FrameDecoder(int maxPayload)
        {
            if (maxPayload < 0 || maxPayload > Frame.MaxPayload)
            {
                throw new System.ArgumentOutOfRangeException("maxPayload");
            }

            _body = new byte[Frame.HeaderLength + maxPayload + Frame.CrcLength];
        }

        /// <summary>Frames that passed every check.</summary>
        public long FramesAccepted { get; private set; }

        /// <summary>Frames whose CRC did not match (line noise).</summary>
        public long CrcErrors { get; private set; }

        /// <summary>Frames shorter than a header + CRC, or with a COBS run cut short by a delimiter.</summary>
        public long MalformedFrames { get; private set; }

        /// <summary>Frames longer than the largest accepted payload.</summary>
        public long OversizedFrames { get; private set; }

        /// <summary>Frames with unknown flag bits (a newer, incompatible sender or noise that fooled the CRC).</summary>
        public long BadFlagFrames { get; private set; }

        /// <summary>All rejected frames.</summary>
        public long RejectedFrames
        {
            get { return CrcErrors + MalformedFrames + OversizedFrames + BadFlagFrames; }
        }

        public MessageType Type
        {
            get { return (MessageType)_body[Frame.TypeOffset]; }
        }

        public byte Flags
        {
            get { return _body[Frame.FlagsOffset]; }
        }

        public bool IsSequenced
        {
            get { return (_body[Frame.FlagsOffset] & Frame.FlagSequenced) != 0; }
        }

        public uint Seq
        {
            get { return Frame.ReadUInt32(_body, Frame.SeqOffset); }
        }

        public uint Ack
        {
            get { return Frame.ReadUInt32(_body, Frame.AckOffset); }
        }

        /// <summary>The buffer holding the last good frame's payload at <see cref="PayloadOffset"/>.</summary>
        public byte[] Buffer
        {
            get { return _body; }
        }

        public int PayloadOffset
        {
            get { return Frame.HeaderLength; }
        }

        public int PayloadLength { get; private set; }

        /// <summary>True between a byte that is not a delimiter and the next delimiter.</summary>
        public bool InFrame
        {
            get { return _started || _discarding; }
        }

        /// <summary>Forgets a partly received frame (without counting it).</summary>
        public void Reset()
        {
            _length = 0;
            _remaining = 0;
            _pendingZero = false;
            _started = false;
            _discarding = false;
        }

        /// <summary>Feeds one received byte.</summary>
        /// <returns>True when this byte completed a good frame.</returns>
        public bool Push(byte value)
        {
            if (value == Frame.Delimiter)
            {
                return EndFrame();
            }

            if (_discarding)
            {
                return false;
            }

            if (_remaining == 0)
            {
                // A code byte: emit the zero the previous run implied, then start a run of value-1 bytes.
                if (_pendingZero && !Append(0))
                {
                    return false;
                }

                _started = true;
                _remaining = value - 1;
                _pendingZero = value < 0xFF;
                return false;
            }

            _remaining--;
            Append(value);
            return false;
        }

        private bool Append(byte value)
        {
            if (_length == _body.Length)
            {
                OversizedFrames++;
                _discarding = true;
                return false;
            }

            _body[_length++] = value;
            return true;
        }

        private bool EndFrame()
        {
            bool started = _started;
            bool discarding = _discarding;
            bool truncatedRun = _remaining != 0;
            int length = _length;
            Reset();
            if (discarding || !started)
            {
                return false;
            }

            if (truncatedRun || length < Frame.HeaderLength + Frame.CrcLength)
            {
                MalformedFrames++;
                return false;
            }

            int checkedLength = length - Frame.CrcLength;
            ushort expected = Frame.ReadUInt16(_body, checkedLength);
            if (Crc16Ccitt.Compute(_body, 0, checkedLength) != expected)
            {
                CrcErrors++;
                return false;
            }

            if ((_body[Frame.FlagsOffset] & ~Frame.KnownFlags) != 0)
            {
                BadFlagFrames++;
                return false;
            }

            PayloadLength = checkedLength - Frame.HeaderLength;
            FramesAccepted++;
            return true;
        }
    }
}
