namespace GroundStation.Hal
{
    /// <summary>The UART to the host. Reads never block; writes may block until the bytes are queued.</summary>
    public interface ISerialPort
    {
        int BaudRate { get; }

        /// <summary>Copies up to <paramref name="count"/> received bytes into the caller's buffer.</summary>
        /// <returns>The number of bytes copied; 0 when nothing is waiting.</returns>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Queues bytes for transmission.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
