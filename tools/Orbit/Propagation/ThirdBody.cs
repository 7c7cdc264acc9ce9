namespace GroundStation.Orbit.Propagation;

/// <summary>
/// The Sun's or the Moon's long-period and secular pull on a deep-space orbit (SDP4, Hujsak 1979; "dscom", "dpper"
/// and the secular part of "dsinit" in Vallado et al. 2006). The same expressions serve both bodies, with each body's
/// orbit orientation, strength constant, eccentricity and mean motion.
/// </summary>
internal sealed class ThirdBody
{
    // Orbit-geometry coefficients of the satellite's orbit against the body's ("s" and "z" of dscom).
    private readonly double _s1, _s2, _s3, _s4, _s5;
    private readonly double _z1, _z3, _z11, _z13, _z21, _z23, _z31, _z33;

    // Long-period periodic coefficients ("se2" ... "sh3" for the Sun, "ee2" ... "xh3" for the Moon).
    private readonly double _e2, _e3, _i2, _i3, _l2, _l3, _l4, _gh2, _gh3, _gh4, _h2, _h3;
    private readonly double _eccentricity, _meanMotion, _meanAnomalyAtEpoch;

    /// <param name="sat">The satellite's mean orbit at the epoch.</param>
    /// <param name="cosG">Cosine of the body's argument of perigee (its orbit relative to the equator, via h).</param>
    /// <param name="sinG">Sine of the same.</param>
    /// <param name="cosI">Cosine of the body's orbit inclination.</param>
    /// <param name="sinI">Sine of the same.</param>
    /// <param name="cosH">Cosine of the satellite node minus the body's node.</param>
    /// <param name="sinH">Sine of the same.</param>
    /// <param name="strength">The body's constant C (c1ss = 2.9864797e-6 Sun, c1l = 4.7968065e-7 Moon).</param>
    /// <param name="eccentricity">The body's orbit eccentricity (0.01675 Sun, 0.05490 Moon).</param>
    /// <param name="meanMotion">The body's mean motion, rad/min (1.19459e-5 Sun, 1.5835218e-4 Moon).</param>
    /// <param name="meanAnomalyAtEpoch">The body's mean anomaly at the satellite's epoch (rad).</param>
    public ThirdBody(in SatelliteOrbitAngles sat, double cosG, double sinG, double cosI, double sinI, double cosH,
        double sinH, double strength, double eccentricity, double meanMotion, double meanAnomalyAtEpoch)
    {
        _eccentricity = eccentricity;
        _meanMotion = meanMotion;
        _meanAnomalyAtEpoch = meanAnomalyAtEpoch;

        var a1 = cosG * cosH + sinG * cosI * sinH;
        var a3 = -sinG * cosH + cosG * cosI * sinH;
        var a7 = -cosG * sinH + sinG * cosI * cosH;
        var a8 = sinG * sinI;
        var a9 = sinG * sinH + cosG * cosI * cosH;
        var a10 = cosG * sinI;
        var a2 = sat.CosI * a7 + sat.SinI * a8;
        var a4 = sat.CosI * a9 + sat.SinI * a10;
        var a5 = -sat.SinI * a7 + sat.CosI * a8;
        var a6 = -sat.SinI * a9 + sat.CosI * a10;

        var x1 = a1 * sat.CosW + a2 * sat.SinW;
        var x2 = a3 * sat.CosW + a4 * sat.SinW;
        var x3 = -a1 * sat.SinW + a2 * sat.CosW;
        var x4 = -a3 * sat.SinW + a4 * sat.CosW;
        var x5 = a5 * sat.SinW;
        var x6 = a6 * sat.SinW;
        var x7 = a5 * sat.CosW;
        var x8 = a6 * sat.CosW;

        var emsq = sat.EccentricitySquared;
        _z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
        var z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
        _z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
        var z1 = 3.0 * (a1 * a1 + a2 * a2) + _z31 * emsq;
        var z2 = 6.0 * (a1 * a3 + a2 * a4) + z32 * emsq;
        var z3 = 3.0 * (a3 * a3 + a4 * a4) + _z33 * emsq;
        _z11 = -6.0 * a1 * a5 + emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
        var z12 = -6.0 * (a1 * a6 + a3 * a5) + emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
        _z13 = -6.0 * a3 * a6 + emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
        _z21 = 6.0 * a2 * a5 + emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
        var z22 = 6.0 * (a4 * a5 + a2 * a6) + emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
        _z23 = 6.0 * a4 * a6 + emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
        var betasq = 1.0 - emsq;
        _z1 = z1 + z1 + betasq * _z31;
        var z2Full = z2 + z2 + betasq * z32;
        _z3 = z3 + z3 + betasq * _z33;
        _s3 = strength / sat.MeanMotion;
        _s2 = -0.5 * _s3 / sat.SqrtOneMinusESquared;
        _s4 = _s3 * sat.SqrtOneMinusESquared;
        _s1 = -15.0 * sat.Eccentricity * _s4;
        _s5 = x1 * x3 + x2 * x4;
        var s6 = x2 * x3 + x1 * x4;
        var s7 = x2 * x4 - x1 * x3;

        _e2 = 2.0 * _s1 * s6;
        _e3 = 2.0 * _s1 * s7;
        _i2 = 2.0 * _s2 * z12;
        _i3 = 2.0 * _s2 * (_z13 - _z11);
        _l2 = -2.0 * _s3 * z2Full;
        _l3 = -2.0 * _s3 * (_z3 - _z1);
        _l4 = -2.0 * _s3 * (-21.0 - 9.0 * emsq) * eccentricity;
        _gh2 = 2.0 * _s4 * z32;
        _gh3 = 2.0 * _s4 * (_z33 - _z31);
        _gh4 = -18.0 * _s4 * eccentricity;
        _h2 = -2.0 * _s2 * z22;
        _h3 = -2.0 * _s2 * (_z23 - _z21);
    }

