namespace GroundStation.Hal
{
    /// <summary>
    /// The atomic, checksummed configuration store every board uses, over two <see cref="IStorageSlots"/>.
    /// Each record is written to the slot that does NOT hold the newest good record, tagged with the next sequence
    /// number and a CRC-32; reading takes the good slot with the highest sequence. A power cut during a write leaves a
    /// slot whose CRC fails, so the previous record is still read: the store holds the old or the new record, never a
    /// mix, without needing an atomic rename (nanoFramework's File.Move refuses to overwrite).
    /// Slot layout (little-endian): "GSC1" magic, uint32 sequence, int32 length, payload, uint32 CRC-32 of all before it.
    /// </summary>
    public sealed class SlottedConfigStore : IConfigStore
    {
        /// <summary>Magic + sequence + length.</summary>
        public const int HeaderBytes = 12;

        /// <summary>The trailing CRC-32.</summary>
        public const int TrailerBytes = 4;

        private const uint Magic = 0x31435347; // "GSC1" read as little-endian uint32

        private readonly IStorageSlots _slots;
        private readonly string _name;
        private readonly HalFaultCounters _faults;
        private readonly byte[] _slotBuffer;

        public SlottedConfigStore(IStorageSlots slots, int capacity, string name, HalFaultCounters faults)
        {
            _slots = slots;
            Capacity = capacity;
            _name = name;
            _faults = faults;
            _slotBuffer = new byte[capacity + HeaderBytes + TrailerBytes];
        }

        public int Capacity { get; }

        /// <summary>Bytes one slot needs for a full record; a board sizes its storage from this.</summary>
        public int SlotBytes
        {
            get { return _slotBuffer.Length; }
        }

        /// <exception cref="HalException">
        /// <see cref="HalFault.StoreCorrupt"/> when neither slot holds a good record although something was written,
        /// or the storage cannot be read. A bad slot next to a good one is counted as StoreCorrupt but not thrown:
        /// the good one is the last completed write.
        /// </exception>
        public int Read(byte[] buffer)
        {
            int newest = FindNewest(out uint sequence, out bool anyWritten, out bool anyBad);
            if (anyBad)
            {
                _faults.Increment(HalFault.StoreCorrupt);
            }

            if (newest < 0)
            {
                if (anyWritten)
                {
                    throw new HalException(HalFault.StoreCorrupt, _name, "no slot holds a record with a valid checksum");
                }

                return 0;
            }

            // FindNewest leaves the buffer holding whichever slot it read last; reload the winner.
            int length = LoadSlot(newest);
            int payload = ReadInt32(_slotBuffer, 8);
            if (payload > buffer.Length)
            {
                throw new HalException(HalFault.StoreCorrupt, _name, "stored record of " + payload + " bytes exceeds the caller's buffer of " + buffer.Length);
            }

            for (int i = 0; i < payload; i++)
            {
                buffer[i] = _slotBuffer[HeaderBytes + i];
            }

            return length > 0 ? payload : 0;
        }

        /// <exception cref="HalException"><see cref="HalFault.StoreWriteFailed"/> when the write or its read-back check fails.</exception>
        public void Replace(byte[] data, int length)
        {
            if (length < 0 || length > Capacity || length > data.Length)
            {
                throw _faults.Raise(HalFault.StoreWriteFailed, _name, "record of " + length + " bytes does not fit (capacity " + Capacity + ")");
            }

            int newest = FindNewest(out uint sequence, out bool anyWritten, out bool anyBad);
            int target = newest == 0 ? 1 : 0;
            uint nextSequence = newest < 0 ? 1 : sequence + 1;

            WriteUInt32(_slotBuffer, 0, Magic);
            WriteUInt32(_slotBuffer, 4, nextSequence);
            WriteUInt32(_slotBuffer, 8, Reinterpret.AsUInt32(length));
            for (int i = 0; i < length; i++)
            {
                _slotBuffer[HeaderBytes + i] = data[i];
            }

            int total = HeaderBytes + length;
            WriteUInt32(_slotBuffer, total, Crc32.Compute(_slotBuffer, 0, total));
            total += TrailerBytes;

            try
            {
                _slots.WriteSlot(target, _slotBuffer, total);
            }
            catch (HalException)
            {
                throw;
            }
            catch (System.Exception e)
            {
                throw _faults.Raise(HalFault.StoreWriteFailed, _name, "writing slot " + target + " failed: " + e.Message);
            }

            // Read back: flash that silently failed to program must not be trusted until the next boot finds out.
            if (!IsGood(LoadSlot(target), out uint readBack) || readBack != nextSequence)
            {
                throw _faults.Raise(HalFault.StoreWriteFailed, _name, "slot " + target + " did not read back what was written");
            }
        }

        private int FindNewest(out uint sequence, out bool anyWritten, out bool anyBad)
        {
            int newest = -1;
            sequence = 0;
            anyWritten = false;
            anyBad = false;
            for (int slot = 0; slot < 2; slot++)
            {
                int length = LoadSlot(slot);
                if (length == 0)
                {
                    continue;
                }

                anyWritten = true;
                if (!IsGood(length, out uint candidate))
                {
                    anyBad = true;
                    continue;
                }

                // Wrap-safe comparison: a sequence is newer when the signed difference is positive.
                if (newest < 0 || Reinterpret.AsInt32(candidate - sequence) > 0)
                {
                    newest = slot;
                    sequence = candidate;
                }
            }

            return newest;
        }

        private int LoadSlot(int slot)
        {
            try
            {
                return _slots.ReadSlot(slot, _slotBuffer);
            }
            catch (HalException)
            {
                throw;
            }
            catch (System.Exception e)
            {
                throw _faults.Raise(HalFault.StoreCorrupt, _name, "reading slot " + slot + " failed: " + e.Message);
            }
        }

        private bool IsGood(int length, out uint sequence)
        {
            sequence = 0;
            if (length < HeaderBytes + TrailerBytes || ReadUInt32(_slotBuffer, 0) != Magic)
            {
                return false;
            }

            int payload = ReadInt32(_slotBuffer, 8);
            if (payload < 0 || payload > Capacity || HeaderBytes + payload + TrailerBytes > length)
            {
                return false;
            }

            int covered = HeaderBytes + payload;
            if (Crc32.Compute(_slotBuffer, 0, covered) != ReadUInt32(_slotBuffer, covered))
            {
                return false;
            }

            sequence = ReadUInt32(_slotBuffer, 4);
            return true;
        }

        private static uint ReadUInt32(byte[] b, int at)
        {
            return b[at] | ((uint)b[at + 1] << 8) | ((uint)b[at + 2] << 16) | ((uint)b[at + 3] << 24);
        }

        private static int ReadInt32(byte[] b, int at)
        {
            return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
        }

        private static void WriteUInt32(byte[] b, int at, uint value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
            b[at + 2] = (byte)(value >> 16);
            b[at + 3] = (byte)(value >> 24);
        }
    }
}
