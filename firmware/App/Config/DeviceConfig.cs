using GroundStation.Firmware.Timing;

namespace GroundStation.Firmware.App.Config
{
    /// <summary>
    /// Everything the firmware keeps across resets: timing parameters, per-channel skews, detector limits and bias,
    /// the receiver map and alarm thresholds. Integers only (the device computes with them). Stored and exported
    /// through <see cref="DeviceConfigCodec"/>, which versions and checksums it.
    /// </summary>
    public sealed class DeviceConfig
    {
        public const int TaggerChannels = 8;
        public const int Detectors = 4;
        public const int MaxOmittedPositions = 8;

        public DeviceConfig()
        {
            PulseRateHz = 100000000;
            BeaconPeriodSlots = 10000;
            FrameLengthBeacons = 100;
            OmittedFramePositions = new int[] { 0, 1, 3, 7 };
            CoincidenceWindowPs = 500;
            SkewPs = new int[TaggerChannels];
            OverLightLimitCountsPerSecond = new int[Detectors];
            BiasMillivolts = new int[Detectors];
            for (int i = 0; i < Detectors; i++)
            {
                // SPCM modules saturate around 10-30 Mcounts/s; 2 Mcounts/s is far above any pass (DOMAIN.md:
                // 2-25 kcounts/s) and far below damage, so a bright light source trips it at once.
                OverLightLimitCountsPerSecond[i] = 2000000;
                BiasMillivolts[i] = 1000;
            }

            // Channel -> (basis << 1) | bit: H, V (Z basis), D, A (X basis).
            ReceiverMap = new int[] { 0, 1, 2, 3 };
            QberAlarmThresholdPpm = 110000;
            LinkLossTimeoutMs = 10000;
        }

        public long PulseRateHz;
        public int BeaconPeriodSlots;
        public int FrameLengthBeacons;
        public int[] OmittedFramePositions;
        public int CoincidenceWindowPs;

        /// <summary>Per tagger channel delay correction (ps), from skew calibration.</summary>
        public int[] SkewPs;

        public int[] OverLightLimitCountsPerSecond;
        public int[] BiasMillivolts;

        /// <summary>Per detector channel: (basis &lt;&lt; 1) | bit.</summary>
        public int[] ReceiverMap;

        public int QberAlarmThresholdPpm;

        /// <summary>Detectors are gated off after this long without a frame from the host.</summary>
        public int LinkLossTimeoutMs;

        /// <summary>Checks every field's range; returns null when valid, else the first problem, naming the field.</summary>
        public string Validate()
        {
            if (PulseRateHz < 1000 || PulseRateHz > 10000000000L) return "PulseRateHz must be 1 kHz .. 10 GHz";
            if (BeaconPeriodSlots < 1) return "BeaconPeriodSlots must be positive";
            if (FrameLengthBeacons < 2 || FrameLengthBeacons > 255) return "FrameLengthBeacons must be 2 .. 255";
            if (OmittedFramePositions == null || OmittedFramePositions.Length > MaxOmittedPositions) return "OmittedFramePositions: at most 8";
            for (int i = 0; i < OmittedFramePositions.Length; i++)
            {
                if (OmittedFramePositions[i] < 0 || OmittedFramePositions[i] >= FrameLengthBeacons) return "OmittedFramePositions[" + i + "] outside the frame";
            }

            if (CoincidenceWindowPs < 1 || CoincidenceWindowPs > 1000000) return "CoincidenceWindowPs must be 1 .. 1000000";
            if (SkewPs == null || SkewPs.Length != TaggerChannels) return "SkewPs needs 8 entries";
            for (int i = 0; i < TaggerChannels; i++)
            {
                if (SkewPs[i] < -100000000 || SkewPs[i] > 100000000) return "SkewPs[" + i + "] beyond +-100 us";
            }

            if (OverLightLimitCountsPerSecond == null || OverLightLimitCountsPerSecond.Length != Detectors) return "OverLightLimitCountsPerSecond needs 4 entries";
            if (BiasMillivolts == null || BiasMillivolts.Length != Detectors) return "BiasMillivolts needs 4 entries";
            if (ReceiverMap == null || ReceiverMap.Length != Detectors) return "ReceiverMap needs 4 entries";
            int roles = 0;
            for (int i = 0; i < Detectors; i++)
            {
                if (OverLightLimitCountsPerSecond[i] < 1000 || OverLightLimitCountsPerSecond[i] > 100000000) return "OverLightLimitCountsPerSecond[" + i + "] must be 1e3 .. 1e8";
                if (BiasMillivolts[i] < 0 || BiasMillivolts[i] > 5000) return "BiasMillivolts[" + i + "] must be 0 .. 5000";
                if (ReceiverMap[i] < 0 || ReceiverMap[i] > 3) return "ReceiverMap[" + i + "] must be 0 .. 3";
                if ((roles & (1 << ReceiverMap[i])) != 0) return "ReceiverMap[" + i + "]: role " + ReceiverMap[i] + " is already taken; a passive receiver has each role (0 H, 1 V, 2 D, 3 A) on exactly one detector";
                roles |= 1 << ReceiverMap[i];
            }

            if (QberAlarmThresholdPpm < 1000 || QberAlarmThresholdPpm > 500000) return "QberAlarmThresholdPpm must be 1000 .. 500000";
            if (LinkLossTimeoutMs < 100 || LinkLossTimeoutMs > 3600000) return "LinkLossTimeoutMs must be 100 .. 3600000";

            // The timing engine has its own limits (e.g. a beacon period of at least 2 slots and at most 1 s): a record
            // it would refuse at the next start-up must be refused now, not leave a board that cannot boot.
            try
            {
                ToTimingConfig().Validate();
            }
            catch (System.ArgumentException e)
            {
                return e.Message;
            }

            return null;
        }

        /// <summary>The timing engine's settings from this configuration (the engine's other settings keep their defaults).</summary>
        public TimingConfig ToTimingConfig()
        {
            TimingConfig timing = new TimingConfig();
            timing.PulseRateHz = PulseRateHz;
            timing.BeaconPeriodSlots = BeaconPeriodSlots;
            timing.FrameLengthBeacons = FrameLengthBeacons;
            timing.OmittedFramePositions = OmittedFramePositions;
            timing.CoincidenceWindowPs = CoincidenceWindowPs;
            return timing;
        }
    }
}
