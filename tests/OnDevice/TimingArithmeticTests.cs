using GroundStation.Firmware.Drivers;
using GroundStation.Firmware.Timing;
using nanoFramework.TestFramework;

namespace GroundStation.OnDeviceTests
{
    /// <summary>
    /// Integer/fixed-point timing arithmetic on fixed vectors: the interpreter's 64-bit division, shifts and
    /// sign handling must agree with the desktop's, since slot assignment depends on them.
    /// </summary>
    [TestClass]
    public class TimingArithmeticTests
    {
        [TestMethod]
        public void FloorDiv_and_FloorMod_round_towards_minus_infinity()
        {
            Assert.AreEqual(-4L, FixedPoint.FloorDiv(-7, 2));
            Assert.AreEqual(1L, FixedPoint.FloorMod(-7, 2));
            Assert.AreEqual(3L, FixedPoint.FloorDiv(7, 2));
            Assert.AreEqual(1L, FixedPoint.FloorMod(7, 2));
            Assert.AreEqual(-1L, FixedPoint.FloorDiv(-1, 1000000));
            Assert.AreEqual(999999L, FixedPoint.FloorMod(-1, 1000000));
        }

        [TestMethod]
        public void FloorDiv_times_divisor_plus_FloorMod_gives_back_the_dividend()
        {
            long[] values = new long[] { -1000000000001L, -5L, 0L, 4L, 999999999999L, 9223372036854775L };
            for (int i = 0; i < values.Length; i++)
            {
                long q = FixedPoint.FloorDiv(values[i], 1000);
                long r = FixedPoint.FloorMod(values[i], 1000);
                Assert.AreEqual(values[i], q * 1000 + r);
                Assert.IsTrue(r >= 0 && r < 1000);
            }
        }

        [TestMethod]
        public void MulShift_multiplies_by_a_Q32_fraction()
        {
            // 0.5 in Q32 is 2^31: half of 1 000 000 000 000 ps.
            Assert.AreEqual(500000000000L, FixedPoint.MulShift(1000000000000L, 1L << 31, 32));
        }

        [TestMethod]
        public void Abs_of_negative_picoseconds()
        {
            Assert.AreEqual(12345L, FixedPoint.Abs(-12345L));
            Assert.AreEqual(0L, FixedPoint.Abs(0L));
        }

        [TestMethod]
        public void Rollover_extender_unwraps_a_12_bit_counter()
        {
            RolloverExtender extender = new RolloverExtender(12);
            long first = extender.Extend(4000);
            long wrapped = extender.Extend(10);

            Assert.AreEqual(4000L, first);
            Assert.AreEqual(4096L + 10L, wrapped);
            Assert.AreEqual(1L, extender.Rollovers);
        }
    }
}
