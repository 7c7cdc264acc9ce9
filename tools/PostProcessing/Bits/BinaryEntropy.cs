namespace GroundStation.PostProcessing.Bits;

/// <summary>Shannon's binary entropy h(p) = -p log2 p - (1-p) log2 (1-p), the bits per key bit that error
/// correction must disclose at least (Slepian-Wolf); efficiency f = disclosed / (n h(QBER)).</summary>
public static class BinaryEntropy
{
    public static double Of(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"A probability is in [0, 1], not {p}.");
        }

        return p is 0 or 1 ? 0 : -p * Math.Log2(p) - (1 - p) * Math.Log2(1 - p);
    }

    /// <summary>f = disclosedBits / (bits h(qber)); infinity when h(qber) is 0 and something was disclosed.</summary>
    public static double Efficiency(long disclosedBits, long bits, double qber)
    {
        double ideal = bits * Of(qber);
        return ideal > 0 ? disclosedBits / ideal : disclosedBits == 0 ? 1 : double.PositiveInfinity;
    }
}
