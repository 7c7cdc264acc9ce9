using GroundStation.Firmware.Drivers.Spcm;

namespace GroundStation.NativeCore;

/// <summary>
/// gs_overlight: one sliding count window per detector (SlidingCountWindow) and the over-light loop of
/// SpcmController.OnDetections in C. Tripping (gate, latch, event) stays with the caller.
/// </summary>
public sealed unsafe class NativeOverlight : NativeState, IOverLightCounter
{
    public const int Done = 0;
    public const int Trip = 1;

    public NativeOverlight(int channelCount, long windowPicoseconds)
        : base(NativeMethods.gs_overlight_state_size())
    {
        Check(NativeMethods.gs_overlight_init(State, channelCount, windowPicoseconds), "gs_overlight_init");
    }

    public long WindowPicoseconds => NativeMethods.gs_overlight_window_ps(State);

    public void Clear(int channel) => Check(NativeMethods.gs_overlight_clear(State, channel), "gs_overlight_clear");

    public int Count(int channel) => NativeMethods.gs_overlight_count(State, channel);

    /// <summary>
    /// Records [from, end) from detector <paramref name="channel"/> on. Returns <see cref="Trip"/> with the channel
    /// and the index of the crossing detection (continue with channel + 1 once it is latched), or <see cref="Done"/>.
    /// </summary>
    public int Batch(long[] timesPs, byte[] channels, int from, int end, int[] limits, uint latchedMask, ref int channel,
        out int index)
    {
        if (from < 0 || end < from || end > timesPs.Length || end > channels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(end));
        }

        int c = channel;
        int i;
        int r;
        fixed (long* t = timesPs)
        fixed (byte* ch = channels)
        fixed (int* l = limits)
        {
            r = NativeMethods.gs_overlight_batch(State, t, ch, from, end, l, latchedMask, &c, &i);
        }

        channel = c;
        index = i;
        return Check(r, "gs_overlight_batch");
    }

    bool IOverLightCounter.Add(long[] timestampsPicoseconds, byte[] channels, int from, int end, int[] limits, int latchedMask,
        int[] progress)
    {
        int channel = progress[0];
        int result = Batch(timestampsPicoseconds, channels, from, end, limits, unchecked((uint)latchedMask), ref channel, out int index);
        progress[0] = channel;
        progress[1] = index;
        return result == Trip;
    }
}
