namespace GroundStation.Hal
{
    /// <summary>
    /// One chip on an SPI bus. The chip select is asserted for exactly one <see cref="Transfer"/> call, so a
    /// driver frames each chip transaction (opcode + data) as one call. Buffers are owned by the caller and reused:
    /// an implementation must not allocate per call.
    /// </summary>
    public interface ISpiDevice
    {
        /// <summary>Name used in fault reports, e.g. "tagger" or "dac".</summary>
        string Name { get; }

        /// <summary>
        /// Clocks <paramref name="count"/> bytes out of <paramref name="writeBuffer"/> while clocking the same number
        /// into <paramref name="readBuffer"/> (full duplex), chip select held active throughout.
        /// </summary>
        /// <exception cref="HalException">The bus reported an error (fault <see cref="HalFault.SpiTransferFailed"/>).</exception>
        void Transfer(byte[] writeBuffer, byte[] readBuffer, int count);
    }
}
