namespace GroundStation.Hal
{
    /// <summary>
    /// The one audited place where a bit pattern crosses between signed and unsigned integers of the same width, or an
    /// unsigned value widens to long. nanoCLR tags every value on its evaluation stack with a type; `shr`, `rem`,
    /// conv.r8 and the sign extension of conv.i8 follow that tag, not the opcode, and a binary operation keeps its left
    /// operand's tag. A C# cast between int and uint (or long and ulong) emits no IL, so the value keeps its old tag,
    /// and an optimised build keeps a single-use local on the stack, so storing into a local does not re-tag either.
    /// Each method here therefore ends with an operation whose LEFT operand is a constant of the target type: the
    /// result carries that constant's tag, and the XOR with the same constant on both sides leaves the bits as they were.
    /// Proven on nanoCLR (firmware/DEVICE_CODING.md); NanoGuard (NANO021, NANO022) rejects the same casts anywhere else.
    /// About 13 IL operations a call: keep them off per-event paths by keeping such values in one signedness.
    /// </summary>
    public static class Reinterpret
    {
        private const ulong SignBit64 = 0x8000000000000000UL;
        private const uint SignBit32 = 0x80000000u;

        /// <summary>The long with the same 64 bits as <paramref name="bits"/> (2^63 and above become negative).</summary>
        public static long AsInt64(ulong bits)
        {
            return long.MinValue ^ (long)(bits ^ SignBit64);
        }

        /// <summary>The ulong with the same 64 bits as <paramref name="value"/> (negatives become 2^63 and above).</summary>
        public static ulong AsUInt64(long value)
        {
            return SignBit64 ^ (ulong)(value ^ long.MinValue);
        }

        /// <summary>The int with the same 32 bits as <paramref name="bits"/>: modular differences become signed distances.</summary>
        public static int AsInt32(uint bits)
        {
            return int.MinValue ^ (int)(bits ^ SignBit32);
        }

        /// <summary>The uint with the same 32 bits as <paramref name="value"/>.</summary>
        public static uint AsUInt32(int value)
        {
            return SignBit32 ^ (uint)(value ^ int.MinValue);
        }

        /// <summary><paramref name="value"/> as a long, typed signed on the interpreter too (a plain conversion is tagged unsigned).</summary>
        public static long Widen(uint value)
        {
            return long.MinValue ^ (value ^ long.MinValue);
        }
    }
}
