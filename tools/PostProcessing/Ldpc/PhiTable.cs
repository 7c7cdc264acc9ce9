using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// phi(x) = -ln(tanh(x / 2)) for x > 0, the function of the log-domain sum-product check update
/// (Gallager 1963): a check's outgoing magnitude to edge e is phi(sum of phi(|incoming|) over the other edges).
/// phi is its own inverse. Tabulated on a logarithmic grid read straight from the float's bits (exponent and top 6
/// mantissa bits: 64 points per octave, relative spacing 1/64), with linear interpolation on the remaining mantissa
/// bits; no branch, because the argument's range varies from edge to edge and a branch on it is mispredicted often.
/// x is clamped to [2^-13, 32): outputs are capped at phi(2^-13) = 9.7 (an LLR with error probability 6e-5), and
/// phi(32) = 2.5e-14 is as good as 0.
/// </summary>
internal static class PhiTable
{
    private const int MantissaBits = 6;
    private const int Shift = 23 - MantissaBits;
    private const float Low = 1f / 8192, High = 32f;
    private static readonly uint First = BitConverter.SingleToUInt32Bits(Low) >> Shift;
    private static readonly float[] Table = Build();

    public static float Phi(float x)
    {
        uint bits = BitConverter.SingleToUInt32Bits(Math.Clamp(x, Low, High));
        int i = (int)((bits >> Shift) - First);
        float fraction = (bits & ((1u << Shift) - 1)) * (1f / (1 << Shift));
        // i is within the table for every clamped x (Build sizes it from High), so the reads skip bounds checks.
        ref float entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Table), i);
        float low = entry, high = Unsafe.Add(ref entry, 1);
        return low + (high - low) * fraction;
    }

    private static float[] Build()
    {
        uint last = BitConverter.SingleToUInt32Bits(High) >> Shift;
        var table = new float[last - First + 2];
        for (uint k = 0; k < table.Length; k++)
        {
            double x = BitConverter.UInt32BitsToSingle((First + k) << Shift);
            table[k] = (float)-Math.Log(Math.Tanh(x / 2));
        }

        return table;
    }
}
