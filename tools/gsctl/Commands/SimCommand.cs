using System.CommandLine;
using System.Globalization;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.PeerLink;
using GroundStation.Host.Distillation;
using GroundStation.Peer.Handshake;
using GroundStation.Host.Link;
using GroundStation.Testbed.Sim;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;
using GroundStation.Simulator.Output;
using Spectre.Console;

namespace GroundStation.Gsctl.Commands;

/// <summary>
/// `gsctl sim`: a whole simulated pass end to end. The simulation board (the real firmware on simulated hardware)
/// plays the pass into its tagger model; gsctl talks to it through the pseudo-terminal like any serial port, gives
/// the ephemeris prediction, enables the detectors, plays the satellite side of sifting, and writes the run directory.
/// </summary>
internal static class SimCommand
{
    private static readonly TimeSpan BoardExitGrace = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var baud = DeviceConnection.BaudOption();
        var pass = new Option<FileInfo?>("--pass") { Description = "Pass file (tools/Simulator/PASS_FORMAT.md); default: the built-in 289 s night LEO pass." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the pass and the board (default: the pass file's seed, 1)." };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Run directory to create (default ./runs/<timestamp>-seed<N>); must not exist or be empty." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print the simulation board's log and the playback status." };
        var skewSeconds = new Option<double>("--skew-seconds")
        {
            Description = "Seconds of pass after lock spent measuring the detectors' skews (CAL:SKEW), then applied for the rest of the pass; 0 = none.",
            DefaultValueFactory = _ => SimulatedPass.DefaultSkewCalibrationSeconds,
        }.InRange(0, 3600, "s");
        var deviceSpeed = new Option<string>("--device-speed")
        {
            Description = "How fast the simulated controller processes tagger events: esp32-stock (stock nanoFramework image, " +
                          "managed core), esp32-native (custom image, native core) or unlimited; with an ESP32 speed a pass " +
                          "above that image's limit overflows the tagger FIFO as on the bench (boards/sim/README.md).",
            DefaultValueFactory = _ => "unlimited",
        };
        deviceSpeed.AcceptOnlyFromAmong("esp32-stock", "esp32-native", "unlimited");
        var core = new Option<string?>("--core")
        {
            Description = "Which implementation runs the firmware's per-event path: native (the C core, the default where it " +
                          "was built) or managed (the C# reference; also used, with one line saying so, where the native core " +
                          "was not built). Both give the same key (firmware/Native/README.md).",
        };
        core.AcceptOnlyFromAmong("native", "managed");
        var auth = PeerChoices.AuthOption();
        var reconciliation = PeerChoices.ReconciliationOption();
        var live = new Option<bool>("--live")
        {
            Description = "Relay the firmware's sifting to the satellite live, one round trip per announcement (default: post-pass,\n" +
                          "gsctl answers the firmware and sifts the kept detections with the satellite after the pass, in a few\n" +
                          "large frames; live costs ~4 Mbit of authentication pool for the default pass with --auth its).",
        };
        var command = new Command("sim",
            "Run a simulated satellite pass end to end: the firmware on the simulation board, the pass played into its\n" +
            "time tagger, gsctl as the station's host over the board's pseudo-terminal UART, and the satellite as a peer on\n" +
            "loopback TCP (the transmitter side `gsctl peer` runs, with a fresh simulated pre-shared key for each side).\n" +
            "Sifting (post-pass by default, --live to relay it during the pass), then error correction, verification, the\n" +
            "finite-key length and privacy amplification run over the peer link and both sides commit the same final key.\n" +
            "Ends with a summary (key length, pool spent, net key) and a run directory (timeline.csv, summary.json, both\n" +
            "sides' sifted keys, both final keys).")
        {
            pass, seed, output, baud, verbose, skewSeconds, auth, reconciliation, live, deviceSpeed, core,
        };
        // An ESP32 speed models an image, and the image decides the core (boards/sim/README.md, "Device speed").
        command.Validators.Add(result =>
        {
            var speed = result.GetValue(deviceSpeed);
            var chosen = result.GetValue(core);
            if ((speed, chosen) is ("esp32-stock", "native") or ("esp32-native", "managed"))
            {
                result.AddError($"--device-speed {speed} cannot run the {chosen} core: esp32-stock is the stock image " +
                                "(managed core only), esp32-native the custom image's native core");
            }
        });
        command.SetAction(parse => CommandRunner.Run(interrupt =>
            Run(parse.GetValue(pass), parse.GetValue(seed), parse.GetValue(output), parse.GetValue(baud), parse.GetValue(verbose),
                parse.GetValue(skewSeconds), parse.GetValue(deviceSpeed)!, parse.GetValue(core), new SimPeerOptions
                {
                    Authentication = PeerChoices.Authentication(parse.GetValue(auth)!),
                    Reconciliation = PeerChoices.Reconciliation(parse.GetValue(reconciliation)!),
                    Operation = parse.GetValue(live) ? PeerOperation.LivePass : PeerOperation.PostPass,
                }, interrupt)));
        return command;
    }

    private static int Run(FileInfo? passFile, ulong? seedOption, DirectoryInfo? outputOption, int baud, bool verbose, double skewSeconds,
        string deviceSpeed, string? core, SimPeerOptions peer, CancellationToken interrupt)
    {
        var config = LoadPass(passFile);
        var seed = seedOption ?? config.Seed;
        PassSimulator sim;
        try
        {
            sim = new PassSimulator(config, seed);
        }
        catch (PassFileException e)
        {
            throw new UserError($"pass {passFile?.FullName ?? "default"}: {e.Message}", ExitCodes.Usage);
        }

        // The output is checked and claimed before the pass: a bad --out costs a second, not a pass.
        var claim = RunOutput.Claim(outputOption?.FullName, seed, DateTime.UtcNow, RunOutput.NeededBytes(sim.Physics.DurationSeconds));
        try
        {
            return RunPass(passFile, seed, claim.Path, sim, baud, verbose, skewSeconds, deviceSpeed, core, peer, interrupt);
        }
        catch
        {
            RunOutput.Release(claim);
            throw;
        }
    }

    private static int RunPass(FileInfo? passFile, ulong seed, string directory, PassSimulator sim, int baud, bool verbose,
        double skewSeconds, string deviceSpeed, string? core, SimPeerOptions peer, CancellationToken interrupt)
    {
        var boardArguments = new[] { "--seed", seed.ToString(CultureInfo.InvariantCulture), "--pass", passFile?.FullName ?? "default",
            "--device-speed", deviceSpeed };
        if (core is not null)
        {
            boardArguments = [.. boardArguments, "--core", core];
        }

        using var connection = DeviceConnection.StartSimulation(baud, boardArguments);
        Console.WriteLine($"simulation board on {connection.Board!.UartPath} at {baud} baud: {connection.Device.Name} {connection.Device.FirmwareVersion}");
        if (connection.Board!.CoreLine is not null)
        {
            Console.WriteLine(connection.Board.CoreLine);
        }

        Console.WriteLine($"pass: {passFile?.FullName ?? "built-in default"}, seed {seed}, {sim.Physics.DurationSeconds:F1} s, " +
                          $"{sim.Physics.PulseRateHz / 1e6:0.###} MHz");

        var board = connection.Board;
        var run = new SimulatedPass(connection.Client, sim, () => board.Problem)
        {
            ShowPlaybackStatus = verbose,
            SkewCalibrationSeconds = skewSeconds,
            Peer = peer,
        };
        PassOutcome outcome;
        var passSeconds = 0.0;
        try
        {
            outcome = WithProgress(report => run.Run(p =>
            {
                passSeconds = p.PassSeconds;
                report(p);
            }, interrupt));
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            throw new UserError(FormattableString.Invariant($"interrupted (Ctrl+C) at {passSeconds:F1} s of the pass; nothing written"),
                ExitCodes.Interrupted);
        }
        catch (PassFailedException e)
        {
            throw new UserError(e.Message, ExitCodes.Failure);
        }
        catch (LinkException e)
        {
            throw new UserError(board.ProblemWithin(BoardExitGrace) ?? $"link to the simulation board: {e.Message}", ExitCodes.Connection);
        }

        if (verbose)
        {
            foreach (var line in board.Output)
            {
                Console.WriteLine($"board: {line}");
            }
        }

        var summary = RunOutput.Write(directory, sim, outcome);
        PrintSummary(summary, outcome, directory);
        return summary.Alarms.Length == 0 && outcome.Peer.KeysIdentical ? ExitCodes.Ok : ExitCodes.Failure;
    }

    internal static PassConfig LoadPass(FileInfo? file)
    {
        if (file is null)
        {
            return new PassConfig();
        }

        try
        {
            return PassFile.Load(file.FullName);
        }
        catch (PassFileException e)
        {
            throw new UserError($"pass {file.FullName}: {e.Message}", ExitCodes.Usage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"pass {file.FullName}: {e.Message}", ExitCodes.Usage);
        }
    }

    /// <summary>A Spectre progress bar on a terminal; otherwise a plain line on stderr every 10 %.</summary>
    private static PassOutcome WithProgress(Func<Action<PassProgress>, PassOutcome> body)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var lastTenth = -1;
            return body(p =>
            {
                var tenth = (int)(p.Fraction * 10);
                if (tenth != lastTenth)
                {
                    lastTenth = tenth;
                    Console.Error.WriteLine(FormattableString.Invariant($"pass {p.Fraction * 100,3:0}% ({p.PassSeconds:F0} of {p.DurationSeconds:F0} s): {p.Status}"));
                }
            });
        }

