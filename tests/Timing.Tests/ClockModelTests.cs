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

    /// <summary>The model's formula evaluated with a 128-bit intermediate (arithmetic shift = floor).</summary>
    private static long ReferenceSlot(ClockModel m, long t, out long residualQ24)
    {
        Int128 u = t - m.AnchorGroundPs;
        var midRate = (Int128)m.SlotsPerPsQ64 + ((m.RateChangePer2p40Ps * u) >> 41);
        var x = m.AnchorFraction + (long)((u * midRate) >> 40);
        var whole = (x + (ClockModel.One >> 1)) >> ClockModel.FractionBits;
        residualQ24 = x - (whole << ClockModel.FractionBits);
        return m.AnchorSlot + whole;
    }

    [Fact]
    public void Nearest_slot_equals_the_128_bit_formula_on_and_off_the_fast_path()
    {
        // Operands on both sides of every fast-path limit (u: 2^32, 2^36, negative; |G|: 2^31, 2^60; F at 1 kHz .. 100 GHz)
        // and random ones: the per-event evaluation must give the model's formula to the last bit.
        var random = new Random(11);
        long[] spans = [0, 1, (1L << 32) - 1, 1L << 32, (1L << 32) + 1, (1L << 36) - 1, 1L << 36, -1, -(1L << 32)];
        long[] rateChanges = [0, 1, -1, 810_000_000, -810_000_000, (1L << 31) - 1, -(1L << 31), 1L << 31, -(1L << 31) - 1, (1L << 45) - 1, -(1L << 45), (1L << 60) - 1, -(1L << 60), 1L << 60, -(1L << 60) - 1];
        long[] rates = [18_446_744_073_709L, SlotsPerPsQ64At100MHz, 1_844_674_407_370_955_161L, (1L << 61) - 1];
        var model = new ClockModel();
        var checkedCount = 0;
        for (var i = 0; i < 60_000; i++)
        {
            var rate = i < 3000 ? rates[i % rates.Length] : random.NextInt64(1L << 20, 1L << 61);
            var g = i < 3000 ? rateChanges[i / 4 % rateChanges.Length] : random.NextInt64(-(1L << 46), 1L << 46) >> random.Next(0, 40);
            var u = i < 3000 ? spans[i / 44 % spans.Length] + random.Next(-3, 4) : random.NextInt64(-(1L << 37), 1L << 37) >> random.Next(0, 30);
            model.Reset(random.NextInt64(0, 1L << 50), random.NextInt64(0, 1L << 40), rate);
            model.RateChangePer2p40Ps = g;
            var uWide = (Int128)u;
            var exactPhase = uWide * ((Int128)rate + ((g * uWide) >> 41));
            if (exactPhase >> 40 > (1L << 62) || exactPhase >> 40 < -(1L << 62))
            {
                continue; // beyond the model's validated span (README: |u * F| < 2^38 slots)
            }

            var t = model.AnchorGroundPs + u;
            var expected = ReferenceSlot(model, t, out var expectedResidual);
            Assert.Equal(expected, model.NearestSlot(t, out var residual));
            Assert.Equal(expectedResidual, residual);
            checkedCount++;
        }

        Assert.True(checkedCount > 50_000, $"{checkedCount} cases inside the span");
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
