namespace GroundStation.Simulator.Physics;

/// <summary>
/// A natural cubic spline through (t, value) knots (second derivative zero at the ends), extrapolated with the end
/// slope; two knots give a straight line, one a constant. Continuous first and second derivatives, so a range built on
/// it gives a continuous Doppler and rate of change.
/// </summary>
public sealed class NaturalCubicSpline
{
    readonly double[] _t;
    readonly double[] _v;
    readonly double[] _m;  // second derivatives at the knots

    /// <param name="t">Knot times, strictly increasing.</param>
    /// <param name="values">Values at the knots.</param>
    public NaturalCubicSpline(double[] t, double[] values)
    {
        _t = t;
        _v = values;
        _m = new double[_t.Length];
        if (_t.Length >= 3) SolveNaturalSpline();
    }

    public double FirstTime => _t[0];
    public double LastTime => _t[^1];

    public double ValueAt(double t)
    {
        int n = _t.Length;
        if (n == 1) return _v[0];
        if (t <= _t[0]) return _v[0] + (t - _t[0]) * SlopeAt(0);
        if (t >= _t[^1]) return _v[^1] + (t - _t[^1]) * SlopeAt(n - 1);
        int i = Array.BinarySearch(_t, t);
        if (i >= 0) return _v[i];
        int hi = ~i, lo = hi - 1;
        double h = _t[hi] - _t[lo];
        double a = (_t[hi] - t) / h, b = (t - _t[lo]) / h;
        return a * _v[lo] + b * _v[hi] + ((a * a * a - a) * _m[lo] + (b * b * b - b) * _m[hi]) * h * h / 6.0;
    }

    double SlopeAt(int knot)
    {
        int n = _t.Length;
        if (knot == 0)
        {
            double h = _t[1] - _t[0];
            return (_v[1] - _v[0]) / h - h * (2 * _m[0] + _m[1]) / 6.0;
        }
        double hl = _t[n - 1] - _t[n - 2];
        return (_v[n - 1] - _v[n - 2]) / hl + hl * (_m[n - 2] + 2 * _m[n - 1]) / 6.0;
    }

    void SolveNaturalSpline()
    {
        // Tridiagonal system for the interior second derivatives (Thomas algorithm); m[0] = m[n-1] = 0.
        int n = _t.Length;
        var diag = new double[n];
        var rhs = new double[n];
        var upper = new double[n];
        for (int i = 1; i < n - 1; i++)
        {
            double h0 = _t[i] - _t[i - 1], h1 = _t[i + 1] - _t[i];
            double lower = h0 / 6.0;
            diag[i] = (h0 + h1) / 3.0;
            upper[i] = h1 / 6.0;
            rhs[i] = (_v[i + 1] - _v[i]) / h1 - (_v[i] - _v[i - 1]) / h0;
            if (i > 1)
            {
                double w = lower / diag[i - 1];
                diag[i] -= w * upper[i - 1];
                rhs[i] -= w * rhs[i - 1];
            }
        }
        for (int i = n - 2; i >= 1; i--)
            _m[i] = (rhs[i] - (i < n - 2 ? upper[i] * _m[i + 1] : 0)) / diag[i];
    }
}
