using System.Globalization;
using GroundStation.Gsctl.Cli;

namespace GroundStation.Gsctl.Pass;

/// <summary>UTC instants on the command line and in prediction files: ISO 8601, "Z" or no offset meaning UTC.</summary>
internal static class UtcText
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    /// <summary>Parses <paramref name="text"/> or throws a usage error naming <paramref name="what"/>.</summary>
    public static DateTime Parse(string text, string what)
    {
        if (DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            return DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        }

        throw new UserError($"{what} '{text}' is not a UTC time like 2024-06-28T12:00:00Z", ExitCodes.Usage);
    }

    /// <summary>"2024-06-28T12:34:56.789Z".</summary>
    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>"2024-06-28 12:34:56.7" for tables.</summary>
    public static string Table(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.f", CultureInfo.InvariantCulture);
}
