using GroundStation.Hal;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the finaliser of
    /// java.util.SplittableRandom) written in signed 64-bit arithmetic: wrapping adds and multiplies have the same bits
    /// signed or unsigned, and each logical shift is an arithmetic shift and a mask. No value is ever unsigned, so the
    /// interpreter's type tags cannot change a result (firmware/DEVICE_CODING.md): the same seed gives the same numbers
    /// on nanoCLR and on the desktop. Also the board random source of the scenarios (squashing, estimation samples).
    /// </summary>
    public sealed class SplitMix : IRandomSource
    {
        /// <summary>0x9E3779B97F4A7C15, the golden-ratio increment, as a signed long.</summary>
        private const long Golden = -7046029254386353131L;

        /// <summary>0xBF58476D1CE4E5B9 as a signed long.</summary>
        private const long Multiplier1 = -4658895280553007687L;

        /// <summary>0x94D049BB133111EB as a signed long.</summary>
        private const long Multiplier2 = -7723592293110705685L;

        private long _state;

        public SplitMix(long seed)
        {
            _state = seed;
        }

        /// <summary>The next 64 random bits.</summary>
        public long NextBits()
        {
            _state += Golden;
            return Mix(_state);
        }

        /// <summary>Uniform in [0, n) for 0 &lt; n &lt; 2^62 (the modulo bias is below n / 2^63).</summary>
        public long Below(long n)
        {
            return (NextBits() & long.MaxValue) % n;
        }

        /// <summary>The top 32 bits, for the firmware's <see cref="IRandomSource"/>.</summary>
        public uint NextUInt32()
        {
            return (uint)((NextBits() >> 32) & 0xFFFFFFFFL);
        }

        /// <summary>SplitMix64's finaliser: a bijective mix of 64 bits (logical shifts as shift-and-mask).</summary>
        public static long Mix(long z)
        {
            z = (z ^ ((z >> 30) & 0x3FFFFFFFFL)) * Multiplier1;
            z = (z ^ ((z >> 27) & 0x1FFFFFFFFFL)) * Multiplier2;
            return z ^ ((z >> 31) & 0x1FFFFFFFFL);
        }
    }
}
