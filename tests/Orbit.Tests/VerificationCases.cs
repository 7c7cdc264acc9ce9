using System.Globalization;
using GroundStation.Orbit.Elements;

namespace GroundStation.Tests.Orbit;

/// <summary>One published state of a verification case: minutes from the epoch, TEME position (km), velocity (km/s).</summary>
public sealed record ReferenceState(double Minutes, double[] PositionKm, double[] VelocityKmPerSecond);

/// <summary>One verification case: its element set and the reference states tcppver.out lists for it.</summary>
public sealed record VerificationCase(string Catalog, string Description, TwoLineElements Elements, IReadOnlyList<ReferenceState> States)
{
    public override string ToString() => Catalog;
}

/// <summary>Reads Data/sgp4-verification-subset.txt (its header says what it holds and where it comes from).</summary>
public static class VerificationCases
{
    public static readonly IReadOnlyDictionary<string, VerificationCase> All = Load();

    public static TheoryData<string> Catalogs()
    {
        var data = new TheoryData<string>();
        foreach (var catalog in All.Keys)
        {
            data.Add(catalog);
        }

        return data;
    }

    private static Dictionary<string, VerificationCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "sgp4-verification-subset.txt");
        var cases = new Dictionary<string, VerificationCase>();
        var lines = File.ReadAllLines(path);
        string description = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("# ", StringComparison.Ordinal) && lines[i].Length > 8 && lines[i][7] == ':')
            {
                description = lines[i][9..];
            }

            if (!lines[i].StartsWith("1 ", StringComparison.Ordinal))
            {
                continue;
            }

            var tle = TwoLineElements.Parse(lines[i], lines[i + 1]);
            var states = new List<ReferenceState>();
            for (i += 2; i < lines.Length && lines[i].Trim().Length > 0; i++)
            {
                var v = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                states.Add(new ReferenceState(v[0], v[1..4], v[4..7]));
            }

            cases.Add(tle.CatalogNumber, new VerificationCase(tle.CatalogNumber, description, tle, states));
        }

        return cases;
    }
}
