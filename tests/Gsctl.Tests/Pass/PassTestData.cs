using System.Text.Json;

namespace GroundStation.Tests.Gsctl.Pass;

/// <summary>A made-up element set and a station for the pass tests, written into a test's temporary directory.</summary>
internal static class PassTestData
{
    /// <summary>Micius-like 500 km sun-synchronous orbit, epoch 2024-06-28 12:00 UTC (checksums computed by hand).</summary>
    public const string Line1 = "1 99999U 24001A   24180.50000000  .00001000  00000-0  50000-4 0  9992";
    public const string Line2 = "2 99999  97.4000 200.0000 0010000  90.0000 270.0000 15.20000000 10007";
    public const string Station = "40.3958,117.5783,900";
    public const string Start = "2024-06-28T12:00:00Z";

    public static string WriteTle(string directory, string name = "leo.tle")
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, $"TEST LEO\n{Line1}\n{Line2}\n");
        return path;
    }

    /// <summary>The pass list of prediction.json as (number, rise, set, max elevation, file).</summary>
    public static List<(int Number, DateTime Rise, DateTime Set, double MaxElevation, string File)> Passes(string predictionJson)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(predictionJson));
        return json.RootElement.GetProperty("passes").EnumerateArray().Select(p => (
            p.GetProperty("number").GetInt32(),
            p.GetProperty("riseUtc").GetDateTime().ToUniversalTime(),
            p.GetProperty("setUtc").GetDateTime().ToUniversalTime(),
            p.GetProperty("maxElevationDeg").GetDouble(),
            p.GetProperty("file").GetString()!)).ToList();
    }
}
