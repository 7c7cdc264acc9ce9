using GroundStation.Firmware.Timing;

namespace GroundStation.NativeCore;

/// <summary>
/// T's <see cref="NativeTimingEngine"/> (gs_timing through P/Invoke) as the firmware's <see cref="ITimingEngine"/>:
/// each member forwards, so the firmware's control plane (telemetry, TIM:/CAL: commands, live configuration) reads
/// and steers the native engine as it does the managed one.
/// </summary>
public sealed class NativeTimingAdapter(NativeTimingEngine engine) : ITimingEngine
{
    public TimingState State => engine.State;

    public TimingCounters Counters => engine.Counters;

    public ClockModel Model => engine.Model;

    public bool IndexResolved => engine.IndexResolved;

    public long LastLockGroundPs => engine.LastLockGroundPs;

    public long LastAcquisitionStartGroundPs => engine.LastAcquisitionStartGroundPs;

    public long LastLossGroundPs => engine.LastLossGroundPs;

    public long BeaconPeriodPs => engine.BeaconPeriodPs;

    public long SlotWidthPsQ16 => engine.SlotWidthPsQ16;

    public long RateOffsetPpb => engine.RateOffsetPpb;

    public long MeanAbsBeaconResidualPs => engine.MeanAbsBeaconResidualPs;

    public bool HasCoarsePrediction => engine.HasCoarsePrediction;

    public long CoarsePredictionGroundPs => engine.CoarsePredictionGroundPs;

    public long CoarsePredictionSlot => engine.CoarsePredictionSlot;

    public long CoarsePredictionUncertaintyPs => engine.CoarsePredictionUncertaintyPs;

    public bool SkewCalibrationRunning => engine.SkewCalibrationRunning;

    public void SetCoincidenceWindowPs(int windowPs) => engine.SetCoincidenceWindowPs(windowPs);

    public void SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs) =>
        engine.SetCoarsePrediction(groundTimePs, satelliteSlot, uncertaintyPs);

    public void ClearCoarsePrediction() => engine.ClearCoarsePrediction();

    public void GetSkewTablePs(int[] destination) => engine.GetSkewTablePs(destination);

    public void SetSkewTablePs(int[] source) => engine.SetSkewTablePs(source);

    public void StartSkewCalibration() => engine.StartSkewCalibration();

    public long SkewCalibrationCount(int channel) => engine.SkewCalibrationCount(channel);

    public int ApplySkewCalibration(int minEntries) => engine.ApplySkewCalibration(minEntries);

    public int ProcessBatch(long[] timestampsPs, byte[] channels, int offset, int count, long[] slots, byte[] slotChannels,
        int[] residualsPs, int outOffset) =>
        engine.ProcessBatch(timestampsPs, channels, offset, count, slots, slotChannels, residualsPs, outOffset);
}
