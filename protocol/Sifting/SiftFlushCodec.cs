namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// <see cref="MessageType.SiftFlush"/>, host to ground station (end of a pass): announce the partial batch and,
    /// once every outstanding match has come back, close the partial block. Payload: empty.
    /// </summary>
    public static class SiftFlushCodec
    {
        public static int Encode(byte[] destination, int offset)
        {
            return 0;
        }

        public static bool TryDecode(byte[] payload, int offset, int length)
        {
            return length == 0;
        }
    }
}
