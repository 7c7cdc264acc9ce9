namespace GroundStation.Simulator.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna): a small, fast generator whose output is fixed by its seed on every runtime,
/// unlike System.Random. Each physical process draws from its own stream so that changing one parameter
/// (say the dark-count rate) does not reshuffle the others.
/// </summary>
public sealed class Xoshiro256
{
    ulong _s0, _s1, _s2, _s3;
    double _spareGaussian;
    bool _hasSpare;

    public Xoshiro256(ulong seed, ulong stream)
    {
        ulong x = SlotHash.Mix(seed ^ SlotHash.Mix(stream + 0x9E3779B97F4A7C15UL));
        _s0 = SlotHash.Mix(x += 0x9E3779B97F4A7C15UL);
        _s1 = SlotHash.Mix(x += 0x9E3779B97F4A7C15UL);
        _s2 = SlotHash.Mix(x += 0x9E3779B97F4A7C15UL);
        _s3 = SlotHash.Mix(x + 0x9E3779B97F4A7C15UL);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1]: safe for a logarithm.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Marsaglia polar method).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Exponential with the given mean.</summary>
    public double NextExponential(double mean) => -mean * Math.Log(NextOpenDouble());

    /// <summary>Number of failures before the first success of a Bernoulli(p) trial sequence (p in (0, 1]).</summary>
    public long NextGeometricFailures(double p)
    {
        if (p >= 1) return 0;
        double g = Math.Floor(Math.Log(NextOpenDouble()) / double.LogP1(-p));
        return g >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)g;
    }

    static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
