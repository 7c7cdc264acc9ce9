using System.Globalization;

namespace GroundStation.Orbit.Elements;

/// <summary>
/// One 69-character line of a two-line element set and its fixed-width fields (columns 1-based, inclusive, as the
/// format is defined by NORAD/CelesTrak: https://celestrak.org/columns/v04n03/). Every read names its field, so a
/// bad value becomes a <see cref="TleFormatException"/> with the line and column.
/// </summary>
internal readonly struct TleLine
{
    public const int Length = 69;

    private readonly string _text;
    private readonly int _lineNumber;

    public TleLine(string? text, int lineNumber, char expectedFirst)
    {
        _lineNumber = lineNumber;
        var trimmed = (text ?? "").TrimEnd('\r', '\n', ' ', '\t');
        if (trimmed.Length != Length)
        {
            throw new TleFormatException(lineNumber, 0,
                $"a TLE line has {Length} characters, this one has {trimmed.Length}");
        }

        if (trimmed[0] != expectedFirst || trimmed[1] != ' ')
        {
            throw new TleFormatException(lineNumber, 1, $"line {expectedFirst} of a TLE must start with '{expectedFirst} '");
        }

        _text = trimmed;
        var expected = Checksum(trimmed);
        var given = trimmed[Length - 1];
        if (given < '0' || given > '9' || given - '0' != expected)
        {
            throw new TleFormatException(lineNumber, Length, $"checksum is '{given}', the line's digits give {expected}");
        }
    }

    public string Text => _text;

    /// <summary>Modulo-10 sum of the digits of columns 1-68, each '-' counting 1.</summary>
    public static int Checksum(string line)
    {
        var sum = 0;
        for (var i = 0; i < Length - 1 && i < line.Length; i++)
        {
            var c = line[i];
            if (c >= '0' && c <= '9')
            {
                sum += c - '0';
            }
            else if (c == '-')
            {
                sum++;
            }
        }

        return sum % 10;
    }

    public string Field(int first, int last) => _text[(first - 1)..last];

    public TleFormatException Error(int column, string problem) => new(_lineNumber, column, problem);

    /// <summary>A plain decimal number ("  34.2682", "-.00000084", " .00000023").</summary>
    public double Decimal(int first, int last, string name)
    {
        var field = Field(first, last).Trim();
        if (field.Length == 0 || !double.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value))
        {
            throw Error(first, $"{name} '{field}' is not a number");
        }

        return value;
    }

    /// <summary>Digits with an implied leading decimal point ("1859667" = 0.1859667).</summary>
    public double ImpliedFraction(int first, int last, string name)
    {
        var field = Field(first, last);
        if (!field.All(char.IsAsciiDigit))
        {
            throw Error(first, $"{name} '{field}' must be {field.Length} digits (implied leading decimal point)");
        }

        return double.Parse("0." + field, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Mantissa with an implied leading decimal point and a power of ten (" 28098-4" = 0.28098e-4, "-11606-4",
    /// " 00000+0", "00000-0").
    /// </summary>
    public double ImpliedExponent(int first, int last, string name)
    {
        var raw = Field(first, last);
        var field = raw.Trim();
        var sign = 1.0;
        if (field.Length > 0 && (field[0] == '-' || field[0] == '+'))
        {
            sign = field[0] == '-' ? -1 : 1;
            field = field[1..];
        }

        if (field.Length < 3 || !field[..^2].All(char.IsAsciiDigit) || (field[^2] != '-' && field[^2] != '+')
            || !char.IsAsciiDigit(field[^1]))
        {
            throw Error(first, $"{name} '{raw.Trim()}' must look like ' 12345-4' (mantissa digits, exponent sign and digit)");
        }

        var mantissa = double.Parse("0." + field[..^2], CultureInfo.InvariantCulture);
        var exponent = (field[^2] == '-' ? -1 : 1) * (field[^1] - '0');
        return sign * mantissa * Math.Pow(10, exponent);
    }

    public int Integer(int first, int last, string name, bool blankIsZero)
    {
        var field = Field(first, last).Trim();
        if (field.Length == 0 && blankIsZero)
        {
            return 0;
        }

        if (!int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(first, $"{name} '{field}' is not a whole number");
        }

        return value;
    }

    /// <summary>Degrees within [min, max].</summary>
    public double Angle(int first, int last, string name, double max)
    {
        var value = Decimal(first, last, name);
        if (value < 0 || value > max)
        {
            throw Error(first, $"{name} {value.ToString(CultureInfo.InvariantCulture)} deg must lie in [0, {max}]");
        }

        return value;
    }
}
