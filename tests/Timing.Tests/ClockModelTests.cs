using GroundStation.Firmware.Timing;

namespace GroundStation.Tests.Timing;

public class ClockModelTests
{
    private const long SlotsPerPsQ64At100MHz = 1_844_674_407_370_955L; // floor(2^64 / 10^4)

    [Fact]
    public void Nearest_slot_and_residual_at_a_known_rate()
    {
        var model = new ClockModel();
        model.Reset(1_000_000, 5L << ClockModel.FractionBits, SlotsPerPsQ64At100MHz);

        // 23,000 ps after the anchor at 10,000 ps per slot: slot 5 + 2.3 -> slot 7, residual +0.3 slot.
        var slot = model.NearestSlot(1_023_000, out var residual);
        Assert.Equal(7, slot);
        Assert.InRange(residual, (long)(0.3 * ClockModel.One) - 2, (long)(0.3 * ClockModel.One) + 1);

        // 27,000 ps: 7.7 -> slot 8, residual -0.3 slot; before the anchor works too.
        Assert.Equal(8, model.NearestSlot(1_027_000, out residual));
        Assert.InRange(residual, (long)(-0.3 * ClockModel.One) - 2, (long)(-0.3 * ClockModel.One) + 1);
        Assert.Equal(4, model.NearestSlot(990_000, out residual));
        Assert.InRange(residual, -2, 1);
    }

    [Fact]
    public void Rate_change_bends_the_phase_quadratically()
    {
        // F grows by F0 * 1e-6 per 2^40 ps; after u = 2^40 ps the extra phase is u * dF / 2 = 2^40 * 1e-4 * 1e-6 / 2.
        var model = new ClockModel();
        model.Reset(0, 0, SlotsPerPsQ64At100MHz);
        model.RateChangePer2p40Ps = SlotsPerPsQ64At100MHz / 1_000_000;
        var u = 1L << 40;
        var slot = model.NearestSlot(u, out var residual);
        var withoutChange = u / 10_000.0;
        var expectedExtra = u * 1e-4 * 1e-6 / 2; // 54.98 slots
        var got = slot + (residual / (double)ClockModel.One);
        Assert.Equal(withoutChange + expectedExtra, got, 0.01);
    }

    [Fact]
    public void Propagate_keeps_the_prediction()
    {
        var model = new ClockModel();
        model.Reset(0, 123, SlotsPerPsQ64At100MHz + 12_345_678);
        model.RateChangePer2p40Ps = -987_654;
        var before = model.NearestSlot(777_777_777, out var r1);
        model.Propagate(500_000_000);
        var after = model.NearestSlot(777_777_777, out var r2);
        Assert.Equal(before, after);
        Assert.InRange(r2 - r1, -2, 2);
    }

    [Fact]
    public void Tracking_loop_follows_rate_and_rate_change_from_beacon_arrivals()
    {
        // Truth: ground time of beacon k (every 10,000 slots) with +50 ppm offset and 0.4 ppm/s rate change.
        static double Truth(long k)
        {
            var s = k * 1e-4;
            return 1e12 * ((s * (1 + 50e-6)) + (0.5 * 0.4e-6 * s * s));
        }

        var model = new ClockModel();
        model.Reset(0, 0, (long)(SlotsPerPsQ64At100MHz / (1 + 49e-6))); // start 1 ppm off
        double worstLate = 0;
        for (long k = 1; k <= 40_000; k += 20) // 4 s, every 20th pulse (5 % detection)
        {
            var t = (long)Math.Round(Truth(k));
            var slot = model.NearestSlot(t, out var residual);
            var error = ((k * 10_000 - slot) << ClockModel.FractionBits) - residual;
            if (k > 20_000)
            {
                worstLate = Math.Max(worstLate, Math.Abs(error / (double)ClockModel.One * 10_000));
            }

            model.Track(t, error, 36);
        }

        Assert.True(worstLate < 2, $"residual after 2 s: {worstLate:F2} ps");
    }
}
