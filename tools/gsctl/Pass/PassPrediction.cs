using GroundStation.Gsctl.Cli;
using GroundStation.Orbit.Elements;
using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Observation;
using GroundStation.Orbit.Passes;
using GroundStation.Orbit.Propagation;

namespace GroundStation.Gsctl.Pass;

/// <summary>The passes of one element set over one station in a window, and the files `gsctl pass predict` writes.</summary>
internal sealed class PassPrediction
{
    private PassPrediction(SatelliteTracker tracker, double minElevationDeg, DateTime startUtc, DateTime endUtc, IReadOnlyList<SatellitePass> passes)
    {
        Tracker = tracker;
        MinElevationDeg = minElevationDeg;
        StartUtc = startUtc;
        EndUtc = endUtc;
        Passes = passes;
    }

    public SatelliteTracker Tracker { get; }

    public double MinElevationDeg { get; }

    public DateTime StartUtc { get; }

    public DateTime EndUtc { get; }

    public IReadOnlyList<SatellitePass> Passes { get; }

    public static PassPrediction Compute(TwoLineElements elements, StationSite station, DateTime startUtc, DateTime endUtc,
        double minElevationDeg, double ut1MinusUtcSeconds)
    {
        var tracker = new SatelliteTracker(new Sgp4Propagator(elements), station) { Ut1MinusUtcSeconds = ut1MinusUtcSeconds };
        try
        {
            return new PassPrediction(tracker, minElevationDeg, startUtc, endUtc,
                new PassFinder(tracker, minElevationDeg).Find(startUtc, endUtc));
        }
        catch (Sgp4Exception e)
        {
            throw new UserError($"{Describe(elements)}: {e.Message}", ExitCodes.Usage);
        }
    }

    /// <summary>"pass-01.csv" ...: the CSV name of pass <paramref name="number"/> (1-based).</summary>
    public static string CsvName(int number) => $"pass-{number:00}.csv";

    public static string Describe(TwoLineElements elements) =>
        elements.Name.Length > 0 ? $"{elements.Name} ({elements.CatalogNumber})" : $"catalogue number {elements.CatalogNumber}";

    /// <summary>Writes one CSV per pass, then prediction.json (last: a directory with it is complete).</summary>
    public PredictionDocument Write(string directory, Action<double>? progress = null)
    {
        Directory.CreateDirectory(directory);
        var passes = new PassDocument[Passes.Count];
        for (var i = 0; i < Passes.Count; i++)
        {
            var p = Passes[i];
            PassSamples.Write(Path.Combine(directory, CsvName(i + 1)), PassSamples.PerSecond(Tracker, p));
            passes[i] = new PassDocument(i + 1, p.RiseUtc, p.CulminationUtc, p.SetUtc, p.MaxElevationDeg, p.RiseAzimuthDeg,
                p.CulminationAzimuthDeg, p.SetAzimuthDeg, p.Duration.TotalSeconds, p.RiseClipped, p.SetClipped, CsvName(i + 1));
            progress?.Invoke((i + 1.0) / Passes.Count);
        }

        var elements = Tracker.Propagator.Elements;
        var station = Tracker.Station;
        var document = new PredictionDocument
        {
            GeneratedUtc = DateTime.UtcNow,
            Tle = [elements.Name, elements.Line1, elements.Line2],
            Station = new StationDocument(station.LatitudeDeg, station.LongitudeDeg, station.AltitudeMeters),
            MinElevationDeg = MinElevationDeg,
            Ut1MinusUtcSeconds = Tracker.Ut1MinusUtcSeconds,
            StartUtc = StartUtc,
            EndUtc = EndUtc,
            Passes = passes,
        };
        document.Write(Path.Combine(directory, PredictionDocument.FileName));
        return document;
    }
}
