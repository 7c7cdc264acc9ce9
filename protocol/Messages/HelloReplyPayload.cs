namespace GroundStation.Protocol
{
    /// <summary>
    /// HelloReply (0x02), device to host, little-endian:
    /// status u8 | major u8 | minor u8 | flags u8 | sessionId u32 | receiveNext u32 | sendBase u32 |
    /// receiveWindow u16 | maxPayload u16 | name | firmwareVersion | boardName,
    /// each string = length u8 + UTF-8 bytes. Flags bit 0: the host's session was resumed.
    /// </summary>
    public sealed class HelloReplyPayload
    {
        public const int FixedLength = 20;
        public const int MaxStringBytes = 64;

        public const byte StatusOk = 0;

        /// <summary>The host's major version differs: the device stays in console mode.</summary>
        public const byte StatusIncompatibleMajor = 1;

        public const byte FlagResumed = 0x01;

        public int Status;
        public int Major;
        public int Minor;
        public bool Resumed;
        public uint SessionId;

        /// <summary>The next host sequence number the device expects (host resends from here).</summary>
        public uint ReceiveNext;

        /// <summary>The device's oldest unacknowledged sequence number: it resends from here.</summary>
        public uint SendBase;

        public int ReceiveWindow;
        public int MaxPayload;
        public string Name;
        public string FirmwareVersion;
        public string BoardName;

        /// <summary>Writes the fixed part and the three pre-encoded strings (see <see cref="DeviceIdentity"/>).</summary>
        public int Write(byte[] buffer, int offset, DeviceIdentity identity)
        {
            buffer[offset] = (byte)Status;
            buffer[offset + 1] = (byte)Major;
            buffer[offset + 2] = (byte)Minor;
            buffer[offset + 3] = Resumed ? FlagResumed : (byte)0;
            Frame.WriteUInt32(buffer, offset + 4, SessionId);
            Frame.WriteUInt32(buffer, offset + 8, ReceiveNext);
            Frame.WriteUInt32(buffer, offset + 12, SendBase);
            Frame.WriteUInt16(buffer, offset + 16, ReceiveWindow);
            Frame.WriteUInt16(buffer, offset + 18, MaxPayload);
            int at = offset + FixedLength;
            at = WriteString(buffer, at, identity.NameBytes);
            at = WriteString(buffer, at, identity.FirmwareVersionBytes);
            at = WriteString(buffer, at, identity.BoardNameBytes);
            return at - offset;
        }

        /// <summary>Reads a payload (allocates the strings; host side). False when truncated or malformed.</summary>
        public bool TryRead(byte[] buffer, int offset, int count)
        {
            if (count < FixedLength + 3)
            {
                return false;
            }

            Status = buffer[offset];
            Major = buffer[offset + 1];
            Minor = buffer[offset + 2];
            Resumed = (buffer[offset + 3] & FlagResumed) != 0;
            SessionId = Frame.ReadUInt32(buffer, offset + 4);
            ReceiveNext = Frame.ReadUInt32(buffer, offset + 8);
            SendBase = Frame.ReadUInt32(buffer, offset + 12);
            ReceiveWindow = Frame.ReadUInt16(buffer, offset + 16);
            MaxPayload = Frame.ReadUInt16(buffer, offset + 18);
            int end = offset + count;
            int at = offset + FixedLength;
            Name = ReadString(buffer, ref at, end);
            FirmwareVersion = ReadString(buffer, ref at, end);
            BoardName = ReadString(buffer, ref at, end);
            return Name != null && FirmwareVersion != null && BoardName != null;
        }

        private static int WriteString(byte[] buffer, int at, byte[] text)
        {
            buffer[at++] = (byte)text.Length;
            System.Array.Copy(text, 0, buffer, at, text.Length);
            return at + text.Length;
        }

        private static string ReadString(byte[] buffer, ref int at, int end)
        {
            if (at >= end)
            {
                return null;
            }

            int length = buffer[at++];
            if (at + length > end)
            {
                at = end;
                return null;
            }

            string text = Utf8.GetString(buffer, at, length);
            at += length;
            return text;
        }
    }
}
