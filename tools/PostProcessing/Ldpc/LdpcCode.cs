using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// A sparse parity-check matrix H (m checks x n bits) in compressed rows: check c covers bits
/// Columns[RowStart[c] .. RowStart[c+1]). Alice's syndrome of a frame x is H x (mod 2).
/// </summary>
public sealed class LdpcCode
{
    public LdpcCode(int bits, int checks, int[] rowStart, int[] columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(checks);
        if (rowStart.Length != checks + 1 || rowStart[0] != 0 || rowStart[^1] != columns.Length)
        {
            throw new ArgumentException("Row starts do not describe the edge array.", nameof(rowStart));
        }

        foreach (int v in columns)
        {
            if ((uint)v >= (uint)bits)
            {
                throw new ArgumentException($"Column {v} is outside {bits} bits.", nameof(columns));
            }
        }

        Bits = bits;
        Checks = checks;
        RowStart = rowStart;
        Columns = columns;
    }

    /// <summary>n: bits per codeword (frame).</summary>
    public int Bits { get; }

    /// <summary>m: checks, i.e. syndrome bits.</summary>
    public int Checks { get; }

    public int[] RowStart { get; }

    public int[] Columns { get; }

    public int Edges => Columns.Length;

    /// <summary>H x for a frame of <see cref="Bits"/> bits (packed).</summary>
    public ulong[] Syndrome(ReadOnlySpan<ulong> frame)
    {
        if (frame.Length < BitString.WordCount(Bits))
        {
            throw new ArgumentException($"The frame holds fewer than {Bits} bits.", nameof(frame));
        }

        var syndrome = new ulong[BitString.WordCount(Checks)];
        for (int c = 0; c < Checks; c++)
        {
            ulong parity = 0;
            for (int e = RowStart[c]; e < RowStart[c + 1]; e++)
            {
                int v = Columns[e];
                parity ^= frame[v >> 6] >> v;
            }

            syndrome[c >> 6] |= (parity & 1) << c;
        }

        return syndrome;
    }
}
