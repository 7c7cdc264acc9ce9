using System.Globalization;
using System.Text;

namespace GroundStation.Gsctl.Formats;

/// <summary>
/// Plain text time tags for spreadsheets and scripts: a header line "time_ps,channel,kind", then one event per
/// line, kind one of detection, sync, marker, dummy, special (a PicoQuant special record with an undefined channel
/// code, kept so it can be written back).
/// </summary>
internal static class TimeTagCsv
{
    public const string Header = "time_ps,channel,kind";

    public static IEnumerable<TimeTag> Read(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        long offset = 0;
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            var lineOffset = offset;
            offset += Encoding.UTF8.GetByteCount(line) + 1;
            if (lineNumber == 1)
            {
                if (line.Trim() != Header)
                {
                    throw new MalformedFileException(0, $"line 1 is \"{Shorten(line)}\", not the header \"{Header}\"");
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            yield return Parse(line, lineNumber, lineOffset);
        }

        if (lineNumber == 0)
        {
            throw new MalformedFileException(0, $"the file is empty; a time-tag CSV starts with \"{Header}\"");
        }
    }

    private static TimeTag Parse(string line, int lineNumber, long offset)
    {
        var fields = line.Split(',');
        if (fields.Length != 3
            || !long.TryParse(fields[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var channel)
            || !TryParseKind(fields[2].Trim(), out var kind))
        {
            throw new MalformedFileException(offset,
                $"line {lineNumber} \"{Shorten(line)}\" is not <time_ps>,<channel>,<detection|sync|marker|dummy|special>");
        }

        return new TimeTag(time, channel, kind);
    }

    private static bool TryParseKind(string text, out TimeTagKind kind)
    {
        kind = text switch
        {
            "detection" => TimeTagKind.Detection,
            "sync" => TimeTagKind.Sync,
            "marker" => TimeTagKind.Marker,
            "dummy" => TimeTagKind.Dummy,
            "special" => TimeTagKind.UndefinedSpecial,
            _ => (TimeTagKind)(-1),
        };
        return (int)kind >= 0;
    }

    public static string KindName(TimeTagKind kind) => kind switch
    {
        TimeTagKind.Detection => "detection",
        TimeTagKind.Sync => "sync",
        TimeTagKind.Marker => "marker",
        TimeTagKind.UndefinedSpecial => "special",
        _ => "dummy",
    };

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "...";
}

internal sealed class TimeTagCsvWriter : ITimeTagWriter
{
    private readonly StreamWriter _writer;

    public TimeTagCsvWriter(Stream stream)
    {
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        _writer.WriteLine(TimeTagCsv.Header);
    }

    public bool Write(in TimeTag tag)
    {
        _writer.Write(tag.TimePicoseconds.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(tag.Channel.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.WriteLine(TimeTagCsv.KindName(tag.Kind));
        return true;
    }

    public void Finish() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
