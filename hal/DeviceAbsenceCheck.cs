namespace GroundStation.Hal
{
    /// <summary>
    /// Detects a chip that is not there. With nothing driving MISO the line floats to the pull-up (all 0xFF) or is
    /// held low (all 0x00), so a read of an identification or configuration register that comes back uniformly one
    /// of those means the chip is absent, unpowered or its chip select is wrong. Drivers call this on reads whose
    /// correct answer is known not to be all-ones or all-zeros (ID registers, read-back of a written pattern).
    /// </summary>
    public static class DeviceAbsenceCheck
    {
        /// <summary>True when the <paramref name="count"/> bytes from <paramref name="offset"/> are all 0xFF or all 0x00.</summary>
        public static bool LooksAbsent(byte[] buffer, int offset, int count)
        {
            if (count <= 0)
            {
                return false;
            }

            byte first = buffer[offset];
            if (first != 0x00 && first != 0xFF)
            {
                return false;
            }

            for (int i = offset + 1; i < offset + count; i++)
            {
                if (buffer[i] != first)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Throws <see cref="HalFault.DeviceAbsent"/> (and counts it) when the bytes read back are all 0xFF or all 0x00.
        /// Allocation-free when the device answers.
        /// </summary>
        public static void ThrowIfAbsent(string device, byte[] buffer, int offset, int count, HalFaultCounters faults)
        {
            if (LooksAbsent(buffer, offset, count))
            {
                string pattern = buffer[offset] == 0xFF ? "0xFF" : "0x00";
                throw faults.Raise(HalFault.DeviceAbsent, device, "no answer: " + count + " bytes read back all " + pattern);
            }
        }
    }
}
