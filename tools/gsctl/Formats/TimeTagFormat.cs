using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;

namespace GroundStation.Gsctl.Formats;

/// <summary>The time-tag file formats gsctl reads and writes.</summary>
internal enum TimeTagFormat
{
    QcryptoRaw,
    QcryptoA1,
    QcryptoA1Swapped,
    PtuT2,
    Csv,
}

/// <summary>Format names on the command line, detection from file names and magic, and reader/writer factories.</summary>
internal static class TimeTagFormats
{
    public static readonly IReadOnlyList<string> Names = ["qcrypto-raw", "qcrypto-a1", "qcrypto-a1x", "ptu-t2", "csv"];

    public static string NameOf(TimeTagFormat format) => Names[(int)format];

    public static TimeTagFormat Parse(string name)
    {
        var index = Names.ToList().IndexOf(name.ToLowerInvariant());
        return index >= 0
            ? (TimeTagFormat)index
            : throw new UserError($"unknown format \"{name}\" (known: {string.Join(", ", Names)})", ExitCodes.Usage);
    }

    /// <summary>
    /// The format of an input file: the one given, else from its content (PTU magic) or name. qcrypto files have
    /// no magic and three layouts, so they need --from.
    /// </summary>
    public static TimeTagFormat ResolveInput(string path, string? given)
    {
        var sniffedPtu = StartsWithPtuMagic(path);
        if (given != null)
        {
            var format = Parse(given);
            if (sniffedPtu && format != TimeTagFormat.PtuT2)
            {
                throw new UserError($"{path} is a PicoQuant PTU file, not {given}", ExitCodes.Usage);
            }

            if (!sniffedPtu && format == TimeTagFormat.PtuT2)
            {
                throw new UserError($"{path} is not a PTU file: at byte offset 0 it does not start with \"{PtuHeader.Magic}\"", ExitCodes.Usage);
            }

            return format;
        }

        if (sniffedPtu)
        {
            return TimeTagFormat.PtuT2;
        }

        return FromExtension(path) ?? throw new UserError(
            $"cannot tell the format of {path} from its name; give --from {string.Join("|", Names)}", ExitCodes.Usage);
    }

    public static TimeTagFormat ResolveOutput(string path, string? given) => given != null
        ? Parse(given)
        : FromExtension(path) ?? throw new UserError(
            $"cannot tell the format to write to {path} from its name; give --to {string.Join("|", Names)}", ExitCodes.Usage);

    private static TimeTagFormat? FromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ptu" => TimeTagFormat.PtuT2,
        ".csv" => TimeTagFormat.Csv,
        _ => null,
    };

    private static bool StartsWithPtuMagic(string path)
    {
        Span<byte> head = stackalloc byte[6];
        using var stream = InputFile.OpenRead(path);
        try
        {
            return stream.ReadAtLeast(head, 6, throwOnEndOfStream: false) == 6 && head.SequenceEqual("PQTTTR"u8);
        }
        catch (Exception e) when (FileAccessException.IsFileError(e))
        {
            throw InputFile.ReadFailed(path, e);
        }
    }

    /// <summary>The qcrypto layout of a qcrypto format, null for the others.</summary>
    public static QcryptoVariant? QcryptoVariantOf(TimeTagFormat format) => format switch
    {
        TimeTagFormat.QcryptoRaw => QcryptoVariant.Legacy,
        TimeTagFormat.QcryptoA1 => QcryptoVariant.A1,
        TimeTagFormat.QcryptoA1Swapped => QcryptoVariant.A1Swapped,
        _ => null,
    };

    public static TimeTagFormat FormatOf(QcryptoVariant variant) => variant switch
    {
        QcryptoVariant.Legacy => TimeTagFormat.QcryptoRaw,
        QcryptoVariant.A1 => TimeTagFormat.QcryptoA1,
        _ => TimeTagFormat.QcryptoA1Swapped,
    };

    public static IEnumerable<TimeTag> Read(Stream stream, TimeTagFormat format) => format switch
    {
        TimeTagFormat.PtuT2 => PtuT2Reader.Read(stream),
        TimeTagFormat.Csv => TimeTagCsv.Read(stream),
        _ => QcryptoRawFormat.Read(stream, QcryptoVariantOf(format)!.Value),
    };

    public static ITimeTagWriter CreateWriter(Stream stream, TimeTagFormat format) => format switch
    {
        TimeTagFormat.PtuT2 => new PtuT2Writer(stream),
        TimeTagFormat.Csv => new TimeTagCsvWriter(stream),
        _ => new QcryptoRawWriter(stream, QcryptoVariantOf(format)!.Value),
    };
}
