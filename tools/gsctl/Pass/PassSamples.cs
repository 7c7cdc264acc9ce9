using System.Globalization;
using System.Text;
using GroundStation.Gsctl.Files;
using GroundStation.Orbit.Observation;
using GroundStation.Orbit.Passes;

namespace GroundStation.Gsctl.Pass;

/// <summary>
/// The per-second prediction of one pass as CSV: every whole UTC second from rise to set,
/// `utc,range_m,range_rate_m_s,elevation_deg,azimuth_deg,delay_ps` (delay = one-way light time of the photon
/// received at that second, in picoseconds). Written atomically.
/// </summary>
internal static class PassSamples
{
    public const string Header = "utc,range_m,range_rate_m_s,elevation_deg,azimuth_deg,delay_ps";

    public static IEnumerable<Observation> PerSecond(SatelliteTracker tracker, SatellitePass pass)
    {
        var first = new DateTime((pass.RiseUtc.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        for (var t = first; t <= pass.SetUtc; t = t.AddSeconds(1))
        {
            yield return tracker.Observe(t);
        }
    }

    /// <summary>Writes the CSV; returns the number of rows.</summary>
    public static int Write(string path, IEnumerable<Observation> samples)
    {
        var rows = 0;
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine(Header);
            foreach (var o in samples)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{o.Utc:yyyy-MM-dd'T'HH:mm:ss'Z'},{o.RangeMeters:F3},{o.RangeRateMetersPerSecond:F4},{o.ElevationDeg:F4},{o.AzimuthDeg:F4},{Math.Round(o.DownlinkLightTimeSeconds * 1e12):F0}"));
                rows++;
            }
        });
        return rows;
    }
}
