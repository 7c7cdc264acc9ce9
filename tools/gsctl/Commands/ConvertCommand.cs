using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Formats;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl convert &lt;in&gt; &lt;out&gt; [--from F] [--to F]`: time-tag files between qcrypto, PTU T2 and CSV.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var formats = string.Join("|", TimeTagFormats.Names);
        var input = new Argument<string>("in") { Description = "The file to read." };
        var output = new Argument<string>("out") { Description = "The file to write (replaced only when the conversion succeeds)." };
        var from = new Option<string?>("--from")
        {
            Description = $"Input format ({formats}). PTU is recognised by its magic, .csv by its name; qcrypto files need it.",
        };
        from.AcceptOnlyFromAmong([.. TimeTagFormats.Names]);
        var to = new Option<string?>("--to") { Description = $"Output format ({formats}); default from the output file's name (.ptu, .csv)." };
        to.AcceptOnlyFromAmong([.. TimeTagFormats.Names]);
        var command = new Command("convert",
            "Convert time-tag files between qcrypto raw events (qcrypto-raw: legacy 49-bit 1/8 ns; qcrypto-a1: timestamp7\n" +
            "readevents7 -a1, 54-bit 1/256 ns; qcrypto-a1x: readevents7 -a1 -X, the same with its 32-bit halves swapped),\n" +
            "PicoQuant PTU T2 (PicoHarp, HydraHarp, TimeHarp 260, MultiHarp; written as HydraHarp v2 at 1 ps) and CSV\n" +
            "(time_ps,channel,kind). Streams the file; the output appears only when the whole input converted.\n" +
            "Events may step back in time (detector skews): qcrypto and CSV keep the input order, PTU is written in time\n" +
            "order within 1 ms. Warns when a qcrypto file reads like another layout (steps back by more than 1 ms, or\n" +
            "time bits a legacy file leaves free).")
        {
            input, output, from, to,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var inPath = parse.GetValue(input)!;
            var outPath = parse.GetValue(output)!;
            var inFormat = TimeTagFormats.ResolveInput(inPath, parse.GetValue(from));
            var outFormat = TimeTagFormats.ResolveOutput(outPath, parse.GetValue(to));
            ConversionSummary summary;
            using (var progress = new ProgressLine($"converting {Path.GetFileName(inPath)}"))
            {
                summary = TimeTagConverter.Convert(inPath, inFormat, outPath, outFormat, progress.Report);
            }

            foreach (var warning in summary.Warnings)
            {
                Console.Error.WriteLine($"gsctl: warning: {warning}");
            }

            var skipped = summary.EventsSkipped == 0
                ? ""
                : $", {summary.EventsSkipped} skipped that {TimeTagFormats.NameOf(outFormat)} cannot hold (" +
                  string.Join(", ", summary.SkippedByKind.Select(k => $"{k.Value} {TimeTagCsv.KindName(k.Key)}")) + ")";
            Console.WriteLine($"{outPath}: {summary.EventsWritten} events written as {TimeTagFormats.NameOf(outFormat)} " +
                              $"from {summary.EventsRead} read as {TimeTagFormats.NameOf(inFormat)}{skipped}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
