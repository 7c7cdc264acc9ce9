using GroundStation.Hal;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// hal/Reinterpret on the interpreter's typing rule (firmware/DEVICE_CODING.md): nanoCLR's `shr` and `rem` follow
    /// the type tag of the value on its evaluation stack, and a value computed in unsigned arithmetic keeps its
    /// unsigned tag through a same-width cast, a return and a negation. Each probe builds such a value in a method
    /// (as the timing engine's MulShift once did), crosses with a Reinterpret helper, and applies a signed shift and
    /// remainder in the caller; the right answers are worked out in the comments. Same bits, and a signed tag.
    /// The inputs come from fields typed unsigned: an argument keeps the tag of what the caller loaded (a constant
    /// argument would arrive signed and prove nothing). On nanoCLR the same methods with a plain cast instead of the
    /// helper print 9223372036854775804 / 1, 2147483644 / 1 and 4611686018427387900 / 0 for the second to fourth lines.
    /// </summary>
    public static class TypingProbe
    {
        private static readonly ulong Three = 3;
        private static readonly ulong Ten = 10;
        private static readonly ulong ThreeHundredFifty = 350;
        private static readonly uint ThreeU = 3;
        private static readonly uint TenU = 10;
        private static readonly uint SixteenU = 16;

        public static void Run()
        {
            // 350 >> 1 = 175; -175 >> 4 = floor(-175 / 16) = -11; -175 % 7 = 0 (175 = 25 x 7).
            Report.Line("typing AsInt64 negated>>4=" + (NegatedHalf(ThreeHundredFifty) >> 4) + " negated%7=" + (NegatedHalf(ThreeHundredFifty) % 7));

            // 3 - 10 = 2^64 - 7 as ulong -> -7; -7 >> 1 = -4; -7 % 4 = -3.
            Report.Line("typing AsInt64 difference>>1=" + (Difference(Three, Ten) >> 1) + " difference%4=" + (Difference(Three, Ten) % 4));

            // 3 - 10 = 2^32 - 7 as uint -> -7; -7 >> 1 = -4; -7 % 4 = -3.
            Report.Line("typing AsInt32 difference>>1=" + (Difference32(ThreeU, TenU) >> 1) + " difference%4=" + (Difference32(ThreeU, TenU) % 4));

            // -(long)16u = -16; -16 >> 2 = -4; -16 % 3 = -1.
            Report.Line("typing Widen negated>>2=" + (NegatedWiden(SixteenU) >> 2) + " negated%3=" + (NegatedWiden(SixteenU) % 3));

            // 0xFFFFFFF0u widened: 4294967280, positive, unchanged by the helper.
            Report.Line("typing Widen large=" + Reinterpret.Widen(0xFFFFFFF0u) + " large>>4=" + (Reinterpret.Widen(0xFFFFFFF0u) >> 4));

            // The other direction keeps the bits: -1 -> 2^64 - 1 (>> 60 = 15); -2 -> 2^32 - 2 (% 10 = 4).
            Report.Line("typing AsUInt64 minusOne>>60=" + (Reinterpret.AsUInt64(-1L) >> 60) + " AsUInt32 minusTwo%10=" + (Reinterpret.AsUInt32(-2) % 10u));

            // Round trips over the sign boundary: long.MinValue and int.MinValue.
            Report.Line("typing roundTrip64=" + Reinterpret.AsInt64(Reinterpret.AsUInt64(long.MinValue)) + " roundTrip32=" + Reinterpret.AsInt32(Reinterpret.AsUInt32(int.MinValue)));
        }

        private static long NegatedHalf(ulong x)
        {
            ulong half = x >> 1;
            if (half == 0)
            {
                return 0;
            }

            return -Reinterpret.AsInt64(half);
        }

        private static long Difference(ulong a, ulong b)
        {
            return Reinterpret.AsInt64(a - b);
        }

        private static int Difference32(uint a, uint b)
        {
            return Reinterpret.AsInt32(a - b);
        }

        private static long NegatedWiden(uint a)
        {
            return -Reinterpret.Widen(a);
        }
    }
}
