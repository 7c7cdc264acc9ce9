using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// Syndrome decoding by layered belief propagation (row-layered schedule after Hocevar 2004, which converges in
/// about half the iterations of flooding). Check rule: log-domain sum-product with a tabulated phi (default), or
/// normalised min-sum (Chen and Fossorier 2002), cheaper but ~0.1 worse in efficiency on these high-rate codes.
/// Float LLRs, flat arrays: one posterior per bit, one check-to-bit message per edge; nothing allocated per
/// iteration. The syndrome bit of a check flips the sign of its messages. After each iteration the hard decision is
/// checked against the syndrome; a frame that has not met it after <see cref="MaxIterations"/> is reported failed.
/// </summary>
public sealed class BeliefPropagationDecoder
{
    private readonly LdpcCode _code;
    private readonly float[] _posterior;
    private readonly float[] _messages;

    public const int DefaultMaxIterations = 100;

    public BeliefPropagationDecoder(LdpcCode code, int maxIterations = DefaultMaxIterations, bool sumProduct = true, float normalisation = 0.75f)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        SumProduct = sumProduct;
        _code = code;
        MaxIterations = maxIterations;
        Normalisation = normalisation;
        _posterior = new float[code.Bits];
        _messages = new float[code.Edges];
    }

    public int MaxIterations { get; }

    public float Normalisation { get; }

    /// <summary>Log-domain sum-product check update (tabulated phi); false: normalised min-sum.</summary>
    public bool SumProduct { get; }

    /// <summary>Decodes in place: <paramref name="llr"/> holds the channel LLRs (positive: bit 0 more likely) and,
    /// on return, the posteriors. Returns the iterations used, or -1 when the syndrome was not met.</summary>
    public int Decode(float[] llr, ReadOnlySpan<ulong> syndrome, ulong[] decided)
    {
        int[] rowStart = _code.RowStart, columns = _code.Columns;
        float[] q = _posterior, r = _messages;
        Array.Copy(llr, q, _code.Bits);
        Array.Clear(r);
        float alpha = Normalisation;
        for (int iteration = 1; iteration <= MaxIterations; iteration++)
        {
            for (int c = 0; c < _code.Checks && SumProduct; c++)
            {
                UpdateCheckSumProduct(c, syndrome);
            }

            for (int c = 0; c < _code.Checks && !SumProduct; c++)
            {
                int start = rowStart[c], end = rowStart[c + 1];
                float min1 = float.MaxValue, min2 = float.MaxValue;
                int minAt = -1;
                uint signs = (uint)(syndrome[c >> 6] >> c) & 1;
                for (int e = start; e < end; e++)
                {
                    float t = q[columns[e]] - r[e];
                    q[columns[e]] = t;
                    signs ^= t < 0 ? 1u : 0u;
                    float a = MathF.Abs(t);
                    if (a < min1)
                    {
                        min2 = min1;
                        min1 = a;
                        minAt = e;
                    }
                    else if (a < min2)
                    {
                        min2 = a;
                    }
                }

                float m1 = alpha * min1, m2 = alpha * min2;
                for (int e = start; e < end; e++)
                {
                    float t = q[columns[e]];
                    uint sign = signs ^ (t < 0 ? 1u : 0u);
                    float magnitude = e == minAt ? m2 : m1;
                    float message = sign != 0 ? -magnitude : magnitude;
                    r[e] = message;
                    q[columns[e]] = t + message;
                }
            }

            if (MeetsSyndrome(syndrome, decided))
            {
                Array.Copy(q, llr, _code.Bits);
                return iteration;
            }
        }

        Array.Copy(q, llr, _code.Bits);
        return -1;
    }

    private void UpdateCheckSumProduct(int c, ReadOnlySpan<ulong> syndrome)
    {
        int[] columns = _code.Columns;
        float[] q = _posterior, r = _messages;
        int start = _code.RowStart[c], end = _code.RowStart[c + 1];
        uint signs = (uint)(syndrome[c >> 6] >> c) & 1;
        float sum = 0;
        for (int e = start; e < end; e++)
        {
            float t = q[columns[e]] - r[e];
            q[columns[e]] = t;
            signs ^= t < 0 ? 1u : 0u;
            sum += PhiTable.Phi(MathF.Abs(t));
        }

        for (int e = start; e < end; e++)
        {
            float t = q[columns[e]];
            float a = MathF.Abs(t);
            uint sign = signs ^ (t < 0 ? 1u : 0u);
            float magnitude = PhiTable.Phi(MathF.Max(sum - PhiTable.Phi(a), 0f));
            float message = sign != 0 ? -magnitude : magnitude;
            r[e] = message;
            q[columns[e]] = t + message;
        }
    }

    private bool MeetsSyndrome(ReadOnlySpan<ulong> syndrome, ulong[] decided)
    {
        Array.Clear(decided);
        var q = _posterior;
        for (int v = 0; v < _code.Bits; v++)
        {
            if (q[v] < 0)
            {
                decided[v >> 6] |= 1UL << v;
            }
        }

        int[] rowStart = _code.RowStart, columns = _code.Columns;
        for (int c = 0; c < _code.Checks; c++)
        {
            ulong parity = syndrome[c >> 6] >> c;
            for (int e = rowStart[c]; e < rowStart[c + 1]; e++)
            {
                int v = columns[e];
                parity ^= decided[v >> 6] >> v;
            }

            if ((parity & 1) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Channel LLR of a bit received as <paramref name="bit"/> over a binary symmetric channel with
    /// crossover <paramref name="qber"/>: (1 - 2 bit) ln((1 - p) / p).</summary>
    public static float ChannelLlr(int bit, double qber)
    {
        float magnitude = (float)Math.Log((1 - qber) / qber);
        return bit == 0 ? magnitude : -magnitude;
    }

    /// <summary>Words needed for the decided bits of <paramref name="code"/>.</summary>
    public static ulong[] DecisionBuffer(LdpcCode code) => new ulong[BitString.WordCount(code.Bits)];
}
