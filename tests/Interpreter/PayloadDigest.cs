using GroundStation.Hal;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>Count, bytes and CRC-32 (hal's Crc32) of every payload of one message type, concatenated in order.</summary>
    public sealed class PayloadDigest
    {
        private uint _crc = Crc32.Start;

        public long Messages;

        public long Bytes;

        public uint Crc
        {
            get { return Crc32.Finish(_crc); }
        }

        public void Add(byte[] payload, int offset, int length)
        {
            Messages++;
            Bytes += length;
            _crc = Crc32.Update(_crc, payload, offset, length);
        }
    }
}
