namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// Integer helpers for the clock model. The ESP32's double has float-like precision in nanoFramework, so every
    /// timing product goes through a 128-bit intermediate built from 32-bit halves: exact, allocation-free, a fixed
    /// number of operations. See README.md "Fixed-point formats" for the ranges each call site stays within.
    /// </summary>
    public static class FixedPoint
    {
        private const ulong Low32 = 0xFFFFFFFFUL;

        /// <summary>
        /// floor(a * b / 2^shift), exact through a 128-bit product, for 0 &lt;= shift &lt;= 64.
        /// The caller guarantees the result fits in a long (each call site's bound is proved in README.md).
        /// Cost: 4 32x32 multiplies, ~20 adds/shifts/compares.
        /// </summary>
        public static long MulShift(long a, long b, int shift)
        {
            bool negative = (a < 0) != (b < 0);
            ulong ua = a < 0 ? (ulong)(-a) : (ulong)a;
            ulong ub = b < 0 ? (ulong)(-b) : (ulong)b;
            ulong aLo = ua & Low32;
            ulong aHi = ua >> 32;
            ulong bLo = ub & Low32;
            ulong bHi = ub >> 32;
            ulong ll = aLo * bLo;
            ulong lh = aLo * bHi;
            ulong hl = aHi * bLo;
            ulong hh = aHi * bHi;
            ulong mid = (ll >> 32) + (lh & Low32) + (hl & Low32);
            ulong lo = (mid << 32) | (ll & Low32);
            ulong hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);

            ulong quotient;
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
                quotient = (lo >> shift) | (hi << (64 - shift));
                inexact = (lo & ((1UL << shift) - 1UL)) != 0;
            }

            if (!negative)
            {
                return (long)quotient;
            }

            // Floor, not truncation, so a residual never depends on which side of zero it falls.
            return inexact ? -(long)quotient - 1 : -(long)quotient;
        }

        /// <summary>
        /// floor(numerator * 2^shift / denominator) for numerator &gt;= 0, denominator &gt; 0, 0 &lt;= shift &lt;= 64,
        /// by 128-bit shift-and-subtract division. About 128 iterations: configuration and acquisition only, never
        /// per detection. The caller guarantees the quotient fits in a long.
        /// </summary>
        public static long DivideShifted(long numerator, int shift, long denominator)
        {
            ulong n = (ulong)numerator;
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

            ulong d = (ulong)denominator;
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

            return (long)quotient;
        }

        /// <summary>floor(a / b) for b &gt; 0 (C# division truncates towards zero).</summary>
        public static long FloorDiv(long a, long b)
        {
            long q = a / b;
            return (a % b != 0 && a < 0) ? q - 1 : q;
        }

        /// <summary>a mod b in [0, b) for b &gt; 0.</summary>
        public static long FloorMod(long a, long b)
        {
            long r = a % b;
            return r < 0 ? r + b : r;
        }

        /// <summary>|a| for a &gt; long.MinValue.</summary>
        public static long Abs(long a)
        {
            return a < 0 ? -a : a;
        }
    }
}
