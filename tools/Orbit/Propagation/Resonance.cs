using static GroundStation.Orbit.Propagation.Wgs72;

namespace GroundStation.Orbit.Propagation;

/// <summary>Earth-gravity resonance of a deep-space orbit.</summary>
public enum ResonanceKind
{
    None = 0,

    /// <summary>One revolution per sidereal day (geosynchronous; period 1200-1800 min).</summary>
    Synchronous = 1,

    /// <summary>Two revolutions per day with e >= 0.5 (Molniya-type; mean motion 8.26e-3 .. 9.24e-3 rad/min).</summary>
    HalfDay = 2,
}

/// <summary>
/// Resonance of 24 h and 12 h orbits with the tesseral harmonics of the Earth's field (Hujsak 1979, "dsinit" and
/// "dspace" in Vallado et al. 2006): the mean longitude and mean motion are integrated from the epoch with 720-minute
/// Euler-Maclaurin steps. The integration restarts at the epoch on every call, which gives the same numbers as
/// continuing a cached one (the steps are the same) and keeps the propagator free of state.
/// </summary>
internal sealed class Resonance
{
    private const double EarthRotationRadPerMinute = 4.37526908801129966e-3;
    private const double Step = 720.0;
    private const double StepSquaredHalf = 259200.0;

    // Synchronous: the three J22, J31, J33 terms (Q22, Q31, Q33 and their phases fasx2/4/6).
    private const double Q22 = 1.7891679e-6, Q31 = 2.1460748e-6, Q33 = 2.2123015e-7;
    private const double Fasx2 = 0.13130908, Fasx4 = 2.8843198, Fasx6 = 0.37448087;

    // Half-day: root constants and phases of the ten (l, m, p, q) terms.
    private const double Root22 = 1.7891679e-6, Root32 = 3.7393792e-7, Root44 = 7.3636953e-9;
    private const double Root52 = 1.1428639e-7, Root54 = 2.1765803e-9;
    private const double G22 = 5.7686396, G32 = 0.95240898, G44 = 1.8014998, G52 = 1.0508330, G54 = 4.4108898;

    private readonly double _del1, _del2, _del3;
    private readonly double _d2201, _d2211, _d3210, _d3222, _d4410, _d4422, _d5220, _d5232, _d5421, _d5433;
    private readonly double _xlamo, _xfact, _gsto, _meanMotion, _argpo, _argpdot;

