using GroundStation.Simulator.Config;
using static GroundStation.Simulator.Physics.PhysicalConstants;

namespace GroundStation.Simulator.Physics;

/// <summary>
/// A circular orbit over a spherical, rotating Earth, placed so that the pass culminates at the configured maximum
/// elevation over the station. Earth-centred inertial frame; x points at the station at culmination.
/// Pass time 0 is the start of the pass window (centred on culmination).
/// </summary>
public sealed class OrbitGeometry : IPassGeometry
{
    readonly double _orbitRadius;
    readonly double _meanMotion;           // rad/s
    readonly Vec3 _p0, _v0;                // satellite direction at culmination and its direction of motion
    readonly Vec3 _station0;               // station unit vector at culmination
    readonly double _culminationTime;      // geometry time (culmination = 0) of pass time 0, negated

    public OrbitGeometry(GeometryConfig g, double? durationSeconds)
    {
        _orbitRadius = EarthRadiusMeters + g.AltitudeKm * 1000;
        _meanMotion = Math.Sqrt(EarthGmM3PerS2 / (_orbitRadius * _orbitRadius * _orbitRadius));
        var (normal, station) = OrbitNormal(g) ?? throw Unreachable(g);
        _station0 = station;
        double sinLambda = normal.Dot(station);
        _p0 = (station - normal * sinLambda).Normalized();
        _v0 = normal.Cross(_p0);
        var (rise, set) = VisibilityWindow(g.MinElevationDeg);
        RiseToSetSeconds = set - rise;
        double duration = durationSeconds ?? RiseToSetSeconds;
        _culminationTime = (rise + set) / 2 - duration / 2;
        OrbitalSpeedMetersPerSecond = _orbitRadius * _meanMotion;
        AltitudeMeters = g.AltitudeKm * 1000;
    }

    /// <summary>Time above the minimum elevation.</summary>
    public double RiseToSetSeconds { get; }
    public double OrbitalSpeedMetersPerSecond { get; }
    public double AltitudeMeters { get; }

    public double RangeMeters(double passSeconds) => (SatelliteEci(At(passSeconds)) - StationEci(At(passSeconds))).Length;

    public double ElevationDeg(double passSeconds) => ElevationAt(At(passSeconds));

    /// <summary>Throws a <see cref="PassFileException"/> if the inclination cannot produce the requested culmination.</summary>
    public static void CheckReachable(GeometryConfig g)
    {
        if (OrbitNormal(g) is null) throw Unreachable(g);
    }

    /// <summary>Fractional clock rate of an orbiting clock against a ground clock: gravitational blueshift minus
    /// velocity time dilation, GM/c^2 (1/Re - 3/(2R)). Negative in LEO: the satellite clock runs slow.</summary>
    public static double RelativisticRate(double altitudeKm)
    {
        double r = EarthRadiusMeters + altitudeKm * 1000;
        double c2 = SpeedOfLightMetersPerSecond * SpeedOfLightMetersPerSecond;
        return EarthGmM3PerS2 / c2 * (1 / EarthRadiusMeters - 1.5 / r);
    }

    double At(double passSeconds) => passSeconds + _culminationTime;

    Vec3 SatelliteEci(double t)
    {
        double th = _meanMotion * t;
        return (_p0 * Math.Cos(th) + _v0 * Math.Sin(th)) * _orbitRadius;
    }

    Vec3 StationEci(double t)
    {
        double a = EarthRotationRadPerSecond * t, c = Math.Cos(a), s = Math.Sin(a);
        return new Vec3(c * _station0.X - s * _station0.Y, s * _station0.X + c * _station0.Y, _station0.Z) * EarthRadiusMeters;
    }

    double ElevationAt(double t)
    {
        var station = StationEci(t);
        var los = SatelliteEci(t) - station;
        return Math.Asin(los.Dot(station) / (los.Length * station.Length)) * 180 / Math.PI;
    }

    (double rise, double set) VisibilityWindow(double minElevationDeg)
    {
        double quarter = Math.PI / 2 / _meanMotion;
        return (Bisect(-quarter, 0, minElevationDeg), Bisect(quarter, 0, minElevationDeg));
    }

    // Finds t between 'below' (elevation under the limit) and 'above' (over it) where elevation equals the limit.
    double Bisect(double below, double above, double limitDeg)
    {
        for (int i = 0; i < 80; i++)
        {
            double mid = (below + above) / 2;
            if (ElevationAt(mid) >= limitDeg) above = mid; else below = mid;
        }
        return (below + above) / 2;
    }

    static (Vec3 normal, Vec3 station)? OrbitNormal(GeometryConfig g)
    {
        double deg = Math.PI / 180;
        double r = EarthRadiusMeters + g.AltitudeKm * 1000;
        double el = g.MaxElevationDeg * deg;
        // Earth-central angle between the station and the sub-satellite point at culmination.
        double lambda = Math.Acos(EarthRadiusMeters * Math.Cos(el) / r) - el;
        double phi = g.StationLatitudeDeg * deg;
        var station = new Vec3(Math.Cos(phi), 0, Math.Sin(phi));
        double nz = Math.Cos(g.InclinationDeg * deg);
        // Try the station on either side of the orbit plane, and the sign of ny that gives the requested direction.
        foreach (double side in new[] { 1.0, -1.0 })
        {
            double nx = (side * Math.Sin(lambda) - nz * Math.Sin(phi)) / Math.Cos(phi);
            double ny2 = 1 - nx * nx - nz * nz;
            if (ny2 < 0) continue;
            foreach (double sign in new[] { 1.0, -1.0 })
            {
                var n = new Vec3(nx, sign * Math.Sqrt(ny2), nz);
                var p0 = (station - n * n.Dot(station)).Normalized();
                var v0 = n.Cross(p0);
                if ((v0.Z > 0) == g.Ascending) return (n, station);
            }
        }
        return null;
    }

    static PassFileException Unreachable(GeometryConfig g) => new("$.geometry.maxElevationDeg",
        $"an orbit inclined {g.InclinationDeg} deg at {g.AltitudeKm} km cannot culminate at {g.MaxElevationDeg} deg " +
        $"over latitude {g.StationLatitudeDeg} deg");
}

readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(Vec3 a, double k) => new(a.X * k, a.Y * k, a.Z * k);
    public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;
    public Vec3 Cross(Vec3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);
    public double Length => Math.Sqrt(Dot(this));
    public Vec3 Normalized() => this * (1 / Length);
}
