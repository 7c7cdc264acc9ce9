using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// Builds the same parity-check matrix from (n, m, seed) on both sides. Staircase columns first fix two edges per
/// check; each information column then takes its checks one by one at random among the least-filled checks, skipping
/// any that would close a 4-cycle with the column's checks already taken (a depth-2 progressive edge growth,
/// after Hu, Eleftheriou and Arnold 2005, at a fraction of PEG's cost). Deterministic: only <see cref="SharedRandom"/>.
/// </summary>
public static class LdpcCodeBuilder
{
    public static LdpcCode Build(int bits, int checks, ulong seed, LdpcDegreeProfile? profile = null)
    {
        profile ??= LdpcDegreeProfile.Default;
        if (checks < 3 || checks >= bits)
        {
            throw new ArgumentException($"An LDPC code of {bits} bits has 3 to {bits - 1} checks, not {checks}.");
        }

        var rng = new SharedRandom(seed, ((ulong)(uint)bits << 32) | (uint)checks);
        int info = bits - checks;
        var degree = new int[info];
        int highCount = (int)Math.Round(info * profile.HighDegreeFraction);
        for (int i = 0; i < info; i++)
        {
            degree[i] = i < highCount ? profile.HighDegree : 3;
        }

        var checkBits = new List<int>[checks];
        for (int c = 0; c < checks; c++)
        {
            checkBits[c] = new List<int>(24);
        }

        // Staircase: column info + i joins checks i and (i + 1) mod m.
        for (int i = 0; i < checks; i++)
        {
            checkBits[i].Add(info + i);
            checkBits[(i + 1) % checks].Add(info + i);
        }

        PlaceInformationColumns(checkBits, degree, rng);
        return Compress(bits, checkBits);
    }

    private static void PlaceInformationColumns(List<int>[] checkBits, int[] degree, SharedRandom rng)
    {
        int checks = checkBits.Length;
        long infoEdges = 0;
        foreach (int d in degree)
        {
            infoEdges += d;
        }

        // Open checks: those below the current fill level; refilled level by level so degrees stay concentrated.
        var fill = new int[checks];
        var open = new List<int>(checks);
        int level = 0;
        var columnChecks = new List<int>[degree.Length];
        var near = new int[checks];
        int stamp = 0;

        // Columns in random order, so high-degree columns are spread over the fill levels.
        var order = rng.Permutation(degree.Length);
        foreach (int column in order)
        {
            stamp++;
            var taken = columnChecks[column] = new List<int>(degree[column]);
            for (int k = 0; k < degree[column]; k++)
            {
                int chosen = -1;
                for (int attempt = 0; attempt < 24 && chosen < 0; attempt++)
                {
                    if (open.Count == 0)
                    {
                        level++;
                        for (int c = 0; c < checks; c++)
                        {
                            if (fill[c] < level)
                            {
                                open.Add(c);
                            }
                        }
                    }

                    int slot = rng.NextInt(open.Count);
                    int candidate = open[slot];
                    bool cycle = near[candidate] == stamp;
                    if (!cycle || attempt == 23)
                    {
                        if (taken.Contains(candidate))
                        {
                            continue;
                        }

                        chosen = candidate;
                        open[slot] = open[^1];
                        open.RemoveAt(open.Count - 1);
                    }
                }

                if (chosen < 0)
                {
                    continue;
                }

                taken.Add(chosen);
                fill[chosen]++;
                // Every check sharing a bit with the chosen check would now close a 4-cycle through this column.
                foreach (int v in checkBits[chosen])
                {
                    if (v < degree.Length)
                    {
                        foreach (int c in columnChecks[v]!)
                        {
                            near[c] = stamp;
                        }
                    }
                    else
                    {
                        int i = v - degree.Length;
                        near[i] = stamp;
                        near[(i + 1) % checks] = stamp;
                    }
                }

                checkBits[chosen].Add(column);
            }
        }
    }

    private static LdpcCode Compress(int bits, List<int>[] checkBits)
    {
        var rowStart = new int[checkBits.Length + 1];
        for (int c = 0; c < checkBits.Length; c++)
        {
            rowStart[c + 1] = rowStart[c] + checkBits[c].Count;
        }

        var columns = new int[rowStart[^1]];
        for (int c = 0; c < checkBits.Length; c++)
        {
            checkBits[c].Sort();
            checkBits[c].CopyTo(columns, rowStart[c]);
        }

        return new LdpcCode(bits, checkBits.Length, rowStart, columns);
    }
}
