namespace GroundStation.Firmware.Drivers.Spcm
{
    /// <summary>
    /// Count rates corrected for detector dead time (non-paralysable model): true = measured / (1 - measured x tau).
    /// Integer arithmetic only (the ESP32 runtime computes double in single precision).
    /// </summary>
    public static class DeadTimeCorrection
    {
        /// <summary>Returned when measured x tau reaches 1: the detector is saturated and no finite rate explains it.</summary>
        public const long Saturated = -1;

        /// <param name="measuredHz">Measured count rate, counts per second (up to 1e9).</param>
        /// <param name="deadTimeNanoseconds">Dead time per count (SPCM modules: about 20-50 ns).</param>
        /// <returns>The corrected rate in counts per second, rounded down, or <see cref="Saturated"/>.</returns>
        public static long CorrectedRateHz(long measuredHz, int deadTimeNanoseconds)
        {
            if (measuredHz <= 0 || deadTimeNanoseconds <= 0)
            {
                return measuredHz < 0 ? 0 : measuredHz;
            }

            // true = m / (1 - m tau) = m * 1e9 / (1e9 - m * tau_ns); both products fit a long for m <= 1e9, tau <= 1e6 ns.
            long busyNanosecondsPerSecond = measuredHz * deadTimeNanoseconds;
            long liveNanosecondsPerSecond = 1000000000L - busyNanosecondsPerSecond;
            if (liveNanosecondsPerSecond <= 0)
            {
                return Saturated;
            }

            return measuredHz * 1000000000L / liveNanosecondsPerSecond;
        }
    }
}