    private Resonance(ResonanceKind kind, EpochElements e, NearEarthTerms near, double dmdt, double domdt, double dnodt)
    {
        Kind = kind;
        _gsto = e.GreenwichSiderealAtEpoch;
        _meanMotion = e.MeanMotion;
        _argpo = e.ArgumentOfPerigee;
        _argpdot = near.PerigeeRate;
        var nm = e.MeanMotion;
        var em = e.Eccentricity;
        var emsq = e.EccentricitySquared;
        var cosi = e.CosInclination;
        var sini = e.SinInclination;
        var aonv = Math.Pow(nm / Xke, TwoThirds);
        var theta = _gsto % TwoPi;

        if (kind == ResonanceKind.HalfDay)
        {
            var cosisq = cosi * cosi;
            var eoc = em * emsq;
            var g201 = -0.306 - (em - 0.64) * 0.440;
            double g211, g310, g322, g410, g422, g520, g521, g532, g533;
            if (em <= 0.65)
            {
                g211 = 3.616 - 13.2470 * em + 16.2900 * emsq;
                g310 = -19.302 + 117.3900 * em - 228.4190 * emsq + 156.5910 * eoc;
                g322 = -18.9068 + 109.7927 * em - 214.6334 * emsq + 146.5816 * eoc;
                g410 = -41.122 + 242.6940 * em - 471.0940 * emsq + 313.9530 * eoc;
                g422 = -146.407 + 841.8800 * em - 1629.014 * emsq + 1083.4350 * eoc;
                g520 = -532.114 + 3017.977 * em - 5740.032 * emsq + 3708.2760 * eoc;
            }
            else
            {
                g211 = -72.099 + 331.819 * em - 508.738 * emsq + 266.724 * eoc;
                g310 = -346.844 + 1582.851 * em - 2415.925 * emsq + 1246.113 * eoc;
                g322 = -342.585 + 1554.908 * em - 2366.899 * emsq + 1215.972 * eoc;
                g410 = -1052.797 + 4758.686 * em - 7193.992 * emsq + 3651.957 * eoc;
                g422 = -3581.690 + 16178.110 * em - 24462.770 * emsq + 12422.520 * eoc;
                g520 = em > 0.715
                    ? -5149.66 + 29936.92 * em - 54087.36 * emsq + 31324.56 * eoc
                    : 1464.74 - 4664.75 * em + 3763.64 * emsq;
            }

            if (em < 0.7)
            {
                g533 = -919.22770 + 4988.6100 * em - 9064.7700 * emsq + 5542.21 * eoc;
                g521 = -822.71072 + 4568.6173 * em - 8491.4146 * emsq + 5337.524 * eoc;
                g532 = -853.66600 + 4690.2500 * em - 8624.7700 * emsq + 5341.4 * eoc;
            }
            else
            {
                g533 = -37995.780 + 161616.52 * em - 229838.20 * emsq + 109377.94 * eoc;
                g521 = -51752.104 + 218913.95 * em - 309468.16 * emsq + 146349.42 * eoc;
                g532 = -40023.880 + 170470.89 * em - 242699.48 * emsq + 115605.82 * eoc;
            }

            var sini2 = sini * sini;
            var f220 = 0.75 * (1.0 + 2.0 * cosi + cosisq);
            var f221 = 1.5 * sini2;
            var f321 = 1.875 * sini * (1.0 - 2.0 * cosi - 3.0 * cosisq);
            var f322 = -1.875 * sini * (1.0 + 2.0 * cosi - 3.0 * cosisq);
            var f441 = 35.0 * sini2 * f220;
            var f442 = 39.3750 * sini2 * sini2;
            var f522 = 9.84375 * sini * (sini2 * (1.0 - 2.0 * cosi - 5.0 * cosisq)
                                         + 0.33333333 * (-2.0 + 4.0 * cosi + 6.0 * cosisq));
            var f523 = sini * (4.92187512 * sini2 * (-2.0 - 4.0 * cosi + 10.0 * cosisq)
                               + 6.56250012 * (1.0 + 2.0 * cosi - 3.0 * cosisq));
            var f542 = 29.53125 * sini * (2.0 - 8.0 * cosi + cosisq * (-12.0 + 8.0 * cosi + 10.0 * cosisq));
            var f543 = 29.53125 * sini * (-2.0 - 8.0 * cosi + cosisq * (12.0 + 8.0 * cosi - 10.0 * cosisq));

            var xno2 = nm * nm;
            var ainv2 = aonv * aonv;
            var temp1 = 3.0 * xno2 * ainv2;
            var temp = temp1 * Root22;
            _d2201 = temp * f220 * g201;
            _d2211 = temp * f221 * g211;
            temp1 *= aonv;
            temp = temp1 * Root32;
            _d3210 = temp * f321 * g310;
            _d3222 = temp * f322 * g322;
            temp1 *= aonv;
            temp = 2.0 * temp1 * Root44;
            _d4410 = temp * f441 * g410;
            _d4422 = temp * f442 * g422;
            temp1 *= aonv;
            temp = temp1 * Root52;
            _d5220 = temp * f522 * g520;
            _d5232 = temp * f523 * g532;
            temp = 2.0 * temp1 * Root54;
            _d5421 = temp * f542 * g521;
            _d5433 = temp * f543 * g533;
            _xlamo = (e.MeanAnomaly + e.Node + e.Node - theta - theta) % TwoPi;
            _xfact = near.MeanAnomalyRate + dmdt + 2.0 * (near.NodeRate + dnodt - EarthRotationRadPerMinute) - e.MeanMotion;
        }
        else
        {
            var g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
            var g310 = 1.0 + 2.0 * emsq;
            var g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
            var f220 = 0.75 * (1.0 + cosi) * (1.0 + cosi);
            var f311 = 0.9375 * sini * sini * (1.0 + 3.0 * cosi) - 0.75 * (1.0 + cosi);
            var f330 = 1.0 + cosi;
            f330 = 1.875 * f330 * f330 * f330;
            var del1 = 3.0 * nm * nm * aonv * aonv;
            _del2 = 2.0 * del1 * f220 * g200 * Q22;
            _del3 = 3.0 * del1 * f330 * g300 * Q33 * aonv;
            _del1 = del1 * f311 * g310 * Q31 * aonv;
            _xlamo = (e.MeanAnomaly + e.Node + e.ArgumentOfPerigee - theta) % TwoPi;
            var xpidot = near.PerigeeRate + near.NodeRate;
            _xfact = near.MeanAnomalyRate + xpidot - EarthRotationRadPerMinute + dmdt + domdt + dnodt - e.MeanMotion;
        }
    }

