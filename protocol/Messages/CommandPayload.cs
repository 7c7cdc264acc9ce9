namespace GroundStation.Protocol
{
    /// <summary>
    /// Command (0x10), host to device: requestId u16 | command line (UTF-8, no terminator, at most 200 bytes).
    /// CommandReply (0x11), device to host: requestId u16 | status i16 (0 or a SCPI error code) | text (UTF-8).
    /// The device runs a given requestId once: a repeated Command (the host retrying after a lost reply) gets the
    /// stored reply again. A new Hello forgets the stored reply.
    /// </summary>
    public static class CommandPayload
    {
        public const int CommandHeaderLength = 2;
        public const int ReplyHeaderLength = 4;

        public static int WriteCommand(byte[] buffer, int offset, int requestId, string line)
        {
            Frame.WriteUInt16(buffer, offset, requestId);
            byte[] text = Utf8.GetBytes(line);
            System.Array.Copy(text, 0, buffer, offset + CommandHeaderLength, text.Length);
            return CommandHeaderLength + text.Length;
        }

        /// <summary>Writes a reply; the text is cut to fit <paramref name="maxLength"/> bytes in total.</summary>
        public static int WriteReply(byte[] buffer, int offset, int requestId, int status, string text, int maxLength)
        {
            Frame.WriteUInt16(buffer, offset, requestId);
            Frame.WriteUInt16(buffer, offset + 2, (ushort)(short)status);
            int length = 0;
            if (text != null && text.Length > 0)
            {
                byte[] bytes = Utf8.GetBytes(text);
                length = bytes.Length;
                if (length > maxLength - ReplyHeaderLength)
                {
                    length = maxLength - ReplyHeaderLength;
                }

                System.Array.Copy(bytes, 0, buffer, offset + ReplyHeaderLength, length);
            }

            return ReplyHeaderLength + length;
        }

        public static int ReadRequestId(byte[] buffer, int offset)
        {
            return Frame.ReadUInt16(buffer, offset);
        }

        public static int ReadStatus(byte[] buffer, int offset)
        {
            return (short)Frame.ReadUInt16(buffer, offset + 2);
        }
    }
}
