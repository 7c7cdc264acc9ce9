using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;
using GroundStation.Gsctl.Formats;
using GroundStation.Gsctl.Plotting;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl plot &lt;run-dir&gt; -o pass.png`: the report figure of a pass.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run-dir") { Description = $"A run directory holding {PassTimeline.FileName} (or the CSV file itself)." };
        var output = new Option<string>("--output", "-o") { Description = "The PNG to write.", Required = true };
        var width = new Option<int>("--width") { Description = "Image width in pixels.", DefaultValueFactory = _ => PassPlotter.DefaultWidth };
        var height = new Option<int>("--height") { Description = "Image height in pixels.", DefaultValueFactory = _ => PassPlotter.DefaultHeight };
        var title = new Option<string?>("--title") { Description = "Figure title (default: the run directory's name)." };
        var command = new Command("plot",
            $"Plot a pass from its {PassTimeline.FileName} (columns {string.Join(',', PassTimeline.Columns)}; counts per row\n" +
            "interval) as a PNG: detection and beacon count rates, sifted key rate, QBER with the 11 % abort line and the\n" +
            "timing residual against pass time; intervals without clock lock are shaded. Under the title: the secret key\n" +
            "length (or why there is none), QBER Z/X, phase-error bound and error-correction efficiency from the run's\n" +
            "summary.json or the recording's manifest.json, when they hold a post-processing report.")
        {
            run, output, width, height, title,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(run)!;
            var csv = Directory.Exists(path) ? Path.Combine(path, PassTimeline.FileName) : path;
            var (w, h) = (parse.GetValue(width), parse.GetValue(height));
            if (w is < 300 or > 10000 || h is < 300 or > 10000)
            {
                throw new UserError($"image size {w}x{h} is outside 300..10000 pixels", ExitCodes.Usage);
            }

            IReadOnlyList<PassTimelineRow> rows;
            try
            {
                rows = PassTimeline.Read(csv);
            }
            catch (MalformedFileException e)
            {
                throw new UserError($"{csv}: not a valid timeline {e.Message}", ExitCodes.Usage);
            }

            if (rows.Count == 0)
            {
                throw new UserError($"{csv}: the timeline has no rows", ExitCodes.Usage);
            }

            var name = parse.GetValue(title) ?? Path.GetFileName(Path.GetFullPath(Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(csv))!).TrimEnd('/'));
            var keyLine = KeyLine.FromDirectory(Path.GetDirectoryName(Path.GetFullPath(csv))!);
            var png = PassPlotter.RenderPng(rows, name, w, h, keyLine);
            var outPath = parse.GetValue(output)!;
            AtomicFile.Write(outPath, stream => stream.Write(png));
            Console.WriteLine($"{outPath}: {w}x{h} PNG of {rows.Count} timeline rows ({rows[0].TimeSeconds:0.#}..{rows[^1].TimeSeconds:0.#} s)" +
                              (keyLine is null ? "" : $"; {keyLine}"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
