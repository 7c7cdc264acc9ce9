using System.Globalization;
using GroundStation.Simulator.Events;

namespace GroundStation.Simulator.Output;

/// <summary>Builds and writes timeline.csv.</summary>
public static class TimelineCsv
{
    public const string Header =
        "t_s,detections,beacon_detections,locked,sifted_bits,qber,timing_residual_rms_ps," +
        "true_signal_clicks,true_noise_clicks,true_signal_qber,loss_db,range_km,elevation_deg,apparent_rate_ppm";

    /// <summary>One row per second of the pass with the truth columns filled and the firmware columns null.
    /// Call after the simulator's stream has been consumed (its truth is complete then).</summary>
    public static TimelineRow[] TruthRows(PassSimulator sim)
    {
        var physics = sim.Physics;
        var timeline = sim.Truth.Timeline;
        int seconds = Math.Max(timeline.Count, (int)Math.Ceiling(physics.DurationSeconds));
        var rows = new TimelineRow[seconds];
        for (int s = 0; s < seconds; s++)
        {
            var truth = s < timeline.Count ? timeline[s] : default;
            double mid = s + 0.5;
            rows[s] = new TimelineRow
            {
                Second = s,
                Detections = truth.Detections,
                BeaconDetections = truth.BeaconDetections + truth.BeaconBackgroundCounts,
                TrueSignalClicks = truth.SignalClicks,
                TrueNoiseClicks = truth.NoiseClicks,
                TrueSignalQber = truth.BasisMatchedSignalClicks == 0 ? null
                    : (double)truth.BasisMatchedSignalErrors / truth.BasisMatchedSignalClicks,
                LossDb = physics.LossDb(mid),
                RangeKm = physics.RangeMeters(mid) / 1000,
                ElevationDeg = physics.ElevationDeg(mid),
                ApparentRatePpm = physics.ApparentRateErrorPpm(mid),
            };
        }
        return rows;
    }

    public static void Write(string path, IEnumerable<TimelineRow> rows)
    {
        using var writer = new StreamWriter(path);
        Write(writer, rows);
    }

    public static void Write(TextWriter writer, IEnumerable<TimelineRow> rows)
    {
        writer.NewLine = "\n";
        writer.WriteLine(Header);
        foreach (var r in rows)
            writer.WriteLine(string.Join(',',
                r.Second.ToString(CultureInfo.InvariantCulture),
                r.Detections.ToString(CultureInfo.InvariantCulture),
                r.BeaconDetections.ToString(CultureInfo.InvariantCulture),
                r.Locked is { } locked ? (locked ? "1" : "0") : "",
                r.SiftedBits?.ToString(CultureInfo.InvariantCulture) ?? "",
                Number(r.Qber, "F5"),
                Number(r.TimingResidualRmsPs, "F1"),
                r.TrueSignalClicks.ToString(CultureInfo.InvariantCulture),
                r.TrueNoiseClicks.ToString(CultureInfo.InvariantCulture),
                Number(r.TrueSignalQber, "F5"),
                Number(r.LossDb, "F3"),
                Number(r.RangeKm, "F3"),
                Number(r.ElevationDeg, "F3"),
                Number(r.ApparentRatePpm, "F4")));
    }

    static string Number(double? v, string format)
        => v is { } x && double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "";
}
