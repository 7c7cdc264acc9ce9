using static GroundStation.Orbit.Propagation.Wgs72;

namespace GroundStation.Orbit.Propagation;

/// <summary>
/// SDP4, the deep-space extension of SGP4 for periods of 225 minutes and more (Hujsak 1979; Vallado et al. 2006):
/// lunar-solar secular rates and long-period periodics, and the Earth-gravity resonance of 12 h and 24 h orbits.
/// </summary>
internal sealed class DeepSpaceTerms
{
    // Sun: fixed orbit elements of date (Spacetrack Report #3), strength, eccentricity, mean motion (rad/min).
    private const double SunCosInclination = 0.91744867;
    private const double SunSinInclination = 0.39785416;
    private const double SunCosPerigee = 0.1945905;
    private const double SunSinPerigee = -0.98088458;
    private const double SunStrength = 2.9864797e-6;
    private const double SunEccentricity = 0.01675;
    private const double SunMeanMotion = 1.19459e-5;

    private const double MoonStrength = 4.7968065e-7;
    private const double MoonEccentricity = 0.05490;
    private const double MoonMeanMotion = 1.5835218e-4;

    /// <summary>Below 3 deg (or above 177 deg) the node's secular rates are left out (the "sgp4fix for 180 deg incl").</summary>
    private const double NearEquatorialInclination = 5.2359877e-2;

    private readonly ThirdBody _sun;
    private readonly ThirdBody _moon;
    private readonly Resonance? _resonance;
    private readonly double _dedt, _didt, _dmdt, _domdt, _dnodt;

    public DeepSpaceTerms(EpochElements e, NearEarthTerms near)
    {
        var sat = new SatelliteOrbitAngles(e.Eccentricity, e.EccentricitySquared, e.SqrtOneMinusESquared,
            e.SinInclination, e.CosInclination, Math.Sin(e.ArgumentOfPerigee), Math.Cos(e.ArgumentOfPerigee), e.MeanMotion);
        var sinNode = Math.Sin(e.Node);
        var cosNode = Math.Cos(e.Node);

        // The Moon's orbit at the epoch: its node regresses, its inclination to the equator follows (dscom).
        var day = e.EpochDaysSince1950 + 18261.5;
        var moonNode = (4.5236020 - 9.2422029e-4 * day) % TwoPi;
        var sinMoonNode = Math.Sin(moonNode);
        var cosMoonNode = Math.Cos(moonNode);
        var moonCosI = 0.91375164 - 0.03568096 * cosMoonNode;
        var moonSinI = Math.Sqrt(1.0 - moonCosI * moonCosI);
        var moonSinH = 0.089683511 * sinMoonNode / moonSinI;
        var moonCosH = Math.Sqrt(1.0 - moonSinH * moonSinH);
        var gamma = 5.8351514 + 0.0019443680 * day;
        var moonPerigee = gamma + Math.Atan2(0.39785416 * sinMoonNode / moonSinI,
            moonCosH * cosMoonNode + 0.91744867 * moonSinH * sinMoonNode) - moonNode;
        var moonMeanAnomaly = (4.7199672 + 0.22997150 * day - gamma) % TwoPi;
        var sunMeanAnomaly = (6.2565837 + 0.017201977 * day) % TwoPi;

        _sun = new ThirdBody(sat, SunCosPerigee, SunSinPerigee, SunCosInclination, SunSinInclination, cosNode, sinNode,
            SunStrength, SunEccentricity, SunMeanMotion, sunMeanAnomaly);
        _moon = new ThirdBody(sat, Math.Cos(moonPerigee), Math.Sin(moonPerigee), moonCosI, moonSinI,
            moonCosH * cosNode + moonSinH * sinNode, sinNode * moonCosH - cosNode * moonSinH,
            MoonStrength, MoonEccentricity, MoonMeanMotion, moonMeanAnomaly);

        // Secular rates (dsinit). Near the equator the node terms are dropped before dividing by sin i.
        var solar = _sun.SecularRates(e.EccentricitySquared);
        var lunar = _moon.SecularRates(e.EccentricitySquared);
        var nearEquatorial = e.Inclination < NearEquatorialInclination || e.Inclination > Math.PI - NearEquatorialInclination;
        var shs = nearEquatorial ? 0.0 : solar.H;
        var shl = nearEquatorial ? 0.0 : lunar.H;
        var sinI = e.SinInclination;
        var cosI = e.CosInclination;
        if (sinI != 0.0)
        {
            shs /= sinI;
        }

        _dedt = solar.E + lunar.E;
        _didt = solar.I + lunar.I;
        _dmdt = solar.M + lunar.M;
        _domdt = solar.Gh - cosI * shs + lunar.Gh;
        _dnodt = shs;
        if (sinI != 0.0)
        {
            _domdt -= cosI / sinI * shl;
            _dnodt += shl / sinI;
        }

        _resonance = Resonance.For(e, near, _dmdt, _domdt, _dnodt);
    }

    /// <summary>Kind of Earth-gravity resonance, or None.</summary>
    public ResonanceKind ResonanceKind => _resonance?.Kind ?? ResonanceKind.None;

    /// <summary>
    /// Adds the lunar-solar secular rates to the mean elements at <paramref name="t"/> minutes and, for a resonant
    /// orbit, replaces mean anomaly and mean motion by the integrated resonance solution ("dspace").
    /// </summary>
    public void ApplySecular(double t, ref MeanElements m)
    {
        m.Eccentricity += _dedt * t;
        m.Inclination += _didt * t;
        m.ArgumentOfPerigee += _domdt * t;
        m.Node += _dnodt * t;
        m.MeanAnomaly += _dmdt * t;
        _resonance?.Apply(t, ref m);
    }

    /// <summary>
    /// Adds the Sun's and the Moon's long-period periodics at <paramref name="t"/> ("dpper"). Below 0.2 rad of
    /// (perturbed) inclination the node and perigee are corrected through the Lyddane (1963) non-singular variables.
    /// </summary>
    public void ApplyPeriodics(double t, ref MeanElements m)
    {
        var p = _sun.Periodics(t) + _moon.Periodics(t);
        m.Inclination += p.I;
        m.Eccentricity += p.E;
        var sinI = Math.Sin(m.Inclination);
        var cosI = Math.Cos(m.Inclination);
        if (m.Inclination >= 0.2)
        {
            var ph = p.H / sinI;
            m.ArgumentOfPerigee += p.Gh - cosI * ph;
            m.Node += ph;
            m.MeanAnomaly += p.M;
            return;
        }

        var sinNode = Math.Sin(m.Node);
        var cosNode = Math.Cos(m.Node);
        var alpha = sinI * sinNode + (p.H * cosNode + p.I * cosI * sinNode);
        var beta = sinI * cosNode + (-p.H * sinNode + p.I * cosI * cosNode);
        var node = m.Node % TwoPi;
        var longitude = m.MeanAnomaly + m.ArgumentOfPerigee + cosI * node + (p.M + p.Gh - p.I * node * sinI);
        var newNode = Math.Atan2(alpha, beta);
        if (Math.Abs(node - newNode) > Math.PI)
        {
            newNode += newNode < node ? TwoPi : -TwoPi;
        }

        m.Node = newNode;
        m.MeanAnomaly += p.M;
        m.ArgumentOfPerigee = longitude - m.MeanAnomaly - cosI * newNode;
    }
}
