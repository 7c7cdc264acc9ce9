using System.CommandLine;
using System.Globalization;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;
using GroundStation.Gsctl.Pass;
using GroundStation.Orbit.Frames;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl pass predict|load`: pass prediction from two-line elements, and the prediction into the device.</summary>
internal static class PassCommand
{
    public static Command Create()
    {
        var command = new Command("pass",
            "Satellite passes from two-line elements (SGP4, tools/Orbit): `predict` lists them and writes per-second\n" +
            "range, range rate, elevation, azimuth and light delay; `load` sends the coarse prediction (TIM:PRED) to the\n" +
            "device before a pass, so the firmware knows the absolute slot number at lock.");
        command.Subcommands.Add(CreatePredict());
        command.Subcommands.Add(PassLoadCommand.Create());
        return command;
    }

    private static Command CreatePredict()
    {
        var tle = new Option<string?>("--tle") { Description = "File with the element set (two or three lines per set, as CelesTrak serves them). Required." };
        var station = StationOption();
        var hours = new Option<double>("--hours") { Description = "Length of the search window (default 24, at most 336).", DefaultValueFactory = _ => 24 };
        var start = new Option<string?>("--start") { Description = "Start of the window, UTC (e.g. 2024-06-28T12:00:00Z); default now." };
        var mask = new Option<double>("--min-elevation") { Description = "Elevation mask in degrees (default 0: the horizon; -5 .. 89.9).", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out", "-o") { Description = "Directory for prediction.json and the per-pass CSVs (new or empty; default ./predictions/<satellite>-<start>)." };
        var satellite = new Option<string?>("--satellite") { Description = "Name or catalogue number of the set to use when the file holds several." };
        var ut1 = new Option<double>("--ut1-utc") { Description = "UT1 - UTC in seconds (IERS Bulletin A; default 0, an error of up to 0.9 s = 420 m at the equator).", DefaultValueFactory = _ => 0 };
        var command = new Command("predict",
            "List the passes of a satellite over a station and write, per pass, a CSV with one row per UTC second from rise\n" +
            "to set: utc,range_m,range_rate_m_s,elevation_deg,azimuth_deg,delay_ps (delay: one-way light time of the photon\n" +
            "received then, in the inertial frame). Also writes prediction.json, which `gsctl pass load` reads.\n" +
            "Model: SGP4/SDP4 (Vallado et al. 2006, WGS-72, checked against the published verification cases), TEME to\n" +
            "Earth-fixed by GMST (IAU-82), station on WGS-84; no polar motion, no refraction, UT1 = UTC + --ut1-utc.\n" +
            "Rise and set are refined to 1 ms on the elevation mask; the culmination to 1 ms.")
        {
            tle, station, hours, start, mask, output, satellite, ut1,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var elements = ElementSetFile.Load(parse.GetValue(tle) ?? throw Missing("--tle FILE"), parse.GetValue(satellite));
            var site = ParseStation(parse.GetValue(station) ?? throw Missing("--station LAT,LON,ALT_M"));
            var span = parse.GetValue(hours);
            if (!(span > 0 && span <= 336))
            {
                throw new UserError($"--hours must be more than 0 and at most 336, not {span}", ExitCodes.Usage);
            }

            var elevation = parse.GetValue(mask);
            if (!(elevation >= -5 && elevation < 90))
            {
                throw new UserError($"--min-elevation must lie in [-5, 90) degrees, not {elevation}", ExitCodes.Usage);
            }

            var dut1 = parse.GetValue(ut1);
            if (!(Math.Abs(dut1) <= 1))
            {
                throw new UserError($"--ut1-utc must lie in [-1, 1] s, not {dut1}", ExitCodes.Usage);
            }

            var from = parse.GetValue(start) is { } s ? UtcText.Parse(s, "--start") : TruncateToSecond(DateTime.UtcNow);
            // Per-second CSVs: about 80 bytes a second of prediction window, with headroom.
            var directory = OutputLocation.Prepare("--out", parse.GetValue(output) ?? Path.Combine("predictions",
                $"{elements.CatalogNumber}-{from.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}"),
                (long)(span * 3600 * 160) + 1_000_000);

            var prediction = PassPrediction.Compute(elements, site, from, from.AddHours(span), elevation, dut1);
            PrintTable(prediction);
            using (var progress = new ProgressLine("writing per-second predictions"))
            {
                prediction.Write(directory, progress.Report);
            }

            Console.WriteLine($"{prediction.Passes.Count} passes; {PredictionDocument.FileName} and per-second CSVs in {directory}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Option<string?> StationOption() => new("--station")
    {
        Description = "Station LAT,LON,ALT_M: geodetic degrees north, degrees east, metres above the WGS-84 ellipsoid. Required.",
    };

    /// <summary>A required option left out: one line, exit 2 (like every other bad input).</summary>
    public static UserError Missing(string option) => new($"give {option} (see --help)", ExitCodes.Usage);

    public static StationSite ParseStation(string text)
    {
        try
        {
            return StationSite.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UserError($"--station: {e.Message}", ExitCodes.Usage);
        }
    }

    private static void PrintTable(PassPrediction prediction)
    {
        var elements = prediction.Tracker.Propagator.Elements;
        var site = prediction.Tracker.Station;
        var age = (prediction.StartUtc - elements.EpochUtc).TotalDays;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{PassPrediction.Describe(elements)}: elements of {UtcText.Table(elements.EpochUtc)} UTC ({age:0.0} days before the start)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"station {site.LatitudeDeg} N {site.LongitudeDeg} E {site.AltitudeMeters} m, mask {prediction.MinElevationDeg} deg, " +
            $"{UtcText.Table(prediction.StartUtc)} .. {UtcText.Table(prediction.EndUtc)} UTC"));
        if (Math.Abs(age) > 7)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gsctl: warning: the elements are {Math.Abs(age):0.0} days from the window; SGP4 errors grow by km per day: fetch a fresh set"));
        }

        Console.WriteLine("  #  rise (UTC)             culmination (UTC)      set (UTC)              max el  duration  azimuth rise > culm. > set");
        var number = 0;
        foreach (var p in prediction.Passes)
        {
            number++;
            var clipped = (p.RiseClipped ? " (under way at the start)" : "") + (p.SetClipped ? " (still up at the end)" : "");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{number,3}  {UtcText.Table(p.RiseUtc)}  {UtcText.Table(p.CulminationUtc)}  {UtcText.Table(p.SetUtc)}  " +
                $"{p.MaxElevationDeg,6:0.0}  {(int)p.Duration.TotalMinutes,3}m{p.Duration.Seconds:00}s  " +
                $"{p.RiseAzimuthDeg,5:0} > {p.CulminationAzimuthDeg,3:0} > {p.SetAzimuthDeg,3:0}{clipped}"));
        }
    }

    private static DateTime TruncateToSecond(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
