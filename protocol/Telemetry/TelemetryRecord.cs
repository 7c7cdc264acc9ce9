namespace GroundStation.Protocol
{
    /// <summary>
    /// The device's state once per second: count rates, lock state, timing residual, buffer fill, drop counters,
    /// temperatures, bias, uptime, reset reason, free memory. Integers at fixed little-endian offsets (layout in
    /// protocol/README.md, "Telemetry"); writing allocates nothing, so the device can send it every second forever.
    /// Key material never appears here: only counts and rates.
    /// </summary>
    public sealed class TelemetryRecord
    {
        public const int Detectors = 4;
        public const int Version = 1;

        /// <summary>Encoded length in bytes.</summary>
        public const int Length = 2 + 8 + 1 + 2 + 1 + 1 + 4 + 4 + 4 + 4
            + Detectors * (4 + 4 + 1 + 1 + 4 + 2)
            + 8 * 6 + 2 + 2 + 8 + 4 + 4 + 4 + 8;

        public TelemetryRecord()
        {
            CountRateHz = new int[Detectors];
            CorrectedRateHz = new int[Detectors];
            LatchedFault = new byte[Detectors];
            GateOn = new byte[Detectors];
            TemperatureMilliCelsius = new int[Detectors];
            BiasMillivolts = new int[Detectors];
        }

        public long UptimeMs;
        public int ResetReason;
        public int SafeStateReasons;
        public int TimingState;
        public int IndexResolved;
        public int BeaconRateHz;
        public int TimingResidualPs;
        public int RateOffsetPpb;
        public int LockCount;
        public int[] CountRateHz;
        public int[] CorrectedRateHz;
        public byte[] LatchedFault;
        public byte[] GateOn;
        public int[] TemperatureMilliCelsius;
        public int[] BiasMillivolts;
        public long DroppedUnlocked;
        public long DroppedOutsideWindow;
        public long TaggerOverflowed;
        public long TaggerMissed;
        public long SiftDroppedClicks;
        public long Assigned;
        public int LinkPending;
        public int LinkCapacity;
        public long SiftedBits;
        public int LastQberPpm;
        public int Alarms;
        public int HalFaults;
        public long FreeMemoryBytes;

        public int Write(byte[] b, int offset)
        {
            int p = offset;
            p = LittleEndian.Write(b, p, Version, 2);
            p = LittleEndian.Write64(b, p, UptimeMs);
            p = LittleEndian.Write(b, p, ResetReason, 1);
            p = LittleEndian.Write(b, p, SafeStateReasons, 2);
            p = LittleEndian.Write(b, p, TimingState, 1);
            p = LittleEndian.Write(b, p, IndexResolved, 1);
            p = LittleEndian.Write(b, p, BeaconRateHz, 4);
            p = LittleEndian.Write(b, p, TimingResidualPs, 4);
            p = LittleEndian.Write(b, p, RateOffsetPpb, 4);
            p = LittleEndian.Write(b, p, LockCount, 4);
            for (int i = 0; i < Detectors; i++)
            {
                p = LittleEndian.Write(b, p, CountRateHz[i], 4);
                p = LittleEndian.Write(b, p, CorrectedRateHz[i], 4);
                p = LittleEndian.Write(b, p, LatchedFault[i], 1);
                p = LittleEndian.Write(b, p, GateOn[i], 1);
                p = LittleEndian.Write(b, p, TemperatureMilliCelsius[i], 4);
                p = LittleEndian.Write(b, p, BiasMillivolts[i], 2);
            }

            p = LittleEndian.Write64(b, p, DroppedUnlocked);
            p = LittleEndian.Write64(b, p, DroppedOutsideWindow);
            p = LittleEndian.Write64(b, p, TaggerOverflowed);
            p = LittleEndian.Write64(b, p, TaggerMissed);
            p = LittleEndian.Write64(b, p, SiftDroppedClicks);
            p = LittleEndian.Write64(b, p, Assigned);
            p = LittleEndian.Write(b, p, LinkPending, 2);
            p = LittleEndian.Write(b, p, LinkCapacity, 2);
            p = LittleEndian.Write64(b, p, SiftedBits);
            p = LittleEndian.Write(b, p, LastQberPpm, 4);
            p = LittleEndian.Write(b, p, Alarms, 4);
            p = LittleEndian.Write(b, p, HalFaults, 4);
            p = LittleEndian.Write64(b, p, FreeMemoryBytes);
            return p - offset;
        }

        /// <summary>Decodes a record; false when the payload is not a version-1 record of the right length.</summary>
        public bool TryRead(byte[] b, int offset, int count)
        {
            if (count != Length || LittleEndian.Read(b, offset, 2) != Version)
            {
                return false;
            }

            int p = offset + 2;
            UptimeMs = LittleEndian.Read64(b, p); p += 8;
            ResetReason = LittleEndian.Read(b, p, 1); p += 1;
            SafeStateReasons = LittleEndian.Read(b, p, 2); p += 2;
            TimingState = LittleEndian.Read(b, p, 1); p += 1;
            IndexResolved = LittleEndian.Read(b, p, 1); p += 1;
            BeaconRateHz = LittleEndian.Read(b, p, 4); p += 4;
            TimingResidualPs = LittleEndian.Read(b, p, 4); p += 4;
            RateOffsetPpb = LittleEndian.Read(b, p, 4); p += 4;
            LockCount = LittleEndian.Read(b, p, 4); p += 4;
            for (int i = 0; i < Detectors; i++)
            {
                CountRateHz[i] = LittleEndian.Read(b, p, 4); p += 4;
                CorrectedRateHz[i] = LittleEndian.Read(b, p, 4); p += 4;
                LatchedFault[i] = b[p]; p += 1;
                GateOn[i] = b[p]; p += 1;
                TemperatureMilliCelsius[i] = LittleEndian.Read(b, p, 4); p += 4;
                BiasMillivolts[i] = LittleEndian.ReadInt16(b, p); p += 2;
            }

            DroppedUnlocked = LittleEndian.Read64(b, p); p += 8;
            DroppedOutsideWindow = LittleEndian.Read64(b, p); p += 8;
            TaggerOverflowed = LittleEndian.Read64(b, p); p += 8;
            TaggerMissed = LittleEndian.Read64(b, p); p += 8;
            SiftDroppedClicks = LittleEndian.Read64(b, p); p += 8;
            Assigned = LittleEndian.Read64(b, p); p += 8;
            LinkPending = LittleEndian.Read(b, p, 2); p += 2;
            LinkCapacity = LittleEndian.Read(b, p, 2); p += 2;
            SiftedBits = LittleEndian.Read64(b, p); p += 8;
            LastQberPpm = LittleEndian.Read(b, p, 4); p += 4;
            Alarms = LittleEndian.Read(b, p, 4); p += 4;
            HalFaults = LittleEndian.Read(b, p, 4); p += 4;
            FreeMemoryBytes = LittleEndian.Read64(b, p);
            return true;
        }
    }
}
