using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;

namespace GroundStation.Gsctl.Formats;

/// <summary>What a conversion did: counts, the events the target format had no place for (by kind), and warnings.</summary>
internal sealed record ConversionSummary(
    long EventsRead,
    long EventsWritten,
    IReadOnlyDictionary<TimeTagKind, long> SkippedByKind,
    IReadOnlyList<string> Warnings)
{
    public long EventsSkipped => SkippedByKind.Values.Sum();
}

/// <summary>
/// Streams events from one file format to another without loading the file, reporting the fraction of the input
/// read. The output appears only when the whole conversion succeeded.
/// </summary>
internal static class TimeTagConverter
{
    public static ConversionSummary Convert(string inputPath, TimeTagFormat from, string outputPath, TimeTagFormat to,
        Action<double>? progress = null, CancellationToken cancel = default)
    {
        if (Path.GetFullPath(inputPath) == Path.GetFullPath(outputPath))
        {
            throw new UserError($"{outputPath}: the output would overwrite the input", ExitCodes.Usage);
        }

        long read = 0, written = 0;
        var skipped = new SortedDictionary<TimeTagKind, long>();
        using var input = InputFile.OpenRead(inputPath, 1 << 16);
        var length = Math.Max(1, input.Length);
        var variant = TimeTagFormats.QcryptoVariantOf(from);
        var layoutCheck = variant is { } layout ? new QcryptoLayoutCheck(layout) : null;
        var events = variant is { } v ? QcryptoRawFormat.Read(input, v, layoutCheck!.ObserveWord) : TimeTagFormats.Read(input, from);
        var tag = default(TimeTag);
        try
        {
            AtomicFile.Write(outputPath, output =>
            {
                using var writer = TimeTagFormats.CreateWriter(output, to);
                using var reader = events.GetEnumerator();
                while (MoveNext(reader, inputPath))
                {
                    tag = reader.Current;
                    read++;
                    if (writer.Write(tag))
                    {
                        written++;
                    }
                    else
                    {
                        skipped[tag.Kind] = skipped.GetValueOrDefault(tag.Kind) + 1;
                    }

                    if ((read & 0xFFFF) == 0)
                    {
                        cancel.ThrowIfCancellationRequested();
                        progress?.Invoke((double)input.Position / length);
                    }
                }

                writer.Finish();
            });
        }
        catch (MalformedFileException e)
        {
            throw new UserError($"{inputPath}: not a valid {TimeTagFormats.NameOf(from)} file {e.Message}", ExitCodes.Usage);
        }
        catch (UnrepresentableEventException e)
        {
            throw new UserError(
                $"{inputPath}: event {read} ({tag.TimePicoseconds} ps, channel {tag.Channel}) cannot be written as {TimeTagFormats.NameOf(to)}: {e.Message}",
                ExitCodes.Failure);
        }

        progress?.Invoke(1.0);
        var warning = layoutCheck?.Warning(inputPath, other => ReadSample(inputPath, other));
        return new ConversionSummary(read, written, skipped, warning == null ? [] : [warning]);
    }

    /// <summary>Advances the reader; a failing read of the input becomes a one-line error naming it (not the output).</summary>
    private static bool MoveNext(IEnumerator<TimeTag> reader, string inputPath)
    {
        try
        {
            return reader.MoveNext();
        }
        catch (Exception e) when (FileAccessException.IsFileError(e))
        {
            throw InputFile.ReadFailed(inputPath, e);
        }
    }

    private static IEnumerable<TimeTag> ReadSample(string path, QcryptoVariant variant)
    {
        using var stream = InputFile.OpenRead(path);
        foreach (var tag in QcryptoRawFormat.Read(stream, variant))
        {
            yield return tag;
        }
    }
}
