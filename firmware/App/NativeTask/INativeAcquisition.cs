namespace GroundStation.Firmware.App.NativeTask
{
    /// <summary>
    /// The InternalCall surface of the custom ESP32 image's acquisition task (firmware/Native/Managed,
    /// GroundStation.Firmware.Native.NativeAcquisition), one instance method per static method with the same
    /// arguments and the same gs_status returns, so the firmware can be tested on the desktop with a fake and bound to
    /// the real class on a device (boards/esp32-common, NativeAcquisitionBinding). On an image without the native table
    /// every method throws System.NotSupportedException (<see cref="NativeTaskAcquisition.IsPresent"/>).
    /// </summary>
    public interface INativeAcquisition
    {
        int Start(int spiHost, int sclkPin, int mosiPin, int misoPin, int chipSelectPin, int readyPin, int clockHz, int[] gatePins);

        int Stop();

        int Configure(long pulseRateHz, int[] timingSettings, int[] overLightLimits, long overLightWindowPs,
            byte[] rolesByChannel, int zBasisProbabilityPpm, int batchCapacity, int maxPayloadBytes, int batchCount);

        int SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs);

        int SetOverLight(int detector, int maxCountsPerWindow, bool clearLatch);

        int SetOldestBatch(uint oldestBatch);

        /// <summary>The next closed batch (info: first slot, last slot, number, count, delta bytes, encoded length); its count, 0 or a status.</summary>
        int TakeClosedBatch(byte[] deltas, byte[] roles, byte[] basisBits, long[] info);

        /// <summary>Notices as (kind, argument) pairs; returns the number of ints written.</summary>
        int TakeNotices(int[] notices);

        int ReadCounters(long[] counters);
    }
}
