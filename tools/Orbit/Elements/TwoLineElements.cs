using System.Globalization;
using GroundStation.Orbit.Time;

namespace GroundStation.Orbit.Elements;

/// <summary>
/// One NORAD two-line element set (TLE): mean elements in the SGP4 theory's own sense (Kozai mean motion, TEME frame,
/// WGS-72), as published by CelesTrak / Space-Track. Angles in degrees and mean motion in revolutions per day, exactly
/// as printed; <see cref="Propagation.Sgp4Propagator"/> converts them.
/// </summary>
public sealed record TwoLineElements
{
    /// <summary>The satellite's name (line 0 of a three-line set), or "" when none was given.</summary>
    public string Name { get; init; } = "";

    /// <summary>NORAD catalogue number as printed (5 digits, or Alpha-5: a letter and 4 digits).</summary>
    public required string CatalogNumber { get; init; }

    public char Classification { get; init; } = 'U';

    /// <summary>International designator (launch year, number, piece), may be blank.</summary>
    public string InternationalDesignator { get; init; } = "";

    /// <summary>Epoch of the elements (UTC).</summary>
    public required DateTime EpochUtc { get; init; }

    /// <summary>Four-digit epoch year (the TLE's two digits: 57-99 = 19xx, 00-56 = 20xx).</summary>
    public required int EpochYear { get; init; }

    /// <summary>Epoch as day of year, 1.0 = January 1st, 0h UTC.</summary>
    public required double EpochDayOfYear { get; init; }

    /// <summary>First derivative of mean motion divided by 2 (rev/day^2). Not used by SGP4; kept for reports.</summary>
    public double MeanMotionDotRevPerDay2 { get; init; }

    /// <summary>Second derivative of mean motion divided by 6 (rev/day^3). Not used by SGP4.</summary>
    public double MeanMotionDdotRevPerDay3 { get; init; }

    /// <summary>SGP4 drag term B* (1 / Earth radii).</summary>
    public required double BStarPerEarthRadius { get; init; }

    public required double InclinationDeg { get; init; }

    public required double RightAscensionDeg { get; init; }

    public required double Eccentricity { get; init; }

    public required double ArgumentOfPerigeeDeg { get; init; }

    public required double MeanAnomalyDeg { get; init; }

    public required double MeanMotionRevPerDay { get; init; }

    public int ElementSetNumber { get; init; }

    public int RevolutionNumber { get; init; }

    public required string Line1 { get; init; }

    public required string Line2 { get; init; }

    /// <summary>Julian date (UTC) of the epoch: Julian date of January 0.0 of the year plus the day of year.</summary>
    public double EpochJulianDate => JulianDate.OfJanuaryZero(EpochYear) + EpochDayOfYear;

    /// <summary>Days from 1949 December 31, 0h UTC to the epoch (the SGP4 theory's epoch variable).</summary>
    public double EpochDaysSince1950 => JulianDate.OfJanuaryZero(EpochYear) - JulianDate.Sgp4Epoch1950 + EpochDayOfYear;

    /// <summary>Age of the elements at <paramref name="utc"/> (negative before the epoch).</summary>
    public TimeSpan AgeAt(DateTime utc) => utc - EpochUtc;

    /// <summary>
    /// Parses and checks one element set: line lengths, line numbers, checksums (column 69), matching catalogue
    /// numbers, every numeric field and its range. Throws <see cref="TleFormatException"/> naming line and column;
    /// <paramref name="firstLineNumber"/> is line 1's number in its file (line 2 is the next).
    /// </summary>
    public static TwoLineElements Parse(string line1, string line2, string? name = null, int firstLineNumber = 1)
    {
        var one = new TleLine(line1, firstLineNumber, '1');
        var two = new TleLine(line2, firstLineNumber + 1, '2');

        var catalog = CatalogNumberOf(one, "catalogue number");
        if (CatalogNumberOf(two, "catalogue number") != catalog)
        {
            throw two.Error(3, $"catalogue number '{two.Field(3, 7)}' differs from line 1's '{one.Field(3, 7)}'");
        }

        var twoDigitYear = one.Integer(19, 20, "epoch year", blankIsZero: false);
        var year = twoDigitYear < 57 ? 2000 + twoDigitYear : 1900 + twoDigitYear;
        var dayOfYear = one.Decimal(21, 32, "epoch day of year");
        var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        if (dayOfYear < 1 || dayOfYear >= daysInYear + 1)
        {
            throw one.Error(21, $"epoch day of year {dayOfYear.ToString(CultureInfo.InvariantCulture)} must lie in [1, {daysInYear + 1}) for {year}");
        }

        var eccentricity = two.ImpliedFraction(27, 33, "eccentricity");
        var meanMotion = two.Decimal(53, 63, "mean motion");
        if (meanMotion <= 0)
        {
            throw two.Error(53, $"mean motion {meanMotion.ToString(CultureInfo.InvariantCulture)} rev/day must be positive");
        }

        return new TwoLineElements
        {
            Name = (name ?? "").Trim(),
            CatalogNumber = catalog,
            Classification = one.Text[7],
            InternationalDesignator = one.Field(10, 17).Trim(),
            EpochYear = year,
            EpochDayOfYear = dayOfYear,
            EpochUtc = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc)
                .AddTicks((long)Math.Round((dayOfYear - 1) * TimeSpan.TicksPerDay)),
            MeanMotionDotRevPerDay2 = one.Decimal(34, 43, "first derivative of mean motion"),
            MeanMotionDdotRevPerDay3 = one.ImpliedExponent(45, 52, "second derivative of mean motion"),
            BStarPerEarthRadius = one.ImpliedExponent(54, 61, "B* drag term"),
            ElementSetNumber = one.Integer(65, 68, "element set number", blankIsZero: true),
            InclinationDeg = two.Angle(9, 16, "inclination", 180),
            RightAscensionDeg = two.Angle(18, 25, "right ascension of the ascending node", 360),
            Eccentricity = eccentricity,
            ArgumentOfPerigeeDeg = two.Angle(35, 42, "argument of perigee", 360),
            MeanAnomalyDeg = two.Angle(44, 51, "mean anomaly", 360),
            MeanMotionRevPerDay = meanMotion,
            RevolutionNumber = two.Integer(64, 68, "revolution number", blankIsZero: true),
            Line1 = one.Text,
            Line2 = two.Text,
        };
    }

    private static string CatalogNumberOf(TleLine line, string name)
    {
        var field = line.Field(3, 7);
        var alpha5 = char.IsAsciiLetterUpper(field[0]) && field[0] != 'I' && field[0] != 'O';
        var digits = field[1..].Replace(' ', '0');
        if (!(alpha5 || char.IsAsciiDigit(field[0]) || field[0] == ' ') || !digits.All(char.IsAsciiDigit) || field.Trim().Length == 0)
        {
            throw line.Error(3, $"{name} '{field}' must be 5 digits (or Alpha-5: a letter and 4 digits)");
        }

        return field.Trim();
    }
}
