using GroundStation.Orbit.Elements;
using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Observation;
using GroundStation.Orbit.Propagation;

namespace GroundStation.Tests.Orbit;

/// <summary>Element sets made up for these tests (checksums computed by hand), and the station they are seen from.</summary>
public static class TestOrbits
{
    /// <summary>A Micius-like 500 km sun-synchronous orbit: 97.4 deg, 15.2 rev/day, e = 0.001; epoch 2024-06-28 12:00 UTC.</summary>
    public static readonly TwoLineElements Leo = TwoLineElements.Parse(
        "1 99999U 24001A   24180.50000000  .00001000  00000-0  50000-4 0  9992",
        "2 99999  97.4000 200.0000 0010000  90.0000 270.0000 15.20000000 10007");

    /// <summary>A geostationary orbit over 117.6 deg E (near the station's meridian): 1.0027 rev/day, i = 0.05 deg; same epoch.</summary>
    public static readonly TwoLineElements Geo = TwoLineElements.Parse(
        "1 99998U 24002A   24180.50000000 -.00000100  00000-0  00000-0 0  9994",
        "2 99998   0.0500 100.0000 0002000  45.0000  69.6763  1.00270000  1001");

    /// <summary>Xinglong observatory, the Micius ground station (approximate).</summary>
    public static readonly StationSite Xinglong = new(40.3958, 117.5783, 900);

    public static SatelliteTracker LeoOverXinglong() => new(new Sgp4Propagator(Leo), Xinglong);
}
