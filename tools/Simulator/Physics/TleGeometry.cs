using GroundStation.Orbit.Elements;
using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Observation;
using GroundStation.Orbit.Passes;
using GroundStation.Orbit.Propagation;
using GroundStation.Simulator.Config;

namespace GroundStation.Simulator.Physics;

/// <summary>
/// A pass from two-line elements over a real station, computed by the orbit library gsctl's pass prediction uses
/// (SGP4, WGS-84 station, light time in the inertial frame), so simulated and real passes share their geometry.
/// The range is the light path of the photon received at pass time t (c times the downlink light time: the
/// satellite's motion during the flight and the Earth's rotation included), so the simulator's arrival times
/// t_a = t_e + range(t_a) / c are the exact light-time solution. Range and elevation are tabulated every second
/// (10 s beyond both ends) and interpolated by natural cubic splines: below a millimetre for LEO.
/// </summary>
public sealed class TleGeometry : IPassGeometry
{
    const double KnotSeconds = 1.0;
    const double MarginSeconds = 10.0;
    static readonly TimeSpan SearchWindow = TimeSpan.FromDays(3);

    readonly NaturalCubicSpline _lightPathMeters;
    readonly NaturalCubicSpline _elevationDeg;

    public TleGeometry(OrbitConfig orbit, double minElevationDeg, double? durationSeconds)
    {
        Elements = ParseElements(orbit.Tle);
        var propagator = new Sgp4Propagator(Elements);
        Tracker = new SatelliteTracker(propagator,
                new StationSite(orbit.StationLatitudeDeg, orbit.StationLongitudeDeg, orbit.StationAltitudeM))
            { Ut1MinusUtcSeconds = orbit.Ut1MinusUtcSeconds };
        SemiMajorAxisKm = propagator.SemiMajorAxisKm;

        var searchFrom = orbit.StartUtc is { } given ? DateTime.SpecifyKind(given, DateTimeKind.Utc) : Elements.EpochUtc;
        var pass = NextPass(searchFrom, minElevationDeg);
        if (orbit.StartUtc is not null)
        {
            StartUtc = searchFrom;
            DurationSeconds = durationSeconds ?? Seconds(pass.SetClipped ? null : pass.SetUtc - searchFrom, minElevationDeg);
        }
        else
        {
            // Like the circular model: the whole pass from rise to set, or the given duration centred on culmination.
            DurationSeconds = durationSeconds ?? Seconds(pass.SetClipped ? null : pass.Duration, minElevationDeg);
            StartUtc = durationSeconds is { } d ? pass.CulminationUtc.AddSeconds(-d / 2) : pass.RiseUtc;
        }

        int knots = (int)Math.Ceiling((DurationSeconds + 2 * MarginSeconds) / KnotSeconds) + 1;
        var t = new double[knots];
        var path = new double[knots];
        var elevation = new double[knots];
        try
        {
            for (int i = 0; i < knots; i++)
            {
                t[i] = -MarginSeconds + i * KnotSeconds;
                var seen = Tracker.Observe(StartUtc, t[i]);
                path[i] = seen.DownlinkLightTimeSeconds * PhysicalConstants.SpeedOfLightMetersPerSecond;
                elevation[i] = seen.ElevationDeg;
            }
        }
        catch (Sgp4Exception e)
        {
            throw new PassFileException("$.orbit.tle", e.Message);
        }

        _lightPathMeters = new NaturalCubicSpline(t, path);
        _elevationDeg = new NaturalCubicSpline(t, elevation);
    }

    public TwoLineElements Elements { get; }

    /// <summary>The satellite seen from the station (the orbit library's tracker).</summary>
    public SatelliteTracker Tracker { get; }

    /// <summary>UTC of pass time 0.</summary>
    public DateTime StartUtc { get; }

    public double DurationSeconds { get; }

    /// <summary>Mean semi-major axis (km), for the satellite clock's relativistic rate.</summary>
    public double SemiMajorAxisKm { get; }

    /// <summary>Light path (m) of the photon received at <paramref name="passSeconds"/>.</summary>
    public double RangeMeters(double passSeconds) => _lightPathMeters.ValueAt(passSeconds);

    public double ElevationDeg(double passSeconds) => _elevationDeg.ValueAt(passSeconds);

    /// <summary>The element set of a pass file's "tle" (two lines, optionally after a name line).</summary>
    public static TwoLineElements ParseElements(string[] lines)
    {
        if (lines.Length is not (2 or 3))
        {
            throw new PassFileException("$.orbit.tle", $"needs the two lines of an element set (a name line before them is allowed), has {lines.Length}");
        }

        try
        {
            return TwoLineElements.Parse(lines[^2], lines[^1], lines.Length == 3 ? lines[0] : null);
        }
        catch (TleFormatException e)
        {
            throw new PassFileException($"$.orbit.tle[{lines.Length - 3 + e.Line}]", e.Message);
        }
    }

    SatellitePass NextPass(DateTime from, double minElevationDeg)
    {
        try
        {
            var passes = new PassFinder(Tracker, minElevationDeg).Find(from, from + SearchWindow);
            return passes.Count > 0 ? passes[0] : throw new PassFileException("$.orbit",
                $"the satellite does not rise above {minElevationDeg} deg (geometry.minElevationDeg) over the station within " +
                $"{SearchWindow.TotalDays} days of {from:yyyy-MM-ddTHH:mm:ssZ}");
        }
        catch (Sgp4Exception e)
        {
            throw new PassFileException("$.orbit.tle", e.Message);
        }
    }

    static double Seconds(TimeSpan? span, double minElevationDeg) => span?.TotalSeconds ?? throw new PassFileException(
        "$.durationSeconds", $"is needed: the satellite stays above {minElevationDeg} deg for more than {SearchWindow.TotalDays} days");
}
