using System.CommandLine;
using System.Globalization;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Config;
using GroundStation.Gsctl.Pass;
using GroundStation.Orbit.Observation;
using GroundStation.Orbit.Propagation;

namespace GroundStation.Gsctl.Commands;

/// <summary>
/// `gsctl pass load (--port P | --sim) --prediction FILE --slot-epoch UTC ...`: sends the coarse prediction of a pass
/// (TIM:PRED ground_ps,slot,uncertainty_ps) to the device, reads it back, and says whether the firmware can use it.
/// </summary>
internal static class PassLoadCommand
{
    public static Command Create()
    {
        var port = DeviceConnection.PortOption();
        var baud = DeviceConnection.BaudOption();
        var sim = DeviceConnection.SimOption();
        var prediction = new Option<string?>("--prediction") { Description = "prediction.json written by `gsctl pass predict`. Required." };
        var passNumber = new Option<int?>("--pass") { Description = "Pass number in that file (default: the first one that has not set yet)." };
        var slotEpoch = new Option<string?>("--slot-epoch") { Description = "UTC at which the satellite emits slot 0 (from its operator). Required." };
        var pulseRate = new Option<double?>("--pulse-rate") { Description = "Satellite pulse (slot) rate in Hz (default: the device's configured PulseRateHz, which it must equal)." };
        var taggerTime = new Option<string?>("--tagger-time")
        {
            Description = "A known tagger reading PS@UTC (e.g. a GPS PPS recorded on a spare tagger input, or a simulated pass's clock) instead of asking the device with TIM:NOW?.",
        };
        var taggerTimeError = new Option<double>("--tagger-time-error-us") { Description = "Uncertainty of --tagger-time in us (default 1).", DefaultValueFactory = _ => 1 };
        var hostClock = new Option<double>("--host-clock-error-ms") { Description = "How far the host's UTC may be off, ms (default 1: NTP to a nearby server; check `chronyc tracking`).", DefaultValueFactory = _ => 1 };
        var taggerPpm = new Option<double>("--tagger-clock-ppm") { Description = "Frequency tolerance of the tagger's reference, ppm (default 50: a plain quartz; a disciplined reference: 0.01).", DefaultValueFactory = _ => 50 };
        var satellitePpm = new Option<double>("--satellite-clock-ppm") { Description = "Tolerance of the satellite's pulse rate, ppm (default 1).", DefaultValueFactory = _ => 1 };
        var elementError = new Option<double>("--tle-error-km-per-day") { Description = "Growth of the element set's along-track error, km per day of age (default 3; 1 km at its epoch).", DefaultValueFactory = _ => 3 };
        var samples = new Option<int>("--samples") { Description = "TIM:NOW? queries; the one with the tightest bound is used (default 8).", DefaultValueFactory = _ => 8 };
        var lead = new Option<double?>("--lead-seconds") { Description = "Wait until this long before the pass's rise (host clock) before sampling the device clock and sending: the tagger drifts less." };
        var command = new Command("load",
            "Send the coarse prediction of one pass to the device: TIM:PRED <tagger ps>,<slot>,<uncertainty ps>, the tagger\n" +
            "time at which the light of satellite slot <slot> reaches the station. The slot is the first one leaving at the\n" +
            "pass's rise (or now, if the pass is under way); its emission time is the slot epoch plus slot / pulse rate, its\n" +
            "light time comes from the element set (same code as `predict`). Tagger time is related to UTC by TIM:NOW? (the\n" +
            "newest tagger record, its age and FIFO wait) timed against the host clock, or by --tagger-time.\n" +
            "The uncertainty is a bound, the sum of: host clock error (--host-clock-error-ms), half the TIM:NOW? round trip,\n" +
            "half the record's possible FIFO wait, 100 ppm of the record's age (board vs tagger clock), the tagger clock\n" +
            "(--tagger-clock-ppm) from the clock sample to the arrival, the satellite clock (--satellite-clock-ppm) from\n" +
            "slot 0, and the element set's error (1 km + --tle-error-km-per-day per day of age) / c.\n" +
            "The firmware uses it to number slots absolutely when it is under 0.4 beacon periods (alone) or 0.4 frames (with\n" +
            "the frame marker); gsctl says which. Run it shortly before the pass (--lead-seconds) so the tagger drifts little.")
        {
            port, baud, sim, prediction, passNumber, slotEpoch, pulseRate, taggerTime, taggerTimeError, hostClock, taggerPpm,
            satellitePpm, elementError, samples, lead,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(prediction) ?? throw PassCommand.Missing("--prediction FILE");
            var epoch = UtcText.Parse(parse.GetValue(slotEpoch) ?? throw PassCommand.Missing("--slot-epoch UTC"), "--slot-epoch");
            var assumptions = new PredictionAssumptions(
                NonNegative(parse.GetValue(taggerPpm), "--tagger-clock-ppm", 1000),
                NonNegative(parse.GetValue(satellitePpm), "--satellite-clock-ppm", 1000),
                NonNegative(parse.GetValue(elementError), "--tle-error-km-per-day", 1000));
            var hostClockMs = NonNegative(parse.GetValue(hostClock), "--host-clock-error-ms", 10_000);
            var queries = parse.GetValue(samples) is >= 1 and <= 100 and var q ? q : throw new UserError("--samples must be 1 .. 100", ExitCodes.Usage);
            var given = parse.GetValue(taggerTime) is { } t
                ? TaggerClockSample.Given(t, NonNegative(parse.GetValue(taggerTimeError), "--tagger-time-error-us", 1e9))
                : null;
            var document = PredictionDocument.Load(path);
            var tracker = new SatelliteTracker(new Sgp4Propagator(document.Elements()), document.Site())
                { Ut1MinusUtcSeconds = document.Ut1MinusUtcSeconds };

            // Wait before connecting: an idle session for minutes would let the device's link-loss timeout fire.
            if (parse.GetValue(lead) is { } leadSeconds)
            {
                WaitUntilBeforeRise(document, parse.GetValue(passNumber), NonNegative(leadSeconds, "--lead-seconds", 86400));
            }

            using var connection = DeviceConnection.FromOptions(parse, port, baud, sim);
            var config = DeviceConfigClient.Read(connection.Client);
            var rate = parse.GetValue(pulseRate) ?? config.PulseRateHz;
            if (rate != config.PulseRateHz)
            {
                throw new UserError(string.Create(CultureInfo.InvariantCulture,
                    $"--pulse-rate {rate} Hz differs from the device's PulseRateHz {config.PulseRateHz}: configure the device first (gsctl config set PulseRateHz ...)"),
                    ExitCodes.Usage);
            }

            var clock = given ?? TaggerClockSample.FromDevice(connection.Client, queries, hostClockMs);
            var pass = ChoosePass(document, parse.GetValue(passNumber), clock.Utc, path);
            var reference = new[] { pass.RiseUtc, clock.Utc, epoch }.Max();
            if (epoch > pass.SetUtc)
            {
                throw new UserError($"--slot-epoch {UtcText.Iso(epoch)} is after pass {pass.Number} sets ({UtcText.Iso(pass.SetUtc)}): no slot of it to predict", ExitCodes.Usage);
            }

            CoarsePrediction result;
            try
            {
                result = CoarsePrediction.Compute(tracker, new SlotClock(epoch, (decimal)rate), reference, clock, assumptions);
            }
            catch (Sgp4Exception e)
            {
                throw new UserError($"{path}: {e.Message}", ExitCodes.Usage);
            }

            DeviceScpi.Run(connection.Client, result.Command);
            var held = DeviceScpi.Run(connection.Client, "TIM:PRED?");
            var expected = string.Create(CultureInfo.InvariantCulture, $"{result.GroundPs},{result.Slot},{result.UncertaintyPs}");
            if (held != expected)
            {
                throw new UserError($"the device holds '{held}' after '{result.Command}'");
            }

            Report(path, document, pass, clock, result, config.BeaconPeriodSlots / (double)config.PulseRateHz,
                config.FrameLengthBeacons);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static PassDocument ChoosePass(PredictionDocument document, int? number, DateTime nowUtc, string path)
    {
        if (number is { } n)
        {
            var chosen = document.Passes.FirstOrDefault(p => p.Number == n)
                         ?? throw new UserError($"{path} has no pass {n} (it lists {document.Passes.Length})", ExitCodes.Usage);
            return chosen.SetUtc > nowUtc ? chosen
                : throw new UserError($"pass {n} set at {UtcText.Iso(chosen.SetUtc)}, before the clock sample ({UtcText.Iso(nowUtc)})", ExitCodes.Usage);
        }

        return document.Passes.FirstOrDefault(p => p.SetUtc > nowUtc)
               ?? throw new UserError($"{path}: every pass has set by {UtcText.Iso(nowUtc)}: predict again for a later window", ExitCodes.Usage);
    }

    private static void WaitUntilBeforeRise(PredictionDocument document, int? number, double leadSeconds)
    {
        var pass = ChoosePass(document, number, DateTime.UtcNow, PredictionDocument.FileName);
        var until = pass.RiseUtc.AddSeconds(-leadSeconds);
        while (DateTime.UtcNow < until)
        {
            var left = until - DateTime.UtcNow;
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write($"\rwaiting for pass {pass.Number}: sending in {left:hh\\:mm\\:ss}  ");
            }

            Thread.Sleep(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }

        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }

    private static void Report(string path, PredictionDocument document, PassDocument pass, TaggerClockSample clock,
        CoarsePrediction result, double beaconPeriodSeconds, int frameLength)
    {
        var elements = document.Elements();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pass {pass.Number} of {path}: {PassPrediction.Describe(elements)}, rise {UtcText.Table(pass.RiseUtc)} UTC, max {pass.MaxElevationDeg:0.0} deg"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tagger clock: {clock.TaggerPs} ps at {UtcText.Iso(clock.Utc)} ({clock.Source})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"slot {result.Slot} leaves the satellite at {UtcText.Iso(result.EmissionUtc)}, light time {result.LightTimeSeconds * 1e3:0.000000} ms"));
        Console.WriteLine($"sent {result.Command}; the device holds it (TIM:PRED?)");
        Console.WriteLine($"uncertainty {UncertaintyTerm.Milliseconds(result.UncertaintyPs)} ms = " +
                          string.Join(" + ", result.Terms.Select(t => $"{t.Name} {UncertaintyTerm.Milliseconds(t.Picoseconds)}")));
        foreach (var term in result.Terms)
        {
            Console.WriteLine($"  {term}");
        }

        var beaconLimitPs = 0.4 * beaconPeriodSeconds * 1e12;
        var frameLimitPs = beaconLimitPs * frameLength;
        if (result.UncertaintyPs < beaconLimitPs)
        {
            Console.WriteLine($"the firmware numbers slots from it at lock (under 0.4 beacon periods, {UncertaintyTerm.Milliseconds(beaconLimitPs)} ms)");
        }
        else if (result.UncertaintyPs < frameLimitPs)
        {
            Console.WriteLine($"the firmware numbers slots from it with the frame marker (under 0.4 frames, {UncertaintyTerm.Milliseconds(frameLimitPs)} ms)");
        }
        else
        {
            var largest = result.Terms.MaxBy(t => t.Picoseconds)!;
            Console.Error.WriteLine($"gsctl: warning: {UncertaintyTerm.Milliseconds(result.UncertaintyPs)} ms is more than 0.4 frames " +
                                    $"({UncertaintyTerm.Milliseconds(frameLimitPs)} ms): the firmware will lock with index_resolved=0; largest term: {largest}");
        }
    }

    private static double NonNegative(double value, string option, double max) =>
        value >= 0 && value <= max ? value
            : throw new UserError(string.Create(CultureInfo.InvariantCulture, $"{option} must lie in [0, {max}], not {value}"), ExitCodes.Usage);
}
