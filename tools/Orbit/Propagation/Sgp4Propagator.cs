using GroundStation.Orbit.Elements;
using GroundStation.Orbit.Frames;
using static GroundStation.Orbit.Propagation.Wgs72;

namespace GroundStation.Orbit.Propagation;

/// <summary>
/// SGP4/SDP4 as defined by Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3" (AIAA 2006-6753),
/// in its "improved" operation mode with WGS-72 constants: the combination its published verification output
/// (tcppver.out) was produced with. Orbits with a period of 225 min or more take the deep-space (SDP4) branch.
/// Immutable and thread-safe; see README.md for the equations' provenance and the verification.
/// </summary>
public sealed class Sgp4Propagator
{
    /// <summary>Kepler's equation (in Lyddane's variables) is solved to this many radians, at most 10 iterations.</summary>
    private const double KeplerTolerance = 1.0e-12;

    /// <summary>Guard for 1 + cos i at 180 deg inclination (the "sgp4fix for divide by zero").</summary>
    private const double RetrogradeGuard = 1.5e-12;

    private readonly EpochElements _epoch;
    private readonly NearEarthTerms _near;
    private readonly DeepSpaceTerms? _deep;
    private readonly double _aycof;
    private readonly double _xlcof;

    public Sgp4Propagator(TwoLineElements elements)
    {
        Elements = elements;
        _epoch = new EpochElements(elements);
        var deepSpace = _epoch.PeriodMinutes >= 225.0;
        _near = new NearEarthTerms(_epoch, deepSpace);
        _deep = deepSpace ? new DeepSpaceTerms(_epoch, _near) : null;
        (_aycof, _xlcof) = LongPeriodCoefficients(_epoch.SinInclination, _epoch.CosInclination);
    }

    public TwoLineElements Elements { get; }

    /// <summary>True for the deep-space branch (SDP4: period of 225 minutes or more).</summary>
    public bool IsDeepSpace => _deep is not null;

    public ResonanceKind Resonance => _deep?.ResonanceKind ?? ResonanceKind.None;

    /// <summary>Anomalistic period from the Brouwer mean motion (minutes).</summary>
    public double PeriodMinutes => _epoch.PeriodMinutes;

    /// <summary>Mean semi-major axis (km) from the Brouwer mean motion.</summary>
    public double SemiMajorAxisKm => _epoch.SemiMajorAxis * EarthRadiusKm;

    /// <summary>Minutes from the element set's epoch to <paramref name="utc"/> (exact to the DateTime tick).</summary>
    public double MinutesSinceEpoch(DateTime utc) => (double)(utc.Ticks - Elements.EpochUtc.Ticks) / TimeSpan.TicksPerMinute;

    /// <summary>State at <paramref name="utc"/>; throws <see cref="Sgp4Exception"/> when the theory has none.</summary>
    public TemeState At(DateTime utc) => Propagate(MinutesSinceEpoch(utc));

    /// <summary>State <paramref name="minutesSinceEpoch"/> minutes from the epoch; throws <see cref="Sgp4Exception"/>.</summary>
    public TemeState Propagate(double minutesSinceEpoch)
    {
        var error = TryPropagate(minutesSinceEpoch, out var state);
        return error == Sgp4Error.None ? state : throw new Sgp4Exception(error, minutesSinceEpoch);
    }

    /// <summary>
    /// State in TEME (km, km/s) at <paramref name="t"/> minutes from the epoch, or the reason there is none. A decayed
    /// satellite (<see cref="Sgp4Error.Decayed"/>) still gets the computed state, as the reference code does.
    /// </summary>
    public Sgp4Error TryPropagate(double t, out TemeState state)
    {
        state = default;
        var m = _near.At(t, out var tempa, out var tempe, out var templ);
        _deep?.ApplySecular(t, ref m);
        if (m.MeanMotion <= 0.0)
        {
            return Sgp4Error.MeanMotionNotPositive;
        }

        var am = Math.Pow(Xke / m.MeanMotion, TwoThirds) * tempa * tempa;
        var nm = Xke / Math.Pow(am, 1.5);
        var em = m.Eccentricity - tempe;
        if (em >= 1.0 || em < -0.001)
        {
            return Sgp4Error.MeanEccentricityOutOfRange;
        }

        em = Math.Max(em, 1.0e-6);
        var mm = m.MeanAnomaly + _epoch.MeanMotion * templ;
        var xlm = mm + m.ArgumentOfPerigee + m.Node;
        var p = new MeanElements
        {
            Eccentricity = em,
            Inclination = m.Inclination,
            Node = m.Node % TwoPi,
            ArgumentOfPerigee = m.ArgumentOfPerigee % TwoPi,
            MeanMotion = nm,
        };
        p.MeanAnomaly = (xlm % TwoPi - p.ArgumentOfPerigee - p.Node) % TwoPi;

        var aycof = _aycof;
        var xlcof = _xlcof;
        if (_deep is not null)
        {
            _deep.ApplyPeriodics(t, ref p);
            if (p.Inclination < 0.0)
            {
                p.Inclination = -p.Inclination;
                p.Node += Math.PI;
                p.ArgumentOfPerigee -= Math.PI;
            }

            if (p.Eccentricity < 0.0 || p.Eccentricity > 1.0)
            {
                return Sgp4Error.PerturbedEccentricityOutOfRange;
            }

            (aycof, xlcof) = LongPeriodCoefficients(Math.Sin(p.Inclination), Math.Cos(p.Inclination));
        }

        return ShortPeriodState(p, am, aycof, xlcof, out state);
    }

