using GroundStation.Firmware.Timing;

namespace GroundStation.Tests.Timing;

public class FixedPointTests
{
    [Theory]
    [InlineData(3L, 5L, 0, 15L)]
    [InlineData(1L << 40, 1L << 40, 64, 65536L)]
    [InlineData(0x1_0000_0001L, 0x1_0000_0001L, 32, 4294967298L)] // (2^64 + 2^33 + 1) >> 32
    [InlineData(-3L, 1L, 1, -2L)] // floor(-1.5)
    [InlineData(-4L, 1L, 1, -2L)]
    [InlineData(3L, -1L, 1, -2L)]
    [InlineData(-3L, -1L, 1, 1L)]
    [InlineData(10_000L, 1_844_674_407_370_955L, 64, 0L)] // 10^4 * floor(2^64/10^4) < 2^64
    [InlineData(10_001L, 1_844_674_407_370_955L, 64, 1L)]
    public void MulShift_matches_hand_computed_values(long a, long b, int shift, long expected)
    {
        Assert.Equal(expected, FixedPoint.MulShift(a, b, shift));
    }

    [Fact]
    public void MulShift_equals_the_exact_128_bit_floor_for_random_operands()
    {
        var random = new Random(5);
        for (var i = 0; i < 20_000; i++)
        {
            var a = random.NextInt64(long.MinValue / 2, long.MaxValue / 2) >> random.Next(0, 40);
            var b = random.NextInt64(long.MinValue / 2, long.MaxValue / 2) >> random.Next(0, 40);
            var shift = random.Next(0, 65);
            var exact = ((Int128)a * b) >> shift; // arithmetic shift = floor
            if (exact > long.MaxValue || exact < long.MinValue)
            {
                continue;
            }

            Assert.Equal((long)exact, FixedPoint.MulShift(a, b, shift));
        }
    }

    [Fact]
    public void MulShift_equals_the_exact_128_bit_floor_at_the_direct_product_limits()
    {
        // Operands at and around the limits where the product is taken directly (2^31 and 2^31; 2^26 and 2^36).
        long[] edges = [0, 1, (1L << 26) - 1, 1L << 26, (1L << 26) + 1, (1L << 31) - 1, 1L << 31, (1L << 31) + 1, (1L << 36) - 1, 1L << 36, (1L << 36) + 1, 1L << 40];
        foreach (var x in edges)
        {
            foreach (var y in edges)
            {
                foreach (var (a, b) in new[] { (x, y), (-x, y), (x, -y), (-x, -y) })
                {
                    foreach (var shift in new[] { 0, 1, 20, 40, 63 })
                    {
                        var exact = ((Int128)a * b) >> shift;
                        if (exact <= long.MaxValue && exact >= long.MinValue)
                        {
                            Assert.Equal((long)exact, FixedPoint.MulShift(a, b, shift));
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(1L, 64, 3L, 6_148_914_691_236_517_205L)] // floor(2^64 / 3)
    [InlineData(100_000_000L, 64, 1_000_000_000_000L, 1_844_674_407_370_955L)] // 100 MHz in slots/ps, Q64
    [InlineData(1_000_000_000_000L, 16, 100_000_000L, 655_360_000L)] // 10,000 ps slot in Q16
    [InlineData(7L, 0, 2L, 3L)]
    public void DivideShifted_matches_hand_computed_values(long n, int shift, long d, long expected)
    {
        Assert.Equal(expected, FixedPoint.DivideShifted(n, shift, d));
    }

    [Theory]
    [InlineData(-7L, 2L, -4L, 1L)]
    [InlineData(7L, 2L, 3L, 1L)]
    [InlineData(-6L, 3L, -2L, 0L)]
    [InlineData(-1L, 100L, -1L, 99L)]
    public void FloorDiv_and_FloorMod_round_towards_minus_infinity(long a, long b, long div, long mod)
    {
        Assert.Equal(div, FixedPoint.FloorDiv(a, b));
        Assert.Equal(mod, FixedPoint.FloorMod(a, b));
    }
}
