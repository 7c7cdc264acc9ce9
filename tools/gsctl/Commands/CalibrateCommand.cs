using System.CommandLine;
using System.Globalization;
using GroundStation.Gsctl.Calibration;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Config;
using GroundStation.Host.Link;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl calibrate dark|skew|bias|window`: guided flows over the firmware's CAL/DET/TIM commands.</summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var command = new Command("calibrate",
            "Guided calibration flows: dark counts per detector, channel skew against the beacon, detector bias scan,\n" +
            "coincidence-window recommendation. Each shows its progress, ends with a result table, and stores the\n" +
            "configuration on the device with --save (asks when run interactively).");
        command.Subcommands.Add(CreateDark());
        command.Subcommands.Add(CreateSkew());
        command.Subcommands.Add(CreateBias());
        command.Subcommands.Add(CreateWindow());
        return command;
    }

    private static Command CreateDark()
    {
        var seconds = new Option<int>("--seconds") { Description = "Measurement time (1-3600 s).", DefaultValueFactory = _ => 5 };
        var command = new Command("dark",
            "Dark counts: with the shutter closed (cover the telescope if the board has none), CAL:DARK <s> counts every\n" +
            "detector for the measurement time; the table shows CAL:DARK? per detector (counts per second). Detectors that\n" +
            "are off are switched on for the measurement (the device counts nothing on a gated-off detector) and off again\n" +
            "afterwards.") { seconds };
        return WithDevice(command, (parse, client) =>
        {
            var s = parse.GetValue(seconds);
            if (s is < 1 or > 3600)
            {
                throw new UserError("--seconds must be 1 .. 3600", ExitCodes.Usage);
            }

            var rates = CalibrationOutput.WithProgress("dark counts", step =>
            {
                var switchedOn = new List<int>();
                try
                {
                    foreach (var ch in Enumerable.Range(1, DeviceScpi.Detectors).Where(ch => DeviceScpi.Run(client, $"DET:GATE? {ch}") != "1"))
                    {
                        step($"switching on detector {ch}");
                        DeviceScpi.Run(client, $"DET:GATE {ch},ON");
                        switchedOn.Add(ch);
                    }

                    return MeasureDark(client, s, step);
                }
                finally
                {
                    foreach (var ch in switchedOn)
                    {
                        DeviceScpi.TryRun(client, $"DET:GATE {ch},OFF");
                    }
                }
            });
            CalibrationOutput.PrintTable($"Dark counts ({s} s)", ["detector", "dark counts/s"],
                rates.Select((r, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), r }));
            return SaveIfWanted(client, parse);
        });
    }

    /// <summary>CAL:DARK for <paramref name="seconds"/>, polled until done; the dark counts per second of detectors 1-4.</summary>
    private static string[] MeasureDark(LinkClient client, int seconds, Action<string> step)
    {
        DeviceScpi.Run(client, $"CAL:DARK {seconds}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds + 15);
        var started = DateTime.UtcNow;
        while (true)
        {
            var first = DeviceScpi.TryRun(client, "CAL:DARK? 1");
            if (first.Ok)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new UserError($"the dark-count measurement did not finish: {first.Text}");
            }

            step($"counting, {(DateTime.UtcNow - started).TotalSeconds:0} of {seconds} s");
            Thread.Sleep(250);
        }

        return Enumerable.Range(1, DeviceScpi.Detectors).Select(ch => DeviceScpi.Run(client, $"CAL:DARK? {ch}")).ToArray();
    }

    private static Command CreateSkew()
    {
        var seconds = new Option<int>("--seconds") { Description = "How long to collect skew histograms.", DefaultValueFactory = _ => 10 };
        var command = new Command("skew",
            "Channel skew against the beacon (needs beacon lock): CAL:SKEW:STAR collects per-channel arrival\n" +
            "histograms for the given time, CAL:SKEW:APPL moves the measured skews into the configuration; the table\n" +
            "shows TIM:SKEW? for tagger channels 0-3 (detectors 1-4: H, V, D, A) and 4 (the beacon, the reference).") { seconds };
        return WithDevice(command, (parse, client) =>
        {
            var s = Math.Max(0, parse.GetValue(seconds));
            var (applied, skews) = CalibrationOutput.WithProgress("channel skew", step =>
            {
                DeviceScpi.Run(client, "CAL:SKEW:STAR");
                for (var elapsed = 0; elapsed < s; elapsed++)
                {
                    step($"collecting, {elapsed} of {s} s");
                    Thread.Sleep(1000);
                }

                step("applying");
                var count = DeviceScpi.Run(client, "CAL:SKEW:APPL");
                return (count, Enumerable.Range(0, 5).Select(ch => DeviceScpi.Run(client, $"TIM:SKEW? {ch}")).ToArray());
            });
            CalibrationOutput.PrintTable($"Channel skew (applied to {applied} channels)", ["tagger channel", "skew ps"],
                skews.Select((v, ch) => new[] { ch.ToString(CultureInfo.InvariantCulture), v }));
            return SaveIfWanted(client, parse);
        });
    }

    private static Command CreateBias()
    {
        var from = new Option<int>("--from") { Description = "First bias (mV).", DefaultValueFactory = _ => 800 };
        var to = new Option<int>("--to") { Description = "Last bias (mV, at most 5000).", DefaultValueFactory = _ => 1200 };
        var stepMv = new Option<int>("--step") { Description = "Bias step (mV).", DefaultValueFactory = _ => 100 };
        var settle = new Option<int>("--settle-ms") { Description = "Wait after each step before reading the rate.", DefaultValueFactory = _ => 1000 };
        var channels = new Option<int[]>("--channel") { Description = "Detectors to scan (1-4, repeatable; default all).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("bias",
            "Detector bias scan: per detector, step DET:BIAS over the range, read DET:BIAS? (read-back) and DET:RATE?\n" +
            "(measured and dead-time corrected rate) at each step. Each detector's bias is put back as it was after\n" +
            "its scan; pick a value from the table and `gsctl config set BiasMillivolts[i] <mV>`.") { from, to, stepMv, settle, channels };
        return WithDevice(command, (parse, client) =>
        {
            var (a, b, d) = (parse.GetValue(from), parse.GetValue(to), parse.GetValue(stepMv));
            if (a < 0 || b > 5000 || a > b || d < 1)
            {
                throw new UserError("the scan needs 0 <= --from <= --to <= 5000 and --step >= 1", ExitCodes.Usage);
            }

            var scan = parse.GetValue(channels) is { Length: > 0 } chosen ? chosen : Enumerable.Range(1, DeviceScpi.Detectors).ToArray();
            if (scan.Any(ch => ch is < 1 or > DeviceScpi.Detectors))
            {
                throw new UserError("--channel must be 1 .. 4", ExitCodes.Usage);
            }

            var levels = Enumerable.Range(0, (b - a) / d + 1).Select(i => a + i * d).ToArray();
            var rows = CalibrationOutput.WithProgress("bias scan", step =>
            {
                var result = new List<string[]>();
                foreach (var ch in scan)
                {
                    var saved = DeviceConfigClient.Read(client).BiasMillivolts[ch - 1];
                    try
                    {
                        foreach (var mv in levels)
                        {
                            step($"detector {ch}: {mv} mV");
                            DeviceScpi.Run(client, $"DET:BIAS {ch},{mv}");
                            Thread.Sleep(Math.Max(0, parse.GetValue(settle)));
                            var readBack = DeviceScpi.Run(client, $"DET:BIAS? {ch}");
                            var rate = DeviceScpi.Numbers(DeviceScpi.Run(client, $"DET:RATE? {ch}"), "DET:RATE?");
                            result.Add([ch.ToString(CultureInfo.InvariantCulture), mv.ToString(CultureInfo.InvariantCulture), readBack,
                                rate[0].ToString(CultureInfo.InvariantCulture), rate.Length > 1 ? rate[1].ToString(CultureInfo.InvariantCulture) : ""]);
                        }
                    }
                    finally
                    {
                        DeviceScpi.Run(client, $"DET:BIAS {ch},{saved}");
                    }
                }

                return result;
            });
            CalibrationOutput.PrintTable("Bias scan", ["detector", "set mV", "read mV", "measured Hz", "corrected Hz"], rows);
            return SaveIfWanted(client, parse);
        });
    }

    private static Command CreateWindow()
    {
        var samples = new Option<int>("--samples") { Description = "TIM:STAT? readings to average.", DefaultValueFactory = _ => 5 };
        var interval = new Option<int>("--interval-ms") { Description = "Time between readings.", DefaultValueFactory = _ => 500 };
        var apply = new Option<bool>("--apply") { Description = "Set CoincidenceWindowPs to the recommendation (then --save to store it)." };
        var command = new Command("window",
            "Coincidence-window recommendation from the timing residual (TIM:STAT?, averaged over --samples readings).\n" +
            "Rule: sigma = mean|residual| * sqrt(pi/2) (Gaussian jitter); window = 6 sigma (+-3 sigma keeps 99.7 % of true\n" +
            $"detections), rounded up to 10 ps, {CoincidenceWindowRule.MinimumPs} ps .. 1 us. Without beacon lock there is no\n" +
            "recommendation and the current window is kept.") { samples, interval, apply };
        return WithDevice(command, (parse, client) =>
        {
            var n = Math.Max(1, parse.GetValue(samples));
            var readings = CalibrationOutput.WithProgress("timing residual", step =>
            {
                var list = new List<long[]>();
                for (var i = 0; i < n; i++)
                {
                    step($"reading {i + 1} of {n}");
                    list.Add(DeviceScpi.Numbers(DeviceScpi.Run(client, "TIM:STAT?"), "TIM:STAT?"));
                    if (i + 1 < n)
                    {
                        Thread.Sleep(Math.Max(0, parse.GetValue(interval)));
                    }
                }

                return list;
            });
            var locked = readings.All(r => r[0] == 2);
            var meanResidual = readings.Average(r => (double)r[2]);
            var current = DeviceConfigClient.Read(client);
            var recommended = locked ? CoincidenceWindowRule.RecommendPs(meanResidual) : null;
            var state = readings[^1][0] switch { 0 => "searching", 1 => "acquiring", 2 => "locked", 3 => "holdover", var s => s.ToString(CultureInfo.InvariantCulture) };
            CalibrationOutput.PrintTable("Coincidence window", ["quantity", "value"],
            [
                ["timing state", state],
                ["mean |residual| ps", meanResidual.ToString("0.#", CultureInfo.InvariantCulture)],
                ["current window ps", current.CoincidenceWindowPs.ToString(CultureInfo.InvariantCulture)],
                ["recommended window ps", recommended?.ToString(CultureInfo.InvariantCulture) ?? "none (no beacon lock)"],
            ]);
            if (parse.GetValue(apply) && recommended is { } window)
            {
                current.CoincidenceWindowPs = window;
                DeviceConfigClient.ReportAtRestart(DeviceConfigClient.Write(client, current));
                Console.WriteLine($"CoincidenceWindowPs = {window} (in effect now)");
            }

            return SaveIfWanted(client, parse);
        });
    }

    private static int SaveIfWanted(LinkClient client, ParseResult parse)
    {
        if (CalibrationOutput.ShouldSave(parse.GetValue(SaveOptions[parse.CommandResult.Command])))
        {
            DeviceConfigClient.Save(client);
            Console.WriteLine("configuration saved on the device");
        }

        return ExitCodes.Ok;
    }

    private static readonly Dictionary<Command, Option<bool>> SaveOptions = new();

    /// <summary>Adds --port/--baud/--sim/--save and runs the body with a connected device.</summary>
    private static Command WithDevice(Command command, Func<ParseResult, LinkClient, int> body)
    {
        var port = DeviceConnection.PortOption();
        var baud = DeviceConnection.BaudOption();
        var sim = DeviceConnection.SimOption();
        var save = new Option<bool>("--save") { Description = "Store the configuration on the device afterwards (CONF:SAVE)." };
        SaveOptions[command] = save;
        command.Options.Add(save);
        command.Options.Add(port);
        command.Options.Add(baud);
        command.Options.Add(sim);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var connection = DeviceConnection.FromOptions(parse, port, baud, sim);
            return body(parse, connection.Client);
        }));
        return command;
    }
}
