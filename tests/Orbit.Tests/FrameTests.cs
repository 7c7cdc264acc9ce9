using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Propagation;
using GroundStation.Orbit.Time;

namespace GroundStation.Tests.Orbit;

/// <summary>Sidereal time, the WGS-84 station, the TEME to Earth-fixed rotation and look angles, against hand values.</summary>
public sealed class FrameTests
{
    private const double Omega = 7.29211514670698e-5;

    [Fact]
    public void Gmst_matches_Vallados_worked_example()
    {
        // Vallado, "Fundamentals of Astrodynamics and Applications", example 3-5: 1992 August 20, 12:14 UT1 gives
        // GMST = 152.578787810 deg (the book rounds T_UT1 to 9 digits, worth ~7e-6 deg).
        var days = JulianDate.DaysSinceJ2000(new DateTime(1992, 8, 20, 12, 14, 0, DateTimeKind.Utc));

        Assert.Equal(152.578787810, SiderealTime.GreenwichMeanRadians(days) * 180 / Math.PI, 1e-5);
        // At J2000.0 itself the series is its constant: 67310.54841 s / 240 = 280.46061837 deg.
        Assert.Equal(280.46061837504, SiderealTime.GreenwichMeanRadians(0) * 180 / Math.PI, 1e-9);
    }

    [Fact]
    public void Station_positions_on_the_WGS84_ellipsoid()
    {
        var equator = new StationSite(0, 0, 0);
        Assert.Equal(new Vector3D(6378137, 0, 0), equator.EcefMeters);

        // Polar radius b = a (1 - f) = 6356752.314245 m; 100 m up at the pole adds 100 m to z.
        var pole = new StationSite(90, 0, 100);
        Assert.Equal(6356852.314245, pole.EcefMeters.Z, 1e-5);
        Assert.Equal(0, pole.EcefMeters.X, 1e-9);

        // Latitude 45 deg: N = a / sqrt(1 - e^2 / 2) = 6388838.2901 m; x = N cos 45, z = N (1 - e^2) sin 45.
        var mid = new StationSite(45, 90, 0);
        Assert.Equal(0, mid.EcefMeters.X, 1e-6);
        Assert.Equal(4517590.8788, mid.EcefMeters.Y, 1e-3);
        Assert.Equal(4487348.4088, mid.EcefMeters.Z, 1e-3);
    }

    [Theory]
    [InlineData("40.3958,117.5783,900", 40.3958, 117.5783, 900)]
    [InlineData(" -33.9 , 18.4 , 12.5 ", -33.9, 18.4, 12.5)]
    public void A_station_argument_is_lat_lon_altitude(string text, double lat, double lon, double alt)
    {
        var site = StationSite.Parse(text);

        Assert.Equal((lat, lon, alt), (site.LatitudeDeg, site.LongitudeDeg, site.AltitudeMeters));
    }

    [Theory]
    [InlineData("40.4,117.6", "must be LAT,LON,ALT_M")]
    [InlineData("north,117.6,900", "station latitude 'north' is not a number")]
    [InlineData("91,117.6,900", "latitude must lie in [-90, 90] deg")]
    [InlineData("40,117.6,20000", "height must lie in [-500, 10000] m")]
    public void A_bad_station_argument_says_what_is_wrong(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => StationSite.Parse(text));

        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Look_angles_of_hand_placed_satellites_from_a_station_on_the_equator()
    {
        // Station at 0 N 0 E: up = x, east = y, north = z.
        var station = new StationSite(0, 0, 0);
        const double a = 6378137;

        var overhead = LookAngles.From(station, new EarthFixedState(new Vector3D(a + 500e3, 0, 0), new Vector3D(-100, 7000, 0)));
        Assert.Equal(500e3, overhead.RangeMeters, 1e-6);
        Assert.Equal(90, overhead.ElevationDeg, 1e-9);
        Assert.Equal(100, -overhead.RangeRateMetersPerSecond, 1e-9); // approaching at 100 m/s

        var east45 = LookAngles.From(station, new EarthFixedState(new Vector3D(a + 1000e3, 1000e3, 0), new Vector3D(0, 0, 0)));
        Assert.Equal(Math.Sqrt(2) * 1000e3, east45.RangeMeters, 1e-6);
        Assert.Equal(45, east45.ElevationDeg, 1e-9);
        Assert.Equal(90, east45.AzimuthDeg, 1e-9);

        var northHorizon = LookAngles.From(station, new EarthFixedState(new Vector3D(a, 0, 2000e3), new Vector3D(0, 0, 7000)));
        Assert.Equal(0, northHorizon.ElevationDeg, 1e-9);
        Assert.Equal(0, northHorizon.AzimuthDeg, 1e-9);
        Assert.Equal(7000, northHorizon.RangeRateMetersPerSecond, 1e-9);

        var southWest = LookAngles.From(station, new EarthFixedState(new Vector3D(a + 100e3, -100e3, -100e3), default));
        Assert.Equal(225, southWest.AzimuthDeg, 1e-9);
    }

    [Fact]
    public void A_geostationary_satellite_is_at_rest_in_the_Earth_fixed_frame()
    {
        // TEME: radius 42164 km at an angle a from the x axis, moving with the Earth (v = w x r). At GMST = a the
        // Earth-fixed position is on the x axis (longitude 0) and the velocity vanishes.
        const double angle = 1.1;
        const double radiusKm = 42164.0;
        var position = new Vector3D(radiusKm * Math.Cos(angle), radiusKm * Math.Sin(angle), 0);
        var velocity = new Vector3D(-Omega * position.Y, Omega * position.X, 0);

        var fixedState = EarthFixedState.FromTeme(new TemeState(position, velocity), angle);

        Assert.Equal(radiusKm * 1000, fixedState.PositionMeters.X, 1e-6);
        Assert.Equal(0, fixedState.PositionMeters.Y, 1e-6);
        Assert.Equal(0, fixedState.VelocityMetersPerSecond.Length, 1e-9);
    }
}
