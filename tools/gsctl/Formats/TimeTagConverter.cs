using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;

namespace GroundStation.Gsctl.Formats;

/// <summary>What a conversion did.</summary>
internal sealed record ConversionSummary(long EventsRead, long EventsWritten, long EventsSkipped);

/// <summary>
/// Streams events from one file format to another without loading the file, reporting the fraction of the input
/// read. The output appears only when the whole conversion succeeded.
/// </summary>
internal static class TimeTagConverter
{
    public static ConversionSummary Convert(string inputPath, TimeTagFormat from, string outputPath, TimeTagFormat to,
        Action<double>? progress = null, CancellationToken cancel = default)
    {
        if (!File.Exists(inputPath))
        {
            throw new UserError($"{inputPath}: no such file", ExitCodes.Usage);
        }

        if (Path.GetFullPath(inputPath) == Path.GetFullPath(outputPath))
        {
            throw new UserError($"{outputPath}: the output would overwrite the input", ExitCodes.Usage);
        }

        long read = 0, written = 0, skipped = 0;
        using var input = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var length = Math.Max(1, input.Length);
        var tag = default(TimeTag);
        try
        {
            AtomicFile.Write(outputPath, output =>
            {
                using var writer = TimeTagFormats.CreateWriter(output, to);
                foreach (var next in TimeTagFormats.Read(input, from))
                {
                    tag = next;
                    read++;
                    if (writer.Write(next))
                    {
                        written++;
                    }
                    else
                    {
                        skipped++;
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
        return new ConversionSummary(read, written, skipped);
    }
}