        PassOutcome? outcome = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("pass", maxValue: 1000);
                outcome = body(p =>
                {
                    task.Value = p.Fraction * 1000;
                    task.Description = Markup.Escape(FormattableString.Invariant($"pass {p.PassSeconds,5:F0}/{p.DurationSeconds:F0} s  {p.Status}"));
                });
                task.Value = 1000;
            });
        return outcome!;
    }

    private static void PrintSummary(RunSummary summary, PassOutcome outcome, string directory)
    {
        var c = CultureInfo.InvariantCulture;
        var f = outcome.Firmware;
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"pass finished in {outcome.Wall.TotalSeconds:F1} s wall time ({summary.PassDurationSeconds:F1} s of pass)"));
        Console.WriteLine(summary.LockTimeSeconds is { } lockTime
            ? string.Create(c, $"  lock time        {lockTime:F3} s after the first slot left the satellite")
            : "  lock time        never locked");
        Console.WriteLine(string.Create(c, $"  detections       {summary.Detections} (truth: {summary.Truth.SignalClicks + summary.Truth.DarkCounts + summary.Truth.BackgroundCounts + summary.Truth.Afterpulses}), assigned to slots {f.Assigned}, outside window {f.DroppedOutsideWindow}, before lock {f.DroppedUnlocked}"));
        PrintSkew(outcome.SkewCalibration, c);
        Console.WriteLine(string.Create(c, $"  sifted bits      {summary.SiftedBits} in {f.BlocksClosed} blocks; key delivered {outcome.GroundKey.Count} bits"));
        Console.WriteLine(summary.Qber is { } qber
            ? string.Create(c, $"  QBER             {qber * 100:F2} % (signal class, estimation samples)")
            : "  QBER             not estimated");
        Console.WriteLine(string.Create(c, $"  bit errors       {summary.BitErrorsVsSatellite} of {outcome.GroundKey.Count} key bits differ from the satellite's ({outcome.Comparison.ErrorRate * 100:F2} %)"));
        Console.WriteLine(string.Create(c, $"  dropped          tagger overflow {f.TaggerOverflowed}, sifting {f.SiftDroppedClicks}"));
        Console.WriteLine(summary.Alarms.Length == 0 ? "  alarms           none" : "  alarms           " + string.Join("; ", summary.Alarms));
        PrintKey(outcome.Peer, c);
        Console.WriteLine($"files in {directory}: {RunDirectory.TimelineFileName}, {RunDirectory.SummaryFileName}, " +
                          $"{SimRunFiles.StationSiftedFileName}, {SimRunFiles.TransmitterSiftedFileName}, {RunDirectory.PassFileName}" +
                          (outcome.Peer.StationKey is null ? "" : $", {SimRunFiles.StationKeysDirectory}/ and {SimRunFiles.TransmitterKeysDirectory}/ ({outcome.Peer.Station.KeyId})"));
    }

    /// <summary>The post-processing lines: the key's length and what it cost, never a key bit.</summary>
    private static void PrintKey(PeerPassResult peer, CultureInfo c)
    {
        var r = peer.Station;
        Console.WriteLine($"  peer link        {peer.Session.Authentication.Describe()}");
        Console.WriteLine(string.Create(c,
            $"  error correction {r.Reconciliation}: {r.KeyStreamBits} key-stream bits in {r.Frames} frames ({r.FramesFailed} failed), " +
            $"f = {Number(r.EcEfficiency, "F3", c)}, disclosed {r.DisclosedBits} bits (incl. {r.VerificationTagBits} verification)"));
        Console.WriteLine(string.Create(c,
            $"  QBER             Z {Percent(r.QberZ, c)} (corrected), X {Percent(r.QberX, c)} (test basis); phase error bound {PhaseErrorBound(r, c)}"));
        if (r.SecretKeyBits > 0)
        {
            var identical = peer.KeysIdentical ? "identical on both sides" : "THE TWO SIDES DIFFER";
            Console.WriteLine(string.Create(c,
                $"  secret key       {r.SecretKeyBits} bits (finite-key, eps_sec {r.FiniteKeyInput?.EpsilonSecret:G2}, eps_cor {r.FiniteKeyInput?.EpsilonCorrect:G2}), {identical}, key id {r.KeyId}"));
        }
        else
        {
            Console.WriteLine($"  secret key       none: {r.NoKeyReason ?? "no key"}");
        }

        var replenished = r.PoolReplenishedBits > 0 ? $" ({r.PoolReplenishedBits} bits went back into both pools)" : "";
        Console.WriteLine(string.Create(c,
            $"  pool spent       {r.PoolSpentBits} bits (station; satellite {peer.Transmitter.PoolSpentBits}); net key {r.NetKeyBits} bits{replenished}"));
    }

    /// <summary>phi_Z in percent, or why there is none ("n/a (no key: no single-photon events can be bounded ...)").</summary>
    internal static string PhaseErrorBound(DistillationReport r, CultureInfo c) =>
        r.PhaseErrorBound is null ? $"n/a (no key: {r.NoKeyReason ?? "the finite-key length was not computed"})" : Percent(r.PhaseErrorBound, c);

    private static string Number(double? value, string format, CultureInfo c) => value is { } v ? v.ToString(format, c) : "n/a";

    private static string Percent(double? value, CultureInfo c) => value is { } v ? (v * 100).ToString("F2", c) + " %" : "n/a";

    private static void PrintSkew(SkewCalibrationResult skew, CultureInfo c)
    {
        if (!skew.Applied)
        {
            Console.WriteLine($"  skew             not applied: {skew.Problem}");
            return;
        }

        var t = skew.TableWithBeaconPs;
        Console.WriteLine(string.Create(c,
            $"  skew             H {t[0]:+0;-0}, V {t[1]:+0;-0}, D {t[2]:+0;-0}, A {t[3]:+0;-0} ps (beacon {t[4]}), measured {skew.StartedAtPassSeconds:F1}-{skew.AppliedAtPassSeconds:F1} s into the pass"));
    }
}