    /// <summary>
    /// Long-period periodic corrections at <paramref name="t"/> minutes from the epoch, from the body's position in
    /// its own orbit: to eccentricity, inclination, mean anomaly, perigee (g + h) and node (h).
    /// </summary>
    public LunisolarPeriodics Periodics(double t)
    {
        var zm = _meanAnomalyAtEpoch + _meanMotion * t;
        var zf = zm + 2.0 * _eccentricity * Math.Sin(zm);
        var sinzf = Math.Sin(zf);
        var f2 = 0.5 * sinzf * sinzf - 0.25;
        var f3 = -0.5 * sinzf * Math.Cos(zf);
        return new LunisolarPeriodics(
            _e2 * f2 + _e3 * f3,
            _i2 * f2 + _i3 * f3,
            _l2 * f2 + _l3 * f3 + _l4 * sinzf,
            _gh2 * f2 + _gh3 * f3 + _gh4 * sinzf,
            _h2 * f2 + _h3 * f3);
    }

    /// <summary>Secular rates (per minute) the body adds to e, i, M, g + h and h (dh not yet divided by sin i).</summary>
    public LunisolarPeriodics SecularRates(double eccentricitySquared) => new(
        _s1 * _meanMotion * _s5,
        _s2 * _meanMotion * (_z11 + _z13),
        -_meanMotion * _s3 * (_z1 + _z3 - 14.0 - 6.0 * eccentricitySquared),
        _s4 * _meanMotion * (_z31 + _z33 - 6.0),
        -_meanMotion * _s2 * (_z21 + _z23));
}

/// <summary>The satellite's epoch orbit as the lunar-solar terms need it.</summary>
internal readonly record struct SatelliteOrbitAngles(
    double Eccentricity, double EccentricitySquared, double SqrtOneMinusESquared,
    double SinI, double CosI, double SinW, double CosW, double MeanMotion);

/// <summary>Changes to eccentricity, inclination, mean anomaly (M), perigee (g + h) and node (h).</summary>
internal readonly record struct LunisolarPeriodics(double E, double I, double M, double Gh, double H)
{
    public static LunisolarPeriodics operator +(LunisolarPeriodics a, LunisolarPeriodics b)
        => new(a.E + b.E, a.I + b.I, a.M + b.M, a.Gh + b.Gh, a.H + b.H);
}
