using GroundStation.Orbit.Elements;
using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Time;
using static GroundStation.Orbit.Propagation.Wgs72;

namespace GroundStation.Orbit.Propagation;

/// <summary>
/// The element set in the theory's units (radians, Earth radii, minutes) with the quantities every later step
/// needs, and the Kozai mean motion of the TLE recovered to Brouwer's (SGP4 "initl"; Hoots and Roehrich, Spacetrack
/// Report #3, 1980, eqs. for a1, delta1, a0, delta0; Vallado et al. 2006).
/// </summary>
internal sealed class EpochElements
{
    private const double RadiansPerDegree = Math.PI / 180.0;

    public EpochElements(TwoLineElements tle)
    {
        Eccentricity = tle.Eccentricity;
        Inclination = tle.InclinationDeg * RadiansPerDegree;
        Node = tle.RightAscensionDeg * RadiansPerDegree;
        ArgumentOfPerigee = tle.ArgumentOfPerigeeDeg * RadiansPerDegree;
        MeanAnomaly = tle.MeanAnomalyDeg * RadiansPerDegree;
        BStar = tle.BStarPerEarthRadius;
        EpochDaysSince1950 = tle.EpochDaysSince1950;
        var kozaiMeanMotion = tle.MeanMotionRevPerDay * TwoPi / MinutesPerDay;

        EccentricitySquared = Eccentricity * Eccentricity;
        OneMinusESquared = 1.0 - EccentricitySquared;
        SqrtOneMinusESquared = Math.Sqrt(OneMinusESquared);
        CosInclination = Math.Cos(Inclination);
        SinInclination = Math.Sin(Inclination);
        CosInclinationSquared = CosInclination * CosInclination;

        // Kozai to Brouwer mean motion.
        var a1 = Math.Pow(Xke / kozaiMeanMotion, TwoThirds);
        var d1 = 0.75 * J2 * (3.0 * CosInclinationSquared - 1.0) / (SqrtOneMinusESquared * OneMinusESquared);
        var delta = d1 / (a1 * a1);
        var a0 = a1 * (1.0 - delta * delta - delta * (1.0 / 3.0 + 134.0 * delta * delta / 81.0));
        delta = d1 / (a0 * a0);
        MeanMotion = kozaiMeanMotion / (1.0 + delta);

        SemiMajorAxis = Math.Pow(Xke / MeanMotion, TwoThirds);
        var semiLatusRectum = SemiMajorAxis * OneMinusESquared;
        SemiLatusRectumSquared = semiLatusRectum * semiLatusRectum;
        Con42 = 1.0 - 5.0 * CosInclinationSquared;
        Con41 = -Con42 - 2.0 * CosInclinationSquared;
        PerigeeRadius = SemiMajorAxis * (1.0 - Eccentricity);

        // Greenwich mean sidereal time at the epoch ("improved" mode: the IAU-82 expression).
        GreenwichSiderealAtEpoch = SiderealTime.GreenwichMeanRadians(EpochDaysSince1950 + JulianDate.Sgp4Epoch1950 - JulianDate.J2000);
    }

    public double Eccentricity { get; }
    public double Inclination { get; }
    public double Node { get; }
    public double ArgumentOfPerigee { get; }
    public double MeanAnomaly { get; }
    public double BStar { get; }
    public double EpochDaysSince1950 { get; }

    /// <summary>Brouwer mean motion (rad/min), "no" after initl.</summary>
    public double MeanMotion { get; }

    /// <summary>Semi-major axis (Earth radii) from the Brouwer mean motion.</summary>
    public double SemiMajorAxis { get; }

    public double EccentricitySquared { get; }
    public double OneMinusESquared { get; }
    public double SqrtOneMinusESquared { get; }
    public double CosInclination { get; }
    public double SinInclination { get; }
    public double CosInclinationSquared { get; }
    public double SemiLatusRectumSquared { get; }

    /// <summary>3 cos^2 i - 1.</summary>
    public double Con41 { get; }

    /// <summary>1 - 5 cos^2 i.</summary>
    public double Con42 { get; }

    public double PerigeeRadius { get; }
    public double GreenwichSiderealAtEpoch { get; }

    /// <summary>Orbital period from the Brouwer mean motion; 225 minutes or more selects deep space (SDP4).</summary>
    public double PeriodMinutes => TwoPi / MeanMotion;
}
