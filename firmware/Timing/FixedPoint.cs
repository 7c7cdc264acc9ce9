using GroundStation.Hal;

namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// Integer helpers for the clock model. The ESP32's double has float-like precision in nanoFramework, so every
    /// timing product goes through a 128-bit intermediate built from 32-bit halves: exact, allocation-free, a fixed
    /// number of operations. See README.md "Fixed-point formats" for the ranges each call site stays within.
    /// </summary>
    public static class FixedPoint
    {
        private const long Low32 = 0xFFFFFFFFL;
        private const long SmallLimit = 1L << 31;
        private const long SmallMask = ~((1L << 32) - 1);
        private const long ErrorLimit = 1L << 26;
        private const long ErrorMask = ~((1L << 27) - 1);
        private const long GainLimit = 1L << 36;
        private const long GainMask = ~((1L << 37) - 1);

        /// <summary>
        /// floor(a * b / 2^shift), exact through a 128-bit product, for 0 &lt;= shift &lt;= 64.
        /// The caller guarantees the result fits in a long (each call site's bound is proved in README.md).
        /// Cost: 4 32x32 multiplies, ~25 adds/shifts/compares.
        /// </summary>
        /// <remarks>
        /// All arithmetic is on long, never ulong: nanoCLR decides `>>` by the value's run-time type tag, and a value
        /// cast from ulong keeps the unsigned tag (the bug that stopped the timing engine locking on the device,
        /// DEVICE_CODING.md). Logical shifts are written as an arithmetic shift and a mask, exact on both targets.
        /// </remarks>
        public static long MulShift(long a, long b, int shift)
        {
            // The product fits a long when |a|, |b| <= 2^31, or |a| <= 2^26 and |b| <= 2^36 (a loop correction: an error
            // of a few slots times up to 3 * tau / 6); an arithmetic shift is then the floor (README "Per-event
            // arithmetic").
            if (shift < 64
                && ((((a + SmallLimit) | (b + SmallLimit)) & SmallMask) == 0
                    || (((a + ErrorLimit) & ErrorMask) | ((b + GainLimit) & GainMask)) == 0))
            {
                return (a * b) >> shift;
            }

            bool negative = (a < 0) != (b < 0);
            long ua = a < 0 ? -a : a;
            long ub = b < 0 ? -b : b;
            long aLo = ua & Low32;
            long aHi = ua >> 32;
            long bLo = ub & Low32;
            long bHi = ub >> 32;
            long ll = aLo * bLo; // each partial product fits 64 bits; as long it may read negative: bits are what count
            long lh = aLo * bHi;
            long hl = aHi * bLo;
            long hh = aHi * bHi;
            long mid = ((ll >> 32) & Low32) + (lh & Low32) + (hl & Low32);
            long lo = (mid << 32) | (ll & Low32);
            long hi = hh + ((lh >> 32) & Low32) + ((hl >> 32) & Low32) + ((mid >> 32) & Low32);

            long quotient;
            bool inexact;
            if (shift == 0)
            {
                quotient = lo;
                inexact = false;
            }
            else if (shift == 64)
            {
                quotient = hi;
                inexact = lo != 0;
            }
            else
            {
                long lowBitsKept = (1L << (64 - shift)) - 1L; // lo >> shift, logical
                quotient = ((lo >> shift) & lowBitsKept) | (hi << (64 - shift));
                inexact = (lo & ((1L << shift) - 1L)) != 0;
            }

            if (!negative)
            {
                return quotient;
            }

            // Floor, not truncation, so a residual never depends on which side of zero it falls.
            return inexact ? -quotient - 1 : -quotient;
        }

        /// <summary>
        /// floor(numerator * 2^shift / denominator) for numerator &gt;= 0, denominator &gt; 0, 0 &lt;= shift &lt;= 64,
        /// by 128-bit shift-and-subtract division. About 128 iterations: configuration and acquisition only, never
        /// per detection. The caller guarantees the quotient fits in a long.
        /// </summary>
        public static long DivideShifted(long numerator, int shift, long denominator)
        {
            ulong n = Reinterpret.AsUInt64(numerator);
            ulong hi;
            ulong lo;
            if (shift == 0)
            {
                hi = 0;
                lo = n;
            }
            else if (shift == 64)
            {
                hi = n;
                lo = 0;
            }
            else
            {
                hi = n >> (64 - shift);
                lo = n << shift;
            }

            ulong d = Reinterpret.AsUInt64(denominator);
            ulong remainder = 0;
            ulong quotient = 0;
            for (int bit = 127; bit >= 0; bit--)
            {
                ulong next = bit >= 64 ? (hi >> (bit - 64)) & 1UL : (lo >> bit) & 1UL;
                remainder = (remainder << 1) | next;
                quotient <<= 1;
                if (remainder >= d)
                {
                    remainder -= d;
                    quotient |= 1UL;
                }
            }

            return Reinterpret.AsInt64(quotient);
        }

        /// <summary>floor(a / b) for b &gt; 0 (C# division truncates towards zero).</summary>
        /// <remarks>One division and one multiply, no `%`: `rem` follows the operand's run-time tag on nanoCLR, `div`
        /// and the comparison follow the opcode, so this is exact whatever the caller's value went through.</remarks>
        public static long FloorDiv(long a, long b)
        {
            long q = a / b;
            return q * b > a ? q - 1 : q;
        }

        /// <summary>a mod b in [0, b) for b &gt; 0.</summary>
        public static long FloorMod(long a, long b)
        {
            return a - FloorDiv(a, b) * b;
        }

        /// <summary>|a| for a &gt; long.MinValue.</summary>
        public static long Abs(long a)
        {
            return a < 0 ? -a : a;
        }
    }
}
