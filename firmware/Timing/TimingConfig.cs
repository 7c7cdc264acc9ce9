using System;

namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// Settings of the timing engine. Plain fields so the app can load them from the device configuration; the
    /// engine reads them once in its constructor (call <see cref="Validate"/> first to get a readable error).
    /// Defaults: 100 MHz source, beacon every 10,000 slots (100 us), frames of 100 beacons without {0, 1, 3, 7}.
    /// </summary>
    public class TimingConfig
    {
        /// <summary>Source pulse rate; slot width = 1 / rate. 1 kHz .. 100 GHz.</summary>
        public long PulseRateHz = 100000000;

        /// <summary>Source slots between beacon pulses; beacon k is emitted at slot k * BeaconPeriodSlots.</summary>
        public int BeaconPeriodSlots = 10000;

        /// <summary>Beacon pulses per frame of the frame marker.</summary>
        public int FrameLengthBeacons = 100;

        /// <summary>Frame positions whose beacon pulse is not sent. Empty = no marker (index from a prediction).</summary>
        public int[] OmittedFramePositions = new int[] { 0, 1, 3, 7 };

        /// <summary>Time-tagger channel of the beacon detector.</summary>
        public byte BeaconChannel = 4;

        /// <summary>Detector channels 0 .. DetectorChannelCount-1 (H, V, D, A); any other channel is dropped.</summary>
        public int DetectorChannelCount = 4;

        /// <summary>Half-width of the coincidence window around the predicted slot centre.</summary>
        public int CoincidenceWindowPs = 500;

        /// <summary>Acquisition searches the clock rate offset over +-this (Doppler plus both oscillators).</summary>
        public int MaxRateOffsetPpm = 150;

        /// <summary>
        /// Largest half-width of the gate a beacon arrival must fall in while tracking. The gate follows the beacon
        /// residuals (8 x their mean magnitude) between BeaconGateMinPs and this; lock is lost when the mean
        /// residual exceeds half of it.
        /// </summary>
        public int BeaconGatePs = 2000;

        /// <summary>Smallest beacon gate half-width (keeps background out when the beacon jitter is small).</summary>
        public int BeaconGateMinPs = 250;

        /// <summary>Lock is lost after this many consecutive expected beacon pulses without an accepted one.</summary>
        public int LossAfterMissedBeacons = 400;

        /// <summary>How long the model is kept after loss for a fast re-lock without a new acquisition.</summary>
        public int HoldoverMaxMs = 2000;

        /// <summary>
        /// Beacon arrivals in holdover that must agree (to the tracking gate, each within 50 ms of the last) before
        /// the held model re-locks; 2 .. 32. Background clicks inside the widening holdover gate can pair up by
        /// chance, four in a row practically never.
        /// </summary>
        public int HoldoverConfirmBeacons = 4;

        /// <summary>Holdover gate growth: linear term (rate uncertainty).</summary>
        public int HoldoverDriftPpb = 20;

        /// <summary>Holdover gate growth: quadratic term (rate-change uncertainty).</summary>
        public int HoldoverRateChangePpbPerSecond = 50;

        /// <summary>Tracking loop time constant 2^N ps (36 = 68.7 ms); allowed 28 .. 44.</summary>
        public int LoopTimeConstantLog2Ps = 36;

        /// <summary>Bins per slot of the skew-calibration residual histograms (per detector channel).</summary>
        public int SkewHistogramBins = 256;

        /// <summary>Half-width, in bins, of the centroid taken around a skew histogram's peak.</summary>
        public int SkewCentroidHalfWidthBins = 8;

        /// <summary>Acquisition: recent beacon-channel events each new one is paired with.</summary>
        public int VoteHistory = 32;

        /// <summary>Acquisition: shortest and longest pair spacing (in beacon periods) that votes for a rate.</summary>
        public int VoteMinPeriods = 8;

        public int VoteMaxPeriods = 256;

        /// <summary>Acquisition: votes in the best rate bin (with neighbours) before phase folding starts.</summary>
        public int VotePeakMin = 12;

        /// <summary>Acquisition: bins of the beacon-phase fold.</summary>
        public int FoldBins = 256;

        /// <summary>Acquisition: arrivals in the best fold peak (3 bins) before tracking starts.</summary>
        public int FoldPeakMin = 8;

        /// <summary>Frame marker: the second-best frame alignment must have this many more counts than the best.</summary>
        public int MarkerMargin = 6;

        /// <summary>Acquisition: the fold gives up (back to searching) after this long without a clear peak.</summary>
        public int FoldTimeoutMs = 200;

        /// <summary>Acquiring gives up (back to searching) after this long without lock.</summary>
        public int AcquireTimeoutMs = 10000;

        /// <summary>After loss, the old model still predicts the beacon index for this long.</summary>
        public int StalePredictionMaxMs = 60000;

        /// <summary>Throws ArgumentException naming the first setting out of range.</summary>
        public void Validate()
        {
            Check(PulseRateHz >= 1000 && PulseRateHz <= 100000000000L, "PulseRateHz");
            Check(BeaconPeriodSlots >= 2 && BeaconPeriodSlots <= 100000000, "BeaconPeriodSlots");
            Check(BeaconPeriodSlots * (1000000000000L / PulseRateHz) <= 1000000000000L, "BeaconPeriodSlots (period over 1 s)");
            Check(FrameLengthBeacons >= 1 && FrameLengthBeacons <= 4096, "FrameLengthBeacons");
            Check(OmittedFramePositions != null && OmittedFramePositions.Length < FrameLengthBeacons, "OmittedFramePositions");
            for (int i = 0; i < OmittedFramePositions.Length; i++)
            {
                Check(OmittedFramePositions[i] >= 0 && OmittedFramePositions[i] < FrameLengthBeacons, "OmittedFramePositions");
            }

            Check(DetectorChannelCount >= 1 && DetectorChannelCount <= 64, "DetectorChannelCount");
            Check(BeaconChannel >= DetectorChannelCount, "BeaconChannel (must not be a detector channel)");
            Check(CoincidenceWindowPs >= 1, "CoincidenceWindowPs");
            Check(MaxRateOffsetPpm >= 1 && MaxRateOffsetPpm <= 2000, "MaxRateOffsetPpm");
            Check(BeaconGatePs >= 1 && BeaconGatePs <= 1000000, "BeaconGatePs");
            Check(BeaconGateMinPs >= 1 && BeaconGateMinPs <= BeaconGatePs, "BeaconGateMinPs");
            Check(LossAfterMissedBeacons >= 2 && LossAfterMissedBeacons <= 1000000, "LossAfterMissedBeacons");
            Check(HoldoverMaxMs >= 0 && HoldoverMaxMs <= 60000, "HoldoverMaxMs");
            Check(HoldoverConfirmBeacons >= 2 && HoldoverConfirmBeacons <= 32, "HoldoverConfirmBeacons");
            Check(HoldoverDriftPpb >= 0 && HoldoverDriftPpb <= 100000, "HoldoverDriftPpb");
            Check(HoldoverRateChangePpbPerSecond >= 0 && HoldoverRateChangePpbPerSecond <= 100000, "HoldoverRateChangePpbPerSecond");
            Check(LoopTimeConstantLog2Ps >= 28 && LoopTimeConstantLog2Ps <= 44, "LoopTimeConstantLog2Ps");
            Check(SkewHistogramBins >= 8 && SkewHistogramBins <= 4096, "SkewHistogramBins");
            Check(SkewCentroidHalfWidthBins >= 1 && SkewCentroidHalfWidthBins < SkewHistogramBins / 2, "SkewCentroidHalfWidthBins");
            Check(VoteHistory >= 2 && VoteHistory <= 256, "VoteHistory");
            Check(VoteMinPeriods >= 1 && VoteMaxPeriods >= VoteMinPeriods && VoteMaxPeriods <= 4096, "VoteMinPeriods/VoteMaxPeriods");
            Check((long)VoteMaxPeriods * MaxRateOffsetPpm < 400000, "VoteMaxPeriods * MaxRateOffsetPpm (pair spacing ambiguous)");
            Check(VotePeakMin >= 2, "VotePeakMin");
            Check(FoldBins >= 8 && FoldBins <= 4096, "FoldBins");
            Check(FoldPeakMin >= 2, "FoldPeakMin");
            Check(MarkerMargin >= 1, "MarkerMargin");
            Check(FoldTimeoutMs >= 10 && FoldTimeoutMs <= 10000, "FoldTimeoutMs");

            // Slot positions are Q24 in a long: any extrapolation of the model (loss timeout + holdover, fold span)
            // must stay under 2^37 slots (1374 s at 100 MHz, 13.7 s at 10 GHz).
            long periodPs = BeaconPeriodSlots * (1000000000000L / PulseRateHz);
            long spanMs = ((LossAfterMissedBeacons * periodPs) / 1000000000L) + HoldoverMaxMs + FoldTimeoutMs + 1;
            Check(spanMs * (PulseRateHz / 1000) < (1L << 37), "LossAfterMissedBeacons/HoldoverMaxMs (model span over 2^37 slots)");
            Check(AcquireTimeoutMs >= 100, "AcquireTimeoutMs");
            Check(StalePredictionMaxMs >= 0 && StalePredictionMaxMs <= 600000, "StalePredictionMaxMs");
        }

        private static void Check(bool ok, string name)
        {
            if (!ok)
            {
                throw new ArgumentException("timing setting out of range: " + name);
            }
        }
    }
}
