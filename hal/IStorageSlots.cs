namespace GroundStation.Hal
{
    /// <summary>
    /// Two raw, independently writable storage areas ("slots") of non-volatile memory: files on the ESP32's internal
    /// flash, files on a Linux board, byte arrays in tests. <see cref="SlottedConfigStore"/> builds the atomic,
    /// checksummed <see cref="IConfigStore"/> on top, so that logic exists once for every board.
    /// Implementations throw whatever their platform throws on an I/O error; the store turns it into a counted
    /// <see cref="HalException"/>.
    /// </summary>
    public interface IStorageSlots
    {
        /// <summary>Copies slot <paramref name="slot"/> (0 or 1) into <paramref name="buffer"/>.</summary>
        /// <returns>Bytes copied; 0 when the slot has never been written. At most the buffer's length.</returns>
        int ReadSlot(int slot, byte[] buffer);

        /// <summary>Replaces the whole content of slot <paramref name="slot"/> with the first <paramref name="length"/> bytes.</summary>
        void WriteSlot(int slot, byte[] data, int length);
    }
}
