using GroundStation.Orbit.Elements;

namespace GroundStation.Tests.Orbit;

/// <summary>Two-line element parsing: every field of a known set, and each check firing with its line and column.</summary>
public sealed class TleParsingTests
{
    private const string Line1 = "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753";
    private const string Line2 = "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667";

    [Fact]
    public void Every_field_of_the_papers_TEME_example_is_read()
    {
        var tle = TwoLineElements.Parse(Line1, Line2, "VANGUARD 1");

        Assert.Equal("VANGUARD 1", tle.Name);
        Assert.Equal("00005", tle.CatalogNumber);
        Assert.Equal('U', tle.Classification);
        Assert.Equal("58002B", tle.InternationalDesignator);
        Assert.Equal(2000, tle.EpochYear);
        Assert.Equal(179.78495062, tle.EpochDayOfYear);
        // Day 179 of leap year 2000 is 27 June; 0.78495062 d = 67,819.733568 s = 18:50:19.733568.
        Assert.Equal(new DateTime(2000, 6, 27, 18, 50, 19, DateTimeKind.Utc).AddTicks(7335680), tle.EpochUtc);
        Assert.Equal(0.00000023, tle.MeanMotionDotRevPerDay2);
        Assert.Equal(0.0, tle.MeanMotionDdotRevPerDay3);
        Assert.Equal(0.28098e-4, tle.BStarPerEarthRadius, 1e-18);
        Assert.Equal(475, tle.ElementSetNumber);
        Assert.Equal(34.2682, tle.InclinationDeg);
        Assert.Equal(348.7242, tle.RightAscensionDeg);
        Assert.Equal(0.1859667, tle.Eccentricity);
        Assert.Equal(331.7664, tle.ArgumentOfPerigeeDeg);
        Assert.Equal(19.3264, tle.MeanAnomalyDeg);
        Assert.Equal(10.82419157, tle.MeanMotionRevPerDay);
        Assert.Equal(41366, tle.RevolutionNumber);
        // Julian date of 2000 January 0.0 is 2451543.5.
        Assert.Equal(2451543.5 + 179.78495062, tle.EpochJulianDate, 1e-9);
        Assert.Equal(2451543.5 + 179.78495062 - 2433281.5, tle.EpochDaysSince1950, 1e-9);
    }

    [Theory]
    [InlineData("1 22312U 93002D   06094.46235912  .99999999  81888-5  49949-3 0  3953", 0.81888e-5, 0.49949e-3)]
    [InlineData("1 21897U 92011A   06176.02341244 -.00001273  00000-0 -13525-3 0  3044", 0.0, -0.13525e-3)]
    [InlineData("1 16925U 86065D   06151.67415771  .02550794 -30915-6  18784-3 0  4486", -0.30915e-6, 0.18784e-3)]
    public void Implied_decimal_fields_take_their_sign_and_power_of_ten(string line1, double nddot, double bstar)
    {
        var tle = TwoLineElements.Parse(line1, VerificationLine2(line1[2..7]));

        Assert.Equal(nddot, tle.MeanMotionDdotRevPerDay3, 1e-19);
        Assert.Equal(bstar, tle.BStarPerEarthRadius, 1e-19);
    }

    [Fact]
    public void Two_digit_years_57_to_99_are_the_1900s()
    {
        var tle = VerificationCases.All["88888"].Elements;

        Assert.Equal(1980, tle.EpochYear);
        Assert.Equal(new DateTime(1980, 10, 1, 23, 41, 24, DateTimeKind.Utc), tle.EpochUtc.AddTicks(-tle.EpochUtc.Ticks % TimeSpan.TicksPerSecond));
    }

