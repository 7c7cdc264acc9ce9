namespace GroundStation.Simulator.Physics;

/// <summary>Piecewise-linear interpolation of [[t, value], ...]; constant beyond the ends.</summary>
public sealed class LinearProfile : ILossModel
{
    readonly double[] _t;
    readonly double[] _v;

    public LinearProfile(double[][] points)
    {
        _t = points.Select(p => p[0]).ToArray();
        _v = points.Select(p => p[1]).ToArray();
    }

    public double FirstTime => _t[0];
    public double LastTime => _t[^1];

    public double ValueAt(double t)
    {
        if (t <= _t[0]) return _v[0];
        if (t >= _t[^1]) return _v[^1];
        int i = Array.BinarySearch(_t, t);
        if (i >= 0) return _v[i];
        int hi = ~i, lo = hi - 1;
        double f = (t - _t[lo]) / (_t[hi] - _t[lo]);
        return _v[lo] + f * (_v[hi] - _v[lo]);
    }

    public double LossDb(double passSeconds) => ValueAt(passSeconds);
}
