using System;
using GroundStation.Firmware.App.NativeTask;

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// <see cref="INativeAcquisition"/> bound to the custom image's InternalCall class
    /// (GroundStation.Firmware.Native.NativeAcquisition in firmware/Native/Managed, assembly GroundStation.NativeInterop,
    /// referenced by the board .nfproj). On a stock image each call throws NotSupportedException, which
    /// FirmwareApp's start-up probe takes as "managed core". The desktop build of these adapters (boards/linux, CI)
    /// has no such class and behaves as a stock image.
    /// </summary>
    public sealed class NativeAcquisitionBinding : INativeAcquisition
    {
#if NANOFRAMEWORK_1_0
        public int Start(int spiHost, int sclkPin, int mosiPin, int misoPin, int chipSelectPin, int readyPin, int clockHz, int[] gatePins)
        {
            return GroundStation.Firmware.Native.NativeAcquisition.Start(spiHost, sclkPin, mosiPin, misoPin, chipSelectPin,
                readyPin, clockHz, gatePins);
        }

        public int Stop()
        {
            return GroundStation.Firmware.Native.NativeAcquisition.Stop();
        }

        public int Configure(long pulseRateHz, int[] timingSettings, int[] overLightLimits, long overLightWindowPs,
            byte[] rolesByChannel, int zBasisProbabilityPpm, int batchCapacity, int maxPayloadBytes, int batchCount)
        {
            return GroundStation.Firmware.Native.NativeAcquisition.Configure(pulseRateHz, timingSettings, overLightLimits,
                overLightWindowPs, rolesByChannel, zBasisProbabilityPpm, batchCapacity, maxPayloadBytes, batchCount);
        }

        public int SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs)
        {
            return GroundStation.Firmware.Native.NativeAcquisition.SetCoarsePrediction(groundTimePs, satelliteSlot, uncertaintyPs);
        }

        public int SetOverLight(int detector, int maxCountsPerWindow, bool clearLatch)
        {
            return GroundStation.Firmware.Native.NativeAcquisition.SetOverLight(detector, maxCountsPerWindow, clearLatch);
        }

        public int SetOldestBatch(uint oldestBatch)
        {
            return GroundStation.Firmware.Native.NativeAcquisition.SetOldestBatch(oldestBatch);
        }

        public int TakeClosedBatch(byte[] deltas, byte[] roles, byte[] basisBits, long[] info)
        {
            return GroundStation.Firmware.Native.NativeAcquisition.TakeClosedBatch(deltas, roles, basisBits, info);
        }

        public int TakeNotices(int[] notices)
        {
            return GroundStation.Firmware.Native.NativeAcquisition.TakeNotices(notices);
        }

        public int ReadCounters(long[] counters)
        {
            return GroundStation.Firmware.Native.NativeAcquisition.ReadCounters(counters);
        }
#else
        public int Start(int spiHost, int sclkPin, int mosiPin, int misoPin, int chipSelectPin, int readyPin, int clockHz, int[] gatePins)
        {
            throw Absent();
        }

        public int Stop()
        {
            throw Absent();
        }

        public int Configure(long pulseRateHz, int[] timingSettings, int[] overLightLimits, long overLightWindowPs,
            byte[] rolesByChannel, int zBasisProbabilityPpm, int batchCapacity, int maxPayloadBytes, int batchCount)
        {
            throw Absent();
        }

        public int SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs)
        {
            throw Absent();
        }

        public int SetOverLight(int detector, int maxCountsPerWindow, bool clearLatch)
        {
            throw Absent();
        }

        public int SetOldestBatch(uint oldestBatch)
        {
            throw Absent();
        }

        public int TakeClosedBatch(byte[] deltas, byte[] roles, byte[] basisBits, long[] info)
        {
            throw Absent();
        }

        public int TakeNotices(int[] notices)
        {
            throw Absent();
        }

        public int ReadCounters(long[] counters)
        {
            throw Absent();
        }

        private static NotSupportedException Absent()
        {
            return new NotSupportedException("no native acquisition task in a desktop build");
        }
#endif

        /// <summary>
        /// The task's bus and gate pins from the board's pin map, or null where the task cannot serve the board (it
        /// speaks the FIFO tagger's register map only). Managed SPI bus n is ESP-IDF host n (SPI2_HOST = 1, SPI3_HOST = 2).
        /// </summary>
        public static NativeTaskWiring WiringFor(Esp32PinMap map)
        {
            if (map.Wiring == null || map.Wiring.Tagger != GroundStation.Hal.TaggerKind.FifoTagger)
            {
                return null;
            }

            NativeTaskWiring w = new NativeTaskWiring();
            w.SpiHost = map.SpiBusId;
            w.SclkPin = map.SpiClock;
            w.MosiPin = map.SpiMosi;
            w.MisoPin = map.SpiMiso;
            w.ChipSelectPin = map.TaggerChipSelect;
            // READY_N stays with the managed GPIO driver (ESP-IDF takes one ISR handler per pin): the task polls
            // once per FreeRTOS tick while the FIFO is empty and reads back to back while it is not.
            w.ReadyPin = -1;
            int clock = GroundStation.Firmware.Drivers.FifoTagger.FifoTaggerRegisters.MaxSpiClockHz;
            w.ClockHz = clock < map.SpiMaxClockHz ? clock : map.SpiMaxClockHz;
            w.GatePins = new int[map.DetectorGates.Length];
            for (int i = 0; i < w.GatePins.Length; i++)
            {
                w.GatePins[i] = map.DetectorGates[i];
            }

            return w;
        }
    }
}