    [Theory]
    [InlineData(Line1, Line2, 1, 69, "checksum is '4', the line's digits give 3", 68, '4')]
    [InlineData(Line1, Line2, 2, 27, "eccentricity '18x9667' must be 7 digits", 28, 'x')]
    [InlineData(Line1, Line2, 2, 9, "inclination '34.x682' is not a number", 12, 'x')]
    [InlineData(Line1, Line2, 2, 9, "inclination 234.2682 deg must lie in [0, 180]", 8, '2')]
    [InlineData(Line1, Line2, 1, 54, "B* drag term '28098x4' must look like ' 12345-4'", 59, 'x')]
    [InlineData(Line1, Line2, 1, 21, "epoch day of year 379.78495062 must lie in [1, 367) for 2000", 20, '3')]
    [InlineData(Line1, Line2, 2, 53, "mean motion '1x.82419157' is not a number", 53, 'x')]
    [InlineData(Line1, Line2, 2, 3, "catalogue number '00006' differs from line 1's '00005'", 6, '6')]
    public void A_bad_field_is_reported_with_its_line_and_column(string line1, string line2, int line, int column, string problem,
        int changeAt, char changeTo)
    {
        // Change one character, then repair the checksum so that only the intended check can fire.
        var target = line == 1 ? line1 : line2;
        var changed = target[..changeAt] + changeTo + target[(changeAt + 1)..];
        if (column != 69)
        {
            changed = WithChecksum(changed);
        }

        var e = Assert.Throws<TleFormatException>(() => line == 1 ? TwoLineElements.Parse(changed, line2) : TwoLineElements.Parse(line1, changed));

        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.StartsWith($"line {line}, column {column}: {problem}", e.Message);
    }

    [Fact]
    public void Lines_of_the_wrong_length_or_order_are_refused()
    {
        var shortLine = Assert.Throws<TleFormatException>(() => TwoLineElements.Parse(Line1[..60], Line2));
        Assert.Equal("line 1: a TLE line has 69 characters, this one has 60", shortLine.Message);

        var swapped = Assert.Throws<TleFormatException>(() => TwoLineElements.Parse(Line2, Line1));
        Assert.Equal("line 1, column 1: line 1 of a TLE must start with '1 '", swapped.Message);

        // Trailing blanks and line ends (a file edited on another system) are not errors.
        Assert.Equal("00005", TwoLineElements.Parse(Line1 + "  \r\n", Line2 + "\r").CatalogNumber);
    }

    [Fact]
    public void A_file_of_three_line_sets_keeps_names_and_reports_errors_with_the_files_line_numbers()
    {
        var text = $"# comment\nVANGUARD 1\n{Line1}\n{Line2}\n\n0 SECOND\n{Line1}\n{Line2[..30]}x{Line2[31..]}\n";

        var e = Assert.Throws<TleFormatException>(() => TleFile.Parse(text));
        Assert.Equal(8, e.Line);

        var sets = TleFile.Parse(text.Replace($"{Line2[..30]}x{Line2[31..]}", Line2, StringComparison.Ordinal));
        Assert.Equal(["VANGUARD 1", "SECOND"], sets.Select(s => s.Name));

        var missing = Assert.Throws<TleFormatException>(() => TleFile.Parse($"NAME\n{Line1}"));
        Assert.Contains("line 2 of the element set is missing", missing.Message);
        var orphan = Assert.Throws<TleFormatException>(() => TleFile.Parse($"{Line2}\n"));
        Assert.Equal(1, orphan.Line);
    }

    private static string VerificationLine2(string catalog) =>
        VerificationCases.All.Values.FirstOrDefault(c => c.Catalog == catalog)?.Elements.Line2
        ?? WithChecksum($"2 {catalog}  62.0906 295.0239 5596327 245.1593  47.9690  4.88511875148616");

    /// <summary>Column 69 recomputed (digits summed, '-' counting 1, modulo 10), written here independently.</summary>
    private static string WithChecksum(string line)
    {
        var sum = line[..68].Sum(c => char.IsAsciiDigit(c) ? c - '0' : c == '-' ? 1 : 0);
        return line[..68] + (char)('0' + sum % 10);
    }
}
