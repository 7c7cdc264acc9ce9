using System.Globalization;

namespace GroundStation.Orbit.Frames;

/// <summary>
/// A ground station on the WGS-84 ellipsoid: geodetic latitude and longitude (degrees, east positive) and height
/// above the ellipsoid (m). Its Earth-fixed position and local east/north/up axes are computed once.
/// </summary>
public sealed class StationSite
{
    public StationSite(double latitudeDeg, double longitudeDeg, double altitudeMeters)
    {
        if (!double.IsFinite(latitudeDeg) || latitudeDeg < -90 || latitudeDeg > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDeg), latitudeDeg, "latitude must lie in [-90, 90] deg");
        }

        if (!double.IsFinite(longitudeDeg) || longitudeDeg < -180 || longitudeDeg > 360)
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDeg), longitudeDeg, "longitude must lie in [-180, 360] deg");
        }

        if (!double.IsFinite(altitudeMeters) || altitudeMeters < -500 || altitudeMeters > 10000)
        {
            throw new ArgumentOutOfRangeException(nameof(altitudeMeters), altitudeMeters, "height must lie in [-500, 10000] m");
        }

        LatitudeDeg = latitudeDeg;
        LongitudeDeg = longitudeDeg;
        AltitudeMeters = altitudeMeters;
        var phi = latitudeDeg * Math.PI / 180.0;
        var lambda = longitudeDeg * Math.PI / 180.0;
        var sinPhi = Math.Sin(phi);
        var cosPhi = Math.Cos(phi);
        var sinLambda = Math.Sin(lambda);
        var cosLambda = Math.Cos(lambda);

        // Prime-vertical radius of curvature N; position (N + h) cos(phi) (cos, sin lambda), (N (1 - e^2) + h) sin(phi).
        var n = Wgs84.SemiMajorAxisMeters / Math.Sqrt(1.0 - Wgs84.EccentricitySquared * sinPhi * sinPhi);
        EcefMeters = new Vector3D((n + altitudeMeters) * cosPhi * cosLambda, (n + altitudeMeters) * cosPhi * sinLambda,
            (n * (1.0 - Wgs84.EccentricitySquared) + altitudeMeters) * sinPhi);
        Up = new Vector3D(cosPhi * cosLambda, cosPhi * sinLambda, sinPhi);
        East = new Vector3D(-sinLambda, cosLambda, 0.0);
        North = new Vector3D(-sinPhi * cosLambda, -sinPhi * sinLambda, cosPhi);
    }

    public double LatitudeDeg { get; }

    public double LongitudeDeg { get; }

    public double AltitudeMeters { get; }

    /// <summary>Earth-fixed (ITRF, polar motion neglected) position in metres.</summary>
    public Vector3D EcefMeters { get; }

    /// <summary>Unit vector along the ellipsoid normal (geodetic zenith).</summary>
    public Vector3D Up { get; }

    public Vector3D East { get; }

    public Vector3D North { get; }

    /// <summary>Parses "LAT,LON,ALT_M" (degrees, degrees east, metres), e.g. "40.3958,117.5783,900".</summary>
    public static StationSite Parse(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 3)
        {
            throw new FormatException($"station '{text}' must be LAT,LON,ALT_M (degrees, degrees east, metres), e.g. 40.3958,117.5783,900");
        }

        var values = new double[3];
        string[] names = ["latitude", "longitude", "altitude"];
        for (var i = 0; i < 3; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new FormatException($"station {names[i]} '{parts[i].Trim()}' is not a number");
            }
        }

        try
        {
            return new StationSite(values[0], values[1], values[2]);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"station {e.Message.Split(" (Parameter", 2)[0]}, is {e.ActualValue}");
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{LatitudeDeg},{LongitudeDeg},{AltitudeMeters}");
}
