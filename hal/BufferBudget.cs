namespace GroundStation.Hal
{
    /// <summary>
    /// How much memory the firmware may preallocate on this board. The application sizes every ring and batch from
    /// these numbers once at start-up, so the steady state allocates nothing and cannot outgrow the heap.
    /// </summary>
    public sealed class BufferBudget
    {
        public BufferBudget(
            int managedHeapBudgetBytes,
            int detectionBatchSize,
            int detectionRingCapacity,
            int beaconRingCapacity,
            int siftedBlockBytes,
            int siftedBlockQueueDepth,
            int serialReceiveBufferBytes,
            int serialTransmitBufferBytes)
        {
            ManagedHeapBudgetBytes = managedHeapBudgetBytes;
            DetectionBatchSize = detectionBatchSize;
            DetectionRingCapacity = detectionRingCapacity;
            BeaconRingCapacity = beaconRingCapacity;
            SiftedBlockBytes = siftedBlockBytes;
            SiftedBlockQueueDepth = siftedBlockQueueDepth;
            SerialReceiveBufferBytes = serialReceiveBufferBytes;
            SerialTransmitBufferBytes = serialTransmitBufferBytes;
        }

        /// <summary>Bytes of managed heap the firmware's preallocated buffers may take in total.</summary>
        public int ManagedHeapBudgetBytes { get; }

        /// <summary>Detection records read from the tagger per batch (one SPI burst).</summary>
        public int DetectionBatchSize { get; }

        /// <summary>Detection records held between the tagger driver and the timing engine.</summary>
        public int DetectionRingCapacity { get; }

        /// <summary>Beacon time stamps held for the clock model.</summary>
        public int BeaconRingCapacity { get; }

        /// <summary>Payload bytes of one sifted-key block.</summary>
        public int SiftedBlockBytes { get; }

        /// <summary>Sifted blocks kept until the host acknowledges them.</summary>
        public int SiftedBlockQueueDepth { get; }

        public int SerialReceiveBufferBytes { get; }

        public int SerialTransmitBufferBytes { get; }

        /// <summary>
        /// ESP32-WROOM (no PSRAM): the managed heap is roughly 80-110 KB, so the firmware keeps to ~64 KB.
        /// A detection record is 9 bytes (long picoseconds + byte channel) in parallel arrays: 2048 records ≈ 18 KB.
        /// Four sifted blocks: the sifter keeps 5 bits per sifted bit (key, basis, sample mask, class), so 4 blocks of
        /// 2048 bits take 5 KB; 16 (clamped to 8 by sifting) took 10 KB and pushed start-up past the 64 KB
        /// (`gsctl bench memory --board devkitc`, firmware/README.md "Memory budget").
        /// </summary>
        public static BufferBudget SmallHeap()
        {
            return new BufferBudget(64 * 1024, 64, 2048, 256, 256, 4, 1024, 2048);
        }

        /// <summary>ESP32-WROVER with 4 MB PSRAM: a managed heap of ~3.5 MB; the firmware takes up to 1 MB.</summary>
        public static BufferBudget PsramHeap()
        {
            return new BufferBudget(1024 * 1024, 256, 65536, 4096, 1024, 64, 4096, 8192);
        }

        /// <summary>Simulation and Linux bench boards: memory is not the constraint.</summary>
        public static BufferBudget Large()
        {
            return new BufferBudget(16 * 1024 * 1024, 1024, 1048576, 65536, 4096, 256, 65536, 65536);
        }
    }
}
