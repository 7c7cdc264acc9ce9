namespace GroundStation.PostProcessing.Bits;

/// <summary>
/// The deterministic generator both sides run from an agreed seed (permutations, code construction, subsets):
/// xoshiro256** (Blackman and Vigna) seeded through SplitMix64. Its output is part of the peer protocol, so it is
/// fixed here bit for bit and never replaced by System.Random (whose sequence may change between runtimes).
/// Not a cryptographic generator: the values it derives are public.
/// </summary>
public sealed class SharedRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <param name="seed">The agreed seed.</param>
    /// <param name="stream">Which use of the seed (pass number, code id...), so uses never share a sequence.</param>
    public SharedRandom(ulong seed, ulong stream = 0)
    {
        ulong x = seed ^ Mix(stream + 0x9E3779B97F4A7C15UL);
        _s0 = Mix(x += 0x9E3779B97F4A7C15UL);
        _s1 = Mix(x += 0x9E3779B97F4A7C15UL);
        _s2 = Mix(x += 0x9E3779B97F4A7C15UL);
        _s3 = Mix(x + 0x9E3779B97F4A7C15UL);
    }

    /// <summary>SplitMix64's finaliser: a bijective 64-bit mix.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, bound) without modulo bias (Lemire's multiply-shift with rejection).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        ulong threshold = (ulong)(-(long)bound) % (ulong)bound;
        while (true)
        {
            ulong product = Math.BigMul(NextUInt64(), (ulong)bound, out ulong low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher-Yates).</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }

        return p;
    }
}
