namespace GroundStation.Hal
{
    /// <summary>
    /// Non-volatile storage for one configuration record of a few KB. <see cref="Replace"/> is atomic: after a
    /// power cut the store holds either the old or the new record, never a mix. Records are checksummed by the store.
    /// </summary>
    public interface IConfigStore
    {
        /// <summary>Largest record the store accepts, in bytes.</summary>
        int Capacity { get; }

        /// <summary>Copies the stored record into <paramref name="buffer"/>.</summary>
        /// <returns>The record's length; 0 when the store is empty.</returns>
        /// <exception cref="HalException">The checksum failed (<see cref="HalFault.StoreCorrupt"/>).</exception>
        int Read(byte[] buffer);

        /// <summary>Atomically replaces the record with the first <paramref name="length"/> bytes of <paramref name="data"/>.</summary>
        void Replace(byte[] data, int length);
    }
}
