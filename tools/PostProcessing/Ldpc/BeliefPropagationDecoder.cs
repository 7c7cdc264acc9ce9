using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private readonly float[] _rowPhi;
    private readonly float[] _rowIncoming;

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
        int widest = 0;
        for (int c = 0; c < code.Checks; c++)
        {
            widest = Math.Max(widest, code.RowStart[c + 1] - code.RowStart[c]);
        }

        _rowPhi = new float[widest];
        _rowIncoming = new float[widest];
    }

    public int MaxIterations { get; }

    /// <summary>Edge updates performed so far (edges x iterations: the decoder's unit of work, whatever the load).</summary>
    public long EdgeUpdates { get; private set; }

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
        for (int iteration = 1; iteration <= MaxIterations; iteration++)
        {
            int unsatisfied = 0;
            for (int c = 0; c < _code.Checks; c++)
            {
                unsatisfied += SumProduct ? UpdateCheckSumProduct(c, syndrome) : UpdateCheckMinSum(c, syndrome);
            }

            EdgeUpdates += _code.Edges;

            // Rows updated later may have changed an earlier row's bits, so a clean sweep is confirmed in full.
            if (unsatisfied == 0 && MeetsSyndrome(syndrome, decided))
            {
                Array.Copy(q, llr, _code.Bits);
                return iteration;
            }
        }

        Array.Copy(q, llr, _code.Bits);
        return -1;
    }

    // The check updates index the posteriors by column without bounds checks: LdpcCode's constructor guarantees
    // every column is below Bits (= the posterior array's length). Each returns 1 when the row's hard decisions,
    // just after its update, miss its syndrome bit (a cheap per-sweep hint; the full check confirms).
    private int UpdateCheckMinSum(int c, ReadOnlySpan<ulong> syndrome)
    {
        int start = _code.RowStart[c], length = _code.RowStart[c + 1] - start;
        var columns = new ReadOnlySpan<int>(_code.Columns, start, length);
        var r = new Span<float>(_messages, start, length);
        var incoming = new Span<float>(_rowIncoming, 0, length);
        ref float q = ref MemoryMarshal.GetArrayDataReference(_posterior);
        uint syndromeBit = (uint)(syndrome[c >> 6] >> c) & 1, signs = syndromeBit, hard = 0;
        float min1 = float.MaxValue, min2 = float.MaxValue;
        int minAt = -1;
        for (int i = 0; i < columns.Length; i++)
        {
            float t = Unsafe.Add(ref q, columns[i]) - r[i];
            incoming[i] = t;
            signs ^= BitConverter.SingleToUInt32Bits(t) >> 31;
            float a = MathF.Abs(t);
            min2 = MathF.Min(min2, MathF.Max(min1, a));
            minAt = a < min1 ? i : minAt;
            min1 = MathF.Min(min1, a);
        }

        float m1 = Normalisation * min1, m2 = Normalisation * min2;
        for (int i = 0; i < columns.Length; i++)
        {
            hard ^= Emit(ref q, columns[i], incoming[i], i == minAt ? m2 : m1, signs, ref r[i]);
        }

        return (int)(hard ^ syndromeBit);
    }

    private int UpdateCheckSumProduct(int c, ReadOnlySpan<ulong> syndrome)
    {
        int start = _code.RowStart[c], length = _code.RowStart[c + 1] - start;
        var columns = new ReadOnlySpan<int>(_code.Columns, start, length);
        var r = new Span<float>(_messages, start, length);
        var incoming = new Span<float>(_rowIncoming, 0, length);
        var phi = new Span<float>(_rowPhi, 0, length);
        ref float q = ref MemoryMarshal.GetArrayDataReference(_posterior);
        uint syndromeBit = (uint)(syndrome[c >> 6] >> c) & 1, signs = syndromeBit, hard = 0;
        float sum = 0;
        for (int i = 0; i < columns.Length; i++)
        {
            float t = Unsafe.Add(ref q, columns[i]) - r[i];
            incoming[i] = t;
            signs ^= BitConverter.SingleToUInt32Bits(t) >> 31;
            float f = PhiTable.Phi(MathF.Abs(t));
            phi[i] = f;
            sum += f;
        }

        for (int i = 0; i < columns.Length; i++)
        {
            hard ^= Emit(ref q, columns[i], incoming[i], PhiTable.Phi(MathF.Max(sum - phi[i], 0f)), signs, ref r[i]);
        }

        return (int)(hard ^ syndromeBit);
    }

    /// <summary>Stores the check-to-bit message (the row's sign product without this edge's own sign, times
    /// <paramref name="magnitude"/>) and the bit's new posterior; returns the posterior's hard decision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Emit(ref float q, int column, float incoming, float magnitude, uint signs, ref float message)
    {
        uint sign = (signs ^ (BitConverter.SingleToUInt32Bits(incoming) >> 31)) << 31;
        message = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(magnitude) | sign);
        float posterior = incoming + message;
        Unsafe.Add(ref q, column) = posterior;
        return BitConverter.SingleToUInt32Bits(posterior) >> 31;
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