    /// <summary>Long-period J3 coefficients of the Lyddane variables (a_yNL and the L term).</summary>
    private static (double Aycof, double Xlcof) LongPeriodCoefficients(double sinI, double cosI)
    {
        var onePlusCos = Math.Abs(cosI + 1.0) > RetrogradeGuard ? 1.0 + cosI : RetrogradeGuard;
        return (-0.5 * J3OverJ2 * sinI, -0.25 * J3OverJ2 * sinI * (3.0 + 5.0 * cosI) / onePlusCos);
    }

    /// <summary>Long-period periodics, Kepler's equation, short-period periodics and the unit vectors (SGP4 end part).</summary>
    private Sgp4Error ShortPeriodState(in MeanElements p, double am, double aycof, double xlcof, out TemeState state)
    {
        state = default;
        var sinip = Math.Sin(p.Inclination);
        var cosip = Math.Cos(p.Inclination);
        var axnl = p.Eccentricity * Math.Cos(p.ArgumentOfPerigee);
        var temp = 1.0 / (am * (1.0 - p.Eccentricity * p.Eccentricity));
        var aynl = p.Eccentricity * Math.Sin(p.ArgumentOfPerigee) + temp * aycof;
        var xl = p.MeanAnomaly + p.ArgumentOfPerigee + p.Node + temp * xlcof * axnl;

        // Kepler's equation for E + omega; each step limited to 0.95 rad. The sine and cosine kept are those of the
        // last iterate before its final correction, as in the reference code (the difference is below 1e-12 rad).
        var u = (xl - p.Node) % TwoPi;
        var eo1 = u;
        var sineo1 = 0.0;
        var coseo1 = 0.0;
        var correction = 9999.9;
        for (var iteration = 1; Math.Abs(correction) >= KeplerTolerance && iteration <= 10; iteration++)
        {
            sineo1 = Math.Sin(eo1);
            coseo1 = Math.Cos(eo1);
            correction = (u - aynl * coseo1 + axnl * sineo1 - eo1) / (1.0 - coseo1 * axnl - sineo1 * aynl);
            correction = Math.Clamp(correction, -0.95, 0.95);
            eo1 += correction;
        }

        var ecose = axnl * coseo1 + aynl * sineo1;
        var esine = axnl * sineo1 - aynl * coseo1;
        var el2 = axnl * axnl + aynl * aynl;
        var pl = am * (1.0 - el2);
        if (pl < 0.0)
        {
            return Sgp4Error.SemiLatusRectumNegative;
        }

        var rl = am * (1.0 - ecose);
        var rdotl = Math.Sqrt(am) * esine / rl;
        var rvdotl = Math.Sqrt(pl) / rl;
        var betal = Math.Sqrt(1.0 - el2);
        temp = esine / (1.0 + betal);
        var sinu = am / rl * (sineo1 - aynl - axnl * temp);
        var cosu = am / rl * (coseo1 - axnl + aynl * temp);
        var su = Math.Atan2(sinu, cosu);
        var sin2u = (cosu + cosu) * sinu;
        var cos2u = 1.0 - 2.0 * sinu * sinu;
        temp = 1.0 / pl;
        var temp1 = 0.5 * J2 * temp;
        var temp2 = temp1 * temp;

        // Deep space re-evaluates the inclination functions with the perturbed inclination.
        var cosisq = _deep is null ? _epoch.CosInclinationSquared : cosip * cosip;
        var con41 = _deep is null ? _epoch.Con41 : 3.0 * cosisq - 1.0;
        var x1mth2 = _deep is null ? _near.X1mth2 : 1.0 - cosisq;
        var x7thm1 = 7.0 * cosisq - 1.0;

        var mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
        su -= 0.25 * temp2 * x7thm1 * sin2u;
        var xnode = p.Node + 1.5 * temp2 * cosip * sin2u;
        var xinc = p.Inclination + 1.5 * temp2 * cosip * sinip * cos2u;
        var mvt = rdotl - p.MeanMotion * temp1 * x1mth2 * sin2u / Xke;
        var rvdot = rvdotl + p.MeanMotion * temp1 * (x1mth2 * cos2u + 1.5 * con41) / Xke;

        var sinsu = Math.Sin(su);
        var cossu = Math.Cos(su);
        var snod = Math.Sin(xnode);
        var cnod = Math.Cos(xnode);
        var sini = Math.Sin(xinc);
        var cosi = Math.Cos(xinc);
        var xmx = -snod * cosi;
        var xmy = cnod * cosi;
        var unitU = new Vector3D(xmx * sinsu + cnod * cossu, xmy * sinsu + snod * cossu, sini * sinsu);
        var unitV = new Vector3D(xmx * cossu - cnod * sinsu, xmy * cossu - snod * sinsu, sini * cossu);
        state = new TemeState(unitU * (mrt * EarthRadiusKm), (unitU * mvt + unitV * rvdot) * KmPerSecondPerUnit);
        return mrt < 1.0 ? Sgp4Error.Decayed : Sgp4Error.None;
    }
}
