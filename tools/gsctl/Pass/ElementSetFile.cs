using GroundStation.Gsctl.Cli;
using GroundStation.Orbit.Elements;

namespace GroundStation.Gsctl.Pass;

/// <summary>Reads --tle FILE and picks the element set to use (--satellite when the file holds several).</summary>
internal static class ElementSetFile
{
    public static TwoLineElements Load(string path, string? satellite)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"--tle {path}: no such file", ExitCodes.Usage);
        }

        IReadOnlyList<TwoLineElements> sets;
        try
        {
            sets = TleFile.Load(path);
        }
        catch (TleFormatException e)
        {
            throw new UserError($"{path}: {e.Message}", ExitCodes.Usage);
        }

        if (sets.Count == 0)
        {
            throw new UserError($"{path}: no two-line element set in the file", ExitCodes.Usage);
        }

        if (satellite is null)
        {
            return sets.Count == 1 ? sets[0] : throw new UserError(
                $"{path} holds {sets.Count} element sets ({string.Join(", ", sets.Take(4).Select(PassPrediction.Describe))}" +
                $"{(sets.Count > 4 ? ", ..." : "")}): choose one with --satellite NAME|NUMBER", ExitCodes.Usage);
        }

        var wanted = satellite.Trim();
        var matches = sets.Where(s => s.CatalogNumber.TrimStart('0') == wanted.TrimStart('0')
                                      || string.Equals(s.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new UserError($"{path}: no element set named or numbered '{wanted}'", ExitCodes.Usage),
            _ => matches.MaxBy(s => s.EpochUtc)!, // several epochs of one satellite: the newest
        };
    }
}