    public ResonanceKind Kind { get; }

    /// <summary>The resonance an orbit is in (by Brouwer mean motion and eccentricity at the epoch), or null.</summary>
    public static Resonance? For(EpochElements e, NearEarthTerms near, double dmdt, double domdt, double dnodt)
    {
        var nm = e.MeanMotion;
        var kind = nm < 0.0052359877 && nm > 0.0034906585 ? ResonanceKind.Synchronous
            : nm >= 8.26e-3 && nm <= 9.24e-3 && e.Eccentricity >= 0.5 ? ResonanceKind.HalfDay
            : ResonanceKind.None;
        return kind == ResonanceKind.None ? null : new Resonance(kind, e, near, dmdt, domdt, dnodt);
    }

    /// <summary>Integrates to <paramref name="t"/> minutes and sets the mean anomaly and mean motion.</summary>
    public void Apply(double t, ref MeanElements m)
    {
        var theta = (_gsto + t * EarthRotationRadPerMinute) % TwoPi;
        var atime = 0.0;
        var xni = _meanMotion;
        var xli = _xlamo;
        var delt = t > 0.0 ? Step : -Step;
        double xndt, xldot, xnddt;
        while (true)
        {
            Derivatives(atime, xli, xni, out xndt, out xldot, out xnddt);
            if (Math.Abs(t - atime) < Step)
            {
                break;
            }

            xli += xldot * delt + xndt * StepSquaredHalf;
            xni += xndt * delt + xnddt * StepSquaredHalf;
            atime += delt;
        }

        var ft = t - atime;
        var nm = xni + xndt * ft + xnddt * ft * ft * 0.5;
        var xl = xli + xldot * ft + xndt * ft * ft * 0.5;
        m.MeanAnomaly = Kind == ResonanceKind.Synchronous
            ? xl - m.Node - m.ArgumentOfPerigee + theta
            : xl - 2.0 * m.Node + 2.0 * theta;
        m.MeanMotion = _meanMotion + (nm - _meanMotion);
    }

    /// <summary>d(mean motion)/dt, d(longitude)/dt and d2(mean motion)/dt2 at one integration point.</summary>
    private void Derivatives(double atime, double xli, double xni, out double xndt, out double xldot, out double xnddt)
    {
        xldot = xni + _xfact;
        if (Kind == ResonanceKind.Synchronous)
        {
            xndt = _del1 * Math.Sin(xli - Fasx2) + _del2 * Math.Sin(2.0 * (xli - Fasx4)) + _del3 * Math.Sin(3.0 * (xli - Fasx6));
            xnddt = (_del1 * Math.Cos(xli - Fasx2) + 2.0 * _del2 * Math.Cos(2.0 * (xli - Fasx4))
                     + 3.0 * _del3 * Math.Cos(3.0 * (xli - Fasx6))) * xldot;
            return;
        }

        var xomi = _argpo + _argpdot * atime;
        var x2omi = xomi + xomi;
        var x2li = xli + xli;
        xndt = _d2201 * Math.Sin(x2omi + xli - G22) + _d2211 * Math.Sin(xli - G22)
               + _d3210 * Math.Sin(xomi + xli - G32) + _d3222 * Math.Sin(-xomi + xli - G32)
               + _d4410 * Math.Sin(x2omi + x2li - G44) + _d4422 * Math.Sin(x2li - G44)
               + _d5220 * Math.Sin(xomi + xli - G52) + _d5232 * Math.Sin(-xomi + xli - G52)
               + _d5421 * Math.Sin(xomi + x2li - G54) + _d5433 * Math.Sin(-xomi + x2li - G54);
        xnddt = (_d2201 * Math.Cos(x2omi + xli - G22) + _d2211 * Math.Cos(xli - G22)
                 + _d3210 * Math.Cos(xomi + xli - G32) + _d3222 * Math.Cos(-xomi + xli - G32)
                 + _d5220 * Math.Cos(xomi + xli - G52) + _d5232 * Math.Cos(-xomi + xli - G52)
                 + 2.0 * (_d4410 * Math.Cos(x2omi + x2li - G44) + _d4422 * Math.Cos(x2li - G44)
                          + _d5421 * Math.Cos(xomi + x2li - G54) + _d5433 * Math.Cos(-xomi + x2li - G54))) * xldot;
    }
}
