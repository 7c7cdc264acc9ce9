using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// Rate adaptation of one LDPC frame to the estimated QBER. The mother codes are a family indexed by their check count,
/// a multiple of n/128 (built on demand from the seed); the frame takes the largest mother code whose syndrome stays
/// within f_design n h(QBER) and shortens s of its n bits (positions from the seed, value 0, known to both) so that the
/// m syndrome bits protect exactly n - s key bits at f = m / ((n - s) h(QBER)) = f_design (Elkouss, Martinez-Mateo
/// and Martin 2010 for rate adaptation by shortening and puncturing; here shortening alone, on a fine family).
/// </summary>
/// <param name="FrameBits">n: bits of the mother code's codeword.</param>
/// <param name="Checks">m: syndrome bits, all disclosed.</param>
/// <param name="ShortenedBits">s: codeword bits fixed to 0 (not key).</param>
/// <param name="QberPpm">The QBER estimate both sides use for the channel LLRs, in parts per million.</param>
public sealed record LdpcFramePlan(int FrameBits, int Checks, int ShortenedBits, int QberPpm)
{
    /// <summary>2^18 bits: at QBER 2 % and f = 1.20, 2^16-bit frames failed 6 in 100, 2^18-bit frames none in 30
    /// (the waterfall steepens with length; decoding cost per bit does not change).</summary>
    public const int DefaultFrameBits = 1 << 18;

    /// <summary>Mother codes step by n / <see cref="FamilySteps"/> checks.</summary>
    public const int FamilySteps = 128;

    /// <summary>Key bits one frame carries: n - s.</summary>
    public int KeyBits => FrameBits - ShortenedBits;

    public double Qber => QberPpm / 1e6;

    /// <summary>f of this frame at the given QBER: m / ((n - s) h(QBER)).</summary>
    public double Efficiency(double qber) => BinaryEntropy.Efficiency(Checks, KeyBits, qber);

    /// <summary>
    /// f_design: the efficiency at which the frame failure rate stays near or below 1 % for 2^16-bit frames with the
    /// default profile and sum-product decoding (measured on the binary symmetric channel; see README.md).
    /// Higher rates need more margin.
    /// </summary>
    public static double DesignEfficiency(double qber) => qber switch
    {
        <= 0.015 => 1.28,
        <= 0.025 => 1.20,
        <= 0.04 => 1.17,
        _ => 1.15,
    };

    public static LdpcFramePlan For(double qber, int frameBits = DefaultFrameBits, double? efficiency = null)
    {
        if (double.IsNaN(qber) || qber < 1e-4 || qber > 0.11)
        {
            throw new ArgumentOutOfRangeException(nameof(qber), $"LDPC frames are planned for a QBER in [0.0001, 0.11], not {qber}.");
        }

        if (frameBits < 1024 || frameBits % FamilySteps != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frameBits), $"An LDPC frame has at least 1024 bits, a multiple of {FamilySteps}.");
        }

        double f = efficiency ?? DesignEfficiency(qber);
        double h = BinaryEntropy.Of(qber);
        int step = frameBits / FamilySteps;
        int checks = Math.Clamp((int)Math.Floor(f * frameBits * h / step), 1, FamilySteps - 1) * step;
        int keyBits = (int)Math.Ceiling(checks / (f * h));
        int shortened = Math.Clamp(frameBits - keyBits, 0, frameBits - checks - 1);
        return new LdpcFramePlan(frameBits, checks, shortened, (int)Math.Round(qber * 1e6));
    }
}
