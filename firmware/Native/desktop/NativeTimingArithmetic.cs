using GroundStation.Firmware.Timing;

namespace GroundStation.NativeCore;

/// <summary>
/// The C core's fixed-point primitives one call at a time, beside the managed ones they mirror
/// (<see cref="FixedPoint.MulShift"/>, <see cref="ClockModel.NearestSlot"/>): for differential tests at the edges of
/// their ranges and for host tools that evaluate a model read from the native engine.
/// </summary>
public static unsafe class NativeTimingArithmetic
{
    /// <summary>floor(a * b / 2^shift) for 0 &lt;= shift &lt;= 64, exact (gs_timing_mul_shift).</summary>
    public static long MulShift(long a, long b, int shift)
    {
        if (shift < 0 || shift > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(shift), "shift must be 0..64");
        }

        return NativeTimingInterop.gs_timing_mul_shift(a, b, shift);
    }

    /// <summary>Nearest slot to t on the model and the residual Q24 (gs_timing_model_nearest_slot).</summary>
    public static long NearestSlot(ClockModel model, long t, out long residualQ24)
    {
        ArgumentNullException.ThrowIfNull(model);
        var m = new GsClockModel
        {
            AnchorGroundPs = model.AnchorGroundPs,
            AnchorSlot = model.AnchorSlot,
            AnchorFraction = model.AnchorFraction,
            SlotsPerPsQ64 = model.SlotsPerPsQ64,
            RateChangePer2p40Ps = model.RateChangePer2p40Ps,
        };
        long residual;
        long slot = NativeTimingInterop.gs_timing_model_nearest_slot(&m, t, &residual);
        residualQ24 = residual;
        return slot;
    }
}
