namespace GroundStation.Orbit.Elements;

/// <summary>
/// A two-line element set that cannot be used, with the place to look: the message reads
/// "line 2, column 27: eccentricity '18596x7' is not a number" (line numbers as in the file, columns 1-based as in
/// the format's definition).
/// </summary>
public sealed class TleFormatException(int line, int column, string problem)
    : FormatException(column > 0 ? $"line {line}, column {column}: {problem}" : $"line {line}: {problem}")
{
    public int Line { get; } = line;

    /// <summary>1-based column of the offending field's first character; 0 when the whole line is at fault.</summary>
    public int Column { get; } = column;

    public string Problem { get; } = problem;
}
