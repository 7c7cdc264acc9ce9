using System.Text.Json;
using System.Text.Json.Serialization;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;
using GroundStation.Orbit.Elements;
using GroundStation.Orbit.Frames;

namespace GroundStation.Gsctl.Pass;

/// <summary>
/// prediction.json, written by `gsctl pass predict` beside its per-pass CSV files and read by `gsctl pass load`: the
/// element set, station and mask the prediction was made with, and the passes found. Load recomputes from the element
/// set with the same code, so nothing is lost to interpolation.
/// </summary>
internal sealed record PredictionDocument
{
    public const string FileName = "prediction.json";
    public const string CurrentFormat = "gsctl-pass-prediction-1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    public string Format { get; init; } = CurrentFormat;

    public DateTime GeneratedUtc { get; init; }

    /// <summary>Name line ("" when none), line 1, line 2.</summary>
    public required string[] Tle { get; init; }

    public required StationDocument Station { get; init; }

    public double MinElevationDeg { get; init; }

    public double Ut1MinusUtcSeconds { get; init; }

    public DateTime StartUtc { get; init; }

    public DateTime EndUtc { get; init; }

    public required PassDocument[] Passes { get; init; }

    public TwoLineElements Elements() => TwoLineElements.Parse(Tle[1], Tle[2], Tle[0]);

    public StationSite Site() => new(Station.LatitudeDeg, Station.LongitudeDeg, Station.AltitudeM);

    public void Write(string path) => AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, this, Json));

    /// <summary>Reads and checks a prediction file; any problem is one usage error naming the file.</summary>
    public static PredictionDocument Load(string path)
    {
        PredictionDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PredictionDocument>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: not a prediction file: {e.Message.Split(" Path:", 2)[0]}", ExitCodes.Usage);
        }
        catch (IOException e)
        {
            throw new UserError($"{path}: {e.Message}", ExitCodes.Usage);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserError($"{path}: {e.Message}", ExitCodes.Usage);
        }

        if (document is null || document.Format != CurrentFormat)
        {
            throw new UserError($"{path}: not a prediction file of format {CurrentFormat} (written by `gsctl pass predict`)", ExitCodes.Usage);
        }

        try
        {
            if (document.Tle.Length != 3)
            {
                throw new FormatException("tle must hold the name line and the two element lines");
            }

            document.Elements();
            document.Site();
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            throw new UserError($"{path}: {e.Message}", ExitCodes.Usage);
        }

        return document;
    }
}

internal sealed record StationDocument(double LatitudeDeg, double LongitudeDeg, double AltitudeM);

/// <summary>One pass of the prediction and the CSV file holding its per-second samples.</summary>
internal sealed record PassDocument(
    int Number,
    DateTime RiseUtc,
    DateTime CulminationUtc,
    DateTime SetUtc,
    double MaxElevationDeg,
    double RiseAzimuthDeg,
    double CulminationAzimuthDeg,
    double SetAzimuthDeg,
    double DurationSeconds,
    bool RiseClipped,
    bool SetClipped,
    string File);
