using System.Globalization;
using GroundStation.Gsctl.Files;
using GroundStation.Gsctl.Formats;

namespace GroundStation.Gsctl.Plotting;

/// <summary>
/// One row of a pass's timeline.csv, as the simulator's run directory writes it (GroundStation.Simulator.Output.
/// TimelineCsv): one row per second, counts (<see cref="Detections"/>, <see cref="BeaconDetections"/>,
/// <see cref="SiftedBits"/>) are per row interval, so a rate is the count over the row spacing. The firmware-side
/// columns may be empty ("not known"): null here, NaN for <see cref="Qber"/> (a fraction, 0.02 = 2 %) and the
/// residual.
/// </summary>
internal sealed record PassTimelineRow(
    double TimeSeconds,
    long Detections,
    long BeaconDetections,
    bool? Locked,
    long? SiftedBits,
    double Qber,
    double TimingResidualRmsPicoseconds);

/// <summary>Reads timeline.csv (columns by name; extra columns such as the simulator's truth columns are ignored).</summary>
internal static class PassTimeline
{
    public const string FileName = "timeline.csv";

    public static readonly string[] Columns =
        ["t_s", "detections", "beacon_detections", "locked", "sifted_bits", "qber", "timing_residual_rms_ps"];

    /// <summary>Reads the file; a file that cannot be opened or read raises a one-line <see cref="FileAccessException"/>.</summary>
    public static IReadOnlyList<PassTimelineRow> Read(string path)
    {
        using var reader = new StreamReader(InputFile.OpenRead(path));
        try
        {
            return Read(reader);
        }
        catch (Exception e) when (FileAccessException.IsFileError(e))
        {
            throw InputFile.ReadFailed(path, e);
        }
    }

    private static List<PassTimelineRow> Read(StreamReader reader)
    {
        var header = reader.ReadLine() ?? throw new MalformedFileException(0, "the file is empty");
        var names = header.Split(',').Select(n => n.Trim()).ToList();
        var index = new int[Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            index[c] = names.IndexOf(Columns[c]);
            if (index[c] < 0)
            {
                throw new MalformedFileException(0, $"the header has no column {Columns[c]} (needs {string.Join(',', Columns)})");
            }
        }

        var rows = new List<PassTimelineRow>();
        long offset = header.Length + 1;
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            var lineOffset = offset;
            offset += line.Length + 1;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length < names.Count)
            {
                throw new MalformedFileException(lineOffset, $"line {lineNumber} has {fields.Length} fields, the header {names.Count}");
            }

            try
            {
                rows.Add(new PassTimelineRow(
                    Real(fields[index[0]]), Count(fields[index[1]]), Count(fields[index[2]]), Flag(fields[index[3]]),
                    OptionalCount(fields[index[4]]), Real(fields[index[5]]), Real(fields[index[6]])));
            }
            catch (FormatException e)
            {
                throw new MalformedFileException(lineOffset, $"line {lineNumber}: {e.Message}");
            }

            if (rows.Count > 1 && !(rows[^1].TimeSeconds > rows[^2].TimeSeconds))
            {
                throw new MalformedFileException(lineOffset, $"line {lineNumber}: t_s {rows[^1].TimeSeconds} does not increase");
            }
        }

        return rows;
    }

    private static double Real(string text) => text.Trim() is "" or "nan" or "NaN"
        ? double.NaN
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"\"{text}\" is not a number");

    private static long Count(string text) => long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw new FormatException($"\"{text}\" is not a count");

    private static long? OptionalCount(string text) => text.Trim().Length == 0 ? null : Count(text);

    private static bool? Flag(string text) => text.Trim().ToLowerInvariant() switch
    {
        "" => null,
        "1" or "true" => true,
        "0" or "false" => false,
        _ => throw new FormatException($"\"{text}\" is not 0/1"),
    };
}
