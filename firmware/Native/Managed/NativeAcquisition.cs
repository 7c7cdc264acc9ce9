using System.Runtime.CompilerServices;

namespace GroundStation.Firmware.Native
{
    /// <summary>
    /// The custom ESP32 image's native acquisition core, reached through nanoFramework native interop: every method is
    /// an InternalCall implemented in firmware/Native/interop (the method table of the interop assembly
    /// GroundStation.NativeInterop) on top of the ESP-IDF task in firmware/Native/esp32, which drains the tagger by
    /// SPI DMA and runs the portable core (firmware/Native/core) on the core the CLR does not use.
    /// Managed code keeps the control plane: it configures, supervises, gates, talks to the host and takes the
    /// results in batches. On an image without this assembly's native table (every stock image) the assembly still
    /// loads and every method throws System.NotSupportedException (checked on nanoCLR), so an application can probe once
    /// at start-up and run the managed core there (firmware/Native/README.md, "ESP32 image").
    /// Every method returns a gs_status (0 = GS_OK, negative = error; gs_types.h) unless it says otherwise.
    /// CHANGING A SIGNATURE, A NAME OR THE ORDER OF THESE METHODS CHANGES THE ASSEMBLY'S NATIVE CHECKSUM AND THE
    /// METHOD TABLE: regenerate both (README, "ESP32 image", checksum) or the CLR refuses to load the assembly.
    /// </summary>
    public static class NativeAcquisition
    {
        /// <summary>Length of <see cref="ReadCounters"/>'s array (the order is in interop/gs_nf_interop.h).</summary>
        public const int CounterCount = 24;

        /// <summary>Length of <see cref="TakeClosedBatch"/>'s info array: first slot, last slot, number, count, delta bytes, encoded length.</summary>
        public const int BatchInfoCount = 6;

        /// <summary>
        /// Starts the acquisition task: the tagger's SPI device on ESP-IDF host <paramref name="spiHost"/> (the
        /// spi_host_device_t value: 1 = SPI2_HOST, managed bus 1; 2 = SPI3_HOST, managed bus 2) at <paramref name="clockHz"/> in mode 0, its chip select and READY_N pins, and
        /// the detector gate pins the task pulls low itself on an over-light crossing (then reported by
        /// <see cref="TakeNotices"/>). The bus pins are those the board routed; an already initialised bus is shared.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Start(int spiHost, int sclkPin, int mosiPin, int misoPin, int chipSelectPin, int readyPin,
            int clockHz, int[] gatePins);

        /// <summary>Stops the task and releases the SPI device (the pipeline's state is kept for a restart).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Stop();

        /// <summary>
        /// Configures the pipeline before <see cref="Start"/>: the timing engine (<paramref name="pulseRateHz"/> and the
        /// int32 fields of gs_timing_config after it, in declaration order, omitted frame positions padded to
        /// GS_TIMING_MAX_OMITTED), over-light limits per detector and window, the receiver map as a role per channel
        /// (basis * 2 + bit, 255 = none) and the sifter's batch geometry.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Configure(long pulseRateHz, int[] timingSettings, int[] overLightLimits, long overLightWindowPs,
            byte[] rolesByChannel, int zBasisProbabilityPpm, int batchCapacity, int maxPayloadBytes, int batchCount);

        /// <summary>The host's coarse prediction (TIM:PRED): tagger time of a satellite slot and its uncertainty.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs);

        /// <summary>A new over-light limit (counts per window) for one detector, or its latch cleared (DET:CLE).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int SetOverLight(int detector, int maxCountsPerWindow, bool clearLatch);

        /// <summary>
        /// The oldest announcement batch the managed sifter still holds (its ring's tail): the native announce path
        /// starts a new batch only while the ring has room, as GroundSifter does.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int SetOldestBatch(uint oldestBatch);

        /// <summary>
        /// Copies the next closed announcement batch into the arrays (deltas, roles, packed bases; info as
        /// <see cref="BatchInfoCount"/>). Returns its detection count, 0 when none is waiting, or a negative status.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int TakeClosedBatch(byte[] deltas, byte[] roles, byte[] basisBits, long[] info);

        /// <summary>
        /// Control-plane notices since the last call, two ints each (kind, argument): 1 = over-light trip (detector,
        /// its gate already low), 2 = tagger reset seen, 3 = SPI failure (esp_err_t). Returns the number of ints written.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int TakeNotices(int[] notices);

        /// <summary>Counters and state for telemetry (interop/gs_nf_interop.h lists them); <see cref="CounterCount"/> longs.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ReadCounters(long[] counters);
    }
}
