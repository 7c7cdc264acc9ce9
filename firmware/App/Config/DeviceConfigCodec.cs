using GroundStation.Hal;
using GroundStation.Protocol;

namespace GroundStation.Firmware.App.Config
{
    /// <summary>
    /// The binary form of <see cref="DeviceConfig"/>, used in the config store and for export/import:
    /// magic "GC", version, fields little-endian at fixed offsets, CRC-32 of everything before it.
    /// Version 1 is the only version so far; a record of an unknown version or with a bad CRC is refused, and the
    /// firmware falls back to defaults and reports it.
    /// </summary>
    public static class DeviceConfigCodec
    {
        public const int Magic = 0x4347;
        public const int CurrentVersion = 1;
        public const int Length = 105;

        public static int Write(DeviceConfig config, byte[] buffer)
        {
            int p = 0;
            p = LittleEndian.Write(buffer, p, Magic, 2);
            p = LittleEndian.Write(buffer, p, CurrentVersion, 2);
            p = LittleEndian.Write64(buffer, p, config.PulseRateHz);
            p = LittleEndian.Write(buffer, p, config.BeaconPeriodSlots, 4);
            p = LittleEndian.Write(buffer, p, config.FrameLengthBeacons, 4);
            buffer[p++] = (byte)config.OmittedFramePositions.Length;
            for (int i = 0; i < DeviceConfig.MaxOmittedPositions; i++)
            {
                buffer[p++] = i < config.OmittedFramePositions.Length ? (byte)config.OmittedFramePositions[i] : (byte)0;
            }

            p = LittleEndian.Write(buffer, p, config.CoincidenceWindowPs, 4);
            for (int i = 0; i < DeviceConfig.TaggerChannels; i++) p = LittleEndian.Write(buffer, p, config.SkewPs[i], 4);
            for (int i = 0; i < DeviceConfig.Detectors; i++) p = LittleEndian.Write(buffer, p, config.OverLightLimitCountsPerSecond[i], 4);
            for (int i = 0; i < DeviceConfig.Detectors; i++) p = LittleEndian.Write(buffer, p, config.BiasMillivolts[i], 2);
            p = LittleEndian.Write(buffer, p, config.QberAlarmThresholdPpm, 4);
            p = LittleEndian.Write(buffer, p, config.LinkLossTimeoutMs, 4);
            for (int i = 0; i < DeviceConfig.Detectors; i++) buffer[p++] = (byte)config.ReceiverMap[i];
            p = LittleEndian.WriteUInt32(buffer, p, Crc32.Compute(buffer, 0, p));
            return p;
        }

        /// <summary>Decodes a record; returns null and sets <paramref name="error"/> when it is not a valid one.</summary>
        public static DeviceConfig TryRead(byte[] buffer, int length, out string error)
        {
            if (length != Length)
            {
                error = "configuration record has " + length + " bytes, expected " + Length;
                return null;
            }

            if (LittleEndian.Read(buffer, 0, 2) != Magic)
            {
                error = "not a configuration record (bad magic)";
                return null;
            }

            int version = LittleEndian.Read(buffer, 2, 2);
            if (version != CurrentVersion)
            {
                error = "configuration version " + version + " is not supported (this firmware reads " + CurrentVersion + ")";
                return null;
            }

            if (LittleEndian.ReadUInt32(buffer, Length - 4) != Crc32.Compute(buffer, 0, Length - 4))
            {
                error = "configuration checksum mismatch";
                return null;
            }

            DeviceConfig c = new DeviceConfig();
            int p = 4;
            c.PulseRateHz = LittleEndian.Read64(buffer, p); p += 8;
            c.BeaconPeriodSlots = LittleEndian.Read(buffer, p, 4); p += 4;
            c.FrameLengthBeacons = LittleEndian.Read(buffer, p, 4); p += 4;
            int omitted = buffer[p++];
            if (omitted > DeviceConfig.MaxOmittedPositions)
            {
                error = "OmittedFramePositions: " + omitted + " entries";
                return null;
            }

            c.OmittedFramePositions = new int[omitted];
            for (int i = 0; i < DeviceConfig.MaxOmittedPositions; i++, p++)
            {
                if (i < omitted) c.OmittedFramePositions[i] = buffer[p];
            }

            c.CoincidenceWindowPs = LittleEndian.Read(buffer, p, 4); p += 4;
            for (int i = 0; i < DeviceConfig.TaggerChannels; i++, p += 4) c.SkewPs[i] = LittleEndian.Read(buffer, p, 4);
            for (int i = 0; i < DeviceConfig.Detectors; i++, p += 4) c.OverLightLimitCountsPerSecond[i] = LittleEndian.Read(buffer, p, 4);
            for (int i = 0; i < DeviceConfig.Detectors; i++, p += 2) c.BiasMillivolts[i] = LittleEndian.ReadInt16(buffer, p);
            c.QberAlarmThresholdPpm = LittleEndian.Read(buffer, p, 4); p += 4;
            c.LinkLossTimeoutMs = LittleEndian.Read(buffer, p, 4); p += 4;
            for (int i = 0; i < DeviceConfig.Detectors; i++) c.ReceiverMap[i] = buffer[p++];
            error = c.Validate();
            return error == null ? c : null;
        }
    }
}
