namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// What the firmware uses of a timing engine: <see cref="TimingEngine"/> (the managed reference) or a native
    /// one (firmware/Native, gs_timing: the same integers, counters and transitions), chosen at start-up through
    /// <see cref="App.IAcquisitionCore"/>. Members mean exactly what they mean on <see cref="TimingEngine"/>.
    /// </summary>
    public interface ITimingEngine
    {
        TimingState State { get; }

        TimingCounters Counters { get; }

        ClockModel Model { get; }

        bool IndexResolved { get; }

        long LastLockGroundPs { get; }

        long LastAcquisitionStartGroundPs { get; }

        long LastLossGroundPs { get; }

        long BeaconPeriodPs { get; }

        long SlotWidthPsQ16 { get; }

        long RateOffsetPpb { get; }

        long MeanAbsBeaconResidualPs { get; }

        bool HasCoarsePrediction { get; }

        long CoarsePredictionGroundPs { get; }

        long CoarsePredictionSlot { get; }

        long CoarsePredictionUncertaintyPs { get; }

        bool SkewCalibrationRunning { get; }

        void SetCoincidenceWindowPs(int windowPs);

        void SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs);

        void ClearCoarsePrediction();

        void GetSkewTablePs(int[] destination);

        void SetSkewTablePs(int[] source);

        void StartSkewCalibration();

        long SkewCalibrationCount(int channel);

        int ApplySkewCalibration(int minEntries);

        int ProcessBatch(long[] timestampsPs, byte[] channels, int offset, int count, long[] slots, byte[] slotChannels,
            int[] residualsPs, int outOffset);
    }
}
