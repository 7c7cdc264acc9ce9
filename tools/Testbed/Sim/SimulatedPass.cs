using System.Diagnostics;
using System.Globalization;
using GroundStation.Host.Distillation;
using GroundStation.Host.Drivers;
using GroundStation.Host.Link;
using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Session;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;
using GroundStation.Simulator.Events;
using GroundStation.Simulator.Output;

namespace GroundStation.Testbed.Sim;

/// <summary>Progress of a running pass: pass time fed to the tagger over the pass duration, and a short status.</summary>
public readonly record struct PassProgress(double PassSeconds, double DurationSeconds, string Status)
{
    public double Fraction => DurationSeconds <= 0 ? 1 : Math.Clamp(PassSeconds / DurationSeconds, 0, 1);
}

/// <summary>Everything a finished pass produced, ready for the run directory.</summary>
public sealed record PassOutcome(
    TimelineRow[] Timeline,
    RunSummary Summary,
    List<SiftedBitRecord> GroundKey,
    KeyComparison Comparison,
    FirmwareTotals Firmware,
    SkewCalibrationResult SkewCalibration,
    PeerPassResult Peer,
    TimeSpan Wall);

/// <summary>
/// Both sides' end of a simulated pass through the peer link: their sifted blocks, post-processing reports and final
/// keys (identical when the pass produced one), and what the session cost.
/// </summary>
public sealed record PeerPassResult(
    PeerSessionInfo Session,
    PeerCounters StationCounters,
    IReadOnlyList<LedgerBlock> StationBlocks,
    IReadOnlyList<LedgerBlock> TransmitterBlocks,
    DistillationReport Station,
    DistillationReport Transmitter,
    GroundStation.PostProcessing.Bits.BitString? StationKey,
    GroundStation.PostProcessing.Bits.BitString? TransmitterKey,
    long PoolBits)
{
    public bool KeysIdentical => StationKey is null ? TransmitterKey is null : StationKey.Equals(TransmitterKey);

    public override string ToString() => $"PeerPassResult {Station.KeyId} ({Station.SecretKeyBits} bits, keys redacted)";
}

/// <summary>The firmware's own end-of-pass counters (SIM:STAT?, SIFT:STAT?, the last telemetry record).</summary>
public sealed record FirmwareTotals(
    long Detections, long Assigned, long DroppedUnlocked, long DroppedOutsideWindow, long TaggerOverflowed,
    long SiftDroppedClicks, long SiftedBits, long BlocksClosed, long BlocksAlarmed, int Telemetry, long HostHolds, long HoldsExpired = 0);

/// <summary>
/// Runs one simulated pass against a simulation board that was started with the same pass and seed (gs-simboard
/// --pass): sends the coarse prediction an ephemeris would give, enables the detectors, starts the playback, and runs
/// the station's host role (tools/Host) between the firmware and the satellite, which is a peer on loopback TCP
/// (<see cref="SimulatedPeer"/>: the transmitter side's reference implementation serving the simulator's record). At
/// the end the station flushes, settles sifting, post-processes with the satellite and both sides commit the final
/// key. Telemetry records become the firmware columns of the timeline. The host's own copy of the simulator (same
/// config and seed) supplies the ephemeris, the satellite record and, replayed on a background thread, the truth.
/// </summary>
public sealed class SimulatedPass
{
    /// <summary>Ephemeris uncertainty claimed with the prediction: a GPS-disciplined station clock and an orbit
    /// known to metres are good to well under this; the firmware resolves the beacon index within 0.4 periods.</summary>
    public const long PredictionUncertaintyPs = 10_000_000;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StatusPeriod = TimeSpan.FromMilliseconds(100);

    private readonly LinkClient _client;
    private readonly PassSimulator _sim;
    private readonly Func<string?> _boardProblem;
    private readonly List<TelemetryRecord> _telemetry = new();
    private readonly List<TimedVerdict> _verdicts = new();
    private readonly AutoResetEvent _wake = new(false);
    private long _startBoardUs = -1;
    private int _currentSecond;
    private volatile bool _passEnded;
    private StationDriver? _driver;
    private StationRole? _finalRole;
    private CancellationToken _cancel;

    /// <param name="boardProblem">Returns why the board cannot go on (it exited), or null while it runs; the pass then
    /// ends with a <see cref="LinkException"/> (the device is gone, as with a pulled cable).</param>
    public SimulatedPass(LinkClient client, PassSimulator sim, Func<string?>? boardProblem = null)
    {
        _client = client;
        _sim = sim;
        _boardProblem = boardProblem ?? (() => null);
    }

    /// <summary>Appends the board's raw SIM:STAT? reply to the progress status (diagnostics).</summary>
    public bool ShowPlaybackStatus { get; init; }

    /// <summary>Pass seconds of skew histograms collected right after lock (then applied); 0 = no calibration.</summary>
    public double SkewCalibrationSeconds { get; init; } = DefaultSkewCalibrationSeconds;

    public const double DefaultSkewCalibrationSeconds = 10;

    /// <summary>Authentication and error correction between the station and the simulated satellite.</summary>
    public SimPeerOptions Peer { get; init; } = new();

    /// <summary>
    /// Runs the pass to the end. Throws <see cref="LinkException"/>, <see cref="PassFailedException"/>, or
    /// <see cref="OperationCanceledException"/> soon after <paramref name="cancel"/> is cancelled (Ctrl+C).
    /// </summary>
    public PassOutcome Run(Action<PassProgress>? progress = null, CancellationToken cancel = default)
    {
        _cancel = cancel;
        var wall = Stopwatch.StartNew();
        var physics = _sim.Physics;
        var status = SimStatus.Parse(Command("SIM:STAT?"));
        if (status.Phase != 0)
        {
            throw new PassFailedException("the simulation board's pass has already started");
        }

        var live = Peer.Operation == PeerOperation.LivePass;
        var peer = live ? StartPeer(PeerOperation.LivePass) : null;
        try
        {
            var role = peer?.CreateStationRole(EstimationPolicy.Default) ?? StationRole.ForPostPassRecording();
            role.Sifting.VerdictReceived += verdict =>
            {
                lock (_verdicts)
                {
                    _verdicts.Add(new TimedVerdict(verdict, _currentSecond));
                }
            };
            _driver = new StationDriver(peer?.Station, role, new LinkFirmware(_client));
            _client.Received = OnReceived;
            var station = Task.Run(() => _driver.RunAsync(() => _passEnded, cancel));

            // The ephemeris: when slot 0's light reaches the tagger, in tagger time (= the board's ground clock).
            var predictedPs = (long)Math.Round(physics.IdealArrivalGroundPs(0));
            Command(FormattableString.Invariant($"TIM:PRED {predictedPs},0,{PredictionUncertaintyPs}"));
            for (var detector = 1; detector <= 4; detector++)
            {
                Command($"DET:GATE {detector},ON");
            }

            // The truth needs the whole event stream; replay it while the board plays its own copy.
            var truth = Task.Run(() =>
            {
                foreach (var _ in _sim.Batches())
                {
                }
            });
            // Post-pass, the station answers the firmware itself within milliseconds: holding for every answer
            // costs little and makes a seed repeat. A live relay answers at the peer link's pace (its flushes).
            if (!live)
            {
                Command("SIM:REP");
            }

            var skew = new PassSkewCalibration(SkewCalibrationSeconds);
            skew.Arm(_client);
            Command("SIM:STAR");

            var nextStatus = TimeSpan.Zero;
            while (true)
            {
                CheckAlive(station);
                if (wall.Elapsed >= nextStatus)
                {
                    nextStatus = wall.Elapsed + StatusPeriod;
                    status = SimStatus.Parse(Command("SIM:STAT?"));
                    _startBoardUs = status.StartBoardUs;
                    skew.Step(status.Paused, status.FedPassSeconds, _client);
                    var calibrating = skew.Status(status.FedPassSeconds) is { } c ? ", " + c : "";
                    progress?.Invoke(new PassProgress(status.FedPassSeconds, status.DurationSeconds,
                        LiveStatus() + calibrating + (ShowPlaybackStatus ? " | SIM:STAT? " + status.Raw : "")));
                    if (status.Phase == 2)
                    {
                        break;
                    }
                }

                _wake.WaitOne(20);
            }

            progress?.Invoke(new PassProgress(status.DurationSeconds, status.DurationSeconds,
                live ? "flushing sifting, then post-processing" : "flushing; then sifting and post-processing with the satellite"));
            _passEnded = true;
            _driver.Wake();
            while (!((IAsyncResult)station).AsyncWaitHandle.WaitOne(100))
            {
                CheckAlive(station);
            }

            Finished(station);
            var sifting = SiftStatusOf(Command("SIFT:STAT?"));
            var final = SimStatus.Parse(Command("SIM:STAT?"));
            var safeState = Command("SYST:FAUL?");
            for (var detector = 1; detector <= 4; detector++)
            {
                Command($"DET:GATE {detector},OFF");
            }

            if (!live)
            {
                // Post-pass: the satellite is reached now, and the kept detections are sifted with it in the host.
                peer = StartPeer(PeerOperation.PostPass);
                var detections = PostPassReplay.Detections(role.Sifting.DeliveredBlocks);
                role = Replay(detections, peer);
            }

            _finalRole = role;
            TransmitterOutcome transmitter;
            try
            {
                transmitter = peer!.Transmitter.GetAwaiter().GetResult();
            }
            catch (PeerSessionException e)
            {
                throw new PassFailedException($"the simulated satellite's session failed: {e.Message}");
            }

            truth.Wait(cancel);
            var skewResult = skew.Result ?? new SkewCalibrationResult(false, double.NaN, double.NaN, 0, [],
                "the pass ended before lock plus the collection time");
            var result = new PeerPassResult(peer.Station.Info!, peer.Station.Counters, role.Sifting.DeliveredBlocks.ToList(),
                transmitter.Blocks, role.Distillation.Report(), transmitter.Report, role.Distillation.FinalKey, transmitter.FinalKey, peer.PoolBits);
            return Assemble(final, sifting, safeState, skewResult, result, live, wall.Elapsed);
        }
        finally
        {
            _client.Received = null;
            peer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private SimulatedPeer StartPeer(PeerOperation operation)
    {
        try
        {
            return SimulatedPeer.StartAsync(_sim, Peer, operation, _cancel).GetAwaiter().GetResult();
        }
        catch (PeerSessionException e)
        {
            throw new PassFailedException($"the simulated satellite: {e.Message}");
        }
    }

    private StationRole Replay(IReadOnlyList<SiftedEntry> detections, SimulatedPeer peer)
    {
        try
        {
            return PostPassReplay.RunAsync(detections, peer.Station, peer.Settings, _cancel).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is PeerSessionException or SiftingProtocolException)
        {
            throw new PassFailedException($"the station's post-pass session failed: {e.Message}");
        }
    }

    private void OnReceived(MessageType type, ReadOnlySpan<byte> payload)
    {
        if (type == MessageType.Telemetry)
        {
            var record = new TelemetryRecord();
            if (record.TryRead(payload.ToArray(), 0, payload.Length))
            {
                lock (_telemetry)
                {
                    _telemetry.Add(record);
                    if (_startBoardUs >= 0)
                    {
                        _currentSecond = Math.Max(0, SecondOf(record));
                    }
                }
            }

            return;
        }

        _driver?.PostFromFirmware(type, payload);
    }

    /// <summary>Throws when the board died, Ctrl+C was pressed, or the station's side of the pass failed.</summary>
    private void CheckAlive(Task station)
    {
        _cancel.ThrowIfCancellationRequested();
        if (_boardProblem() is { } problem)
        {
            throw new LinkException(LinkErrorKind.Closed, problem);
        }

        if (station.IsFaulted)
        {
            Finished(station);
        }
    }

    /// <summary>Turns the station driver's failure into the pass's.</summary>
    private static void Finished(Task station)
    {
        try
        {
            station.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is PeerSessionException or SiftingProtocolException)
        {
            throw new PassFailedException($"the station's peer session failed: {e.Message}");
        }
    }

    private PassOutcome Assemble(SimStatus final, SiftingCounters sifting, string safeState, SkewCalibrationResult skew, PeerPassResult peer,
        bool live, TimeSpan wall)
    {
        TelemetryRecord[] records;
        lock (_telemetry)
        {
            records = _telemetry.ToArray();
        }

        TimedVerdict[] verdicts;
        lock (_verdicts)
        {
            verdicts = live ? _verdicts.ToArray() : ByBlockSecond(_finalRole!);
        }

        // Records before the start and after the pass's last whole second follow the wall clock (the board clock does
        // then): whether and how many the host hears depends on how long it takes, so the timeline and the count
        // keep those of the pass's whole seconds (a record closing one of them carries the final counts if late).
        var wholeSeconds = (int)Math.Floor(_sim.Physics.IdealArrivalGroundPs(_sim.Physics.SlotCount) / 1e12);
        var duringPass = records.Where(r => SecondOf(r) is var s && s >= 0 && s < wholeSeconds).ToArray();
        var rows = FirmwareTimeline.Merge(TimelineCsv.TruthRows(_sim), duringPass, _startBoardUs, verdicts);
        if (!live)
        {
            rows = FirmwareTimeline.WithSiftedFromLedger(rows, _finalRole!.Sifting.Ledger, _sim.Physics.PulseRateHz);
        }

        var groundKey = peer.StationBlocks.SelectMany(b => b.Entries)
            .Select(e => new SiftedBitRecord(e.Slot, e.Basis, e.Bit, e.IntensityClass)).OrderBy(e => e.Slot).ToList();
        var comparison = KeyComparison.Compare(_sim.Satellite, groundKey);
        long sampled = 0, errors = 0;
        foreach (var r in verdicts.Select(v => v.Verdict))
        {
            for (var basis = 0; basis < SiftCodes.BasisCount; basis++)
            {
                sampled += r.Sampled[SiftCodes.Cell(SiftCodes.ClassSignal, basis)];
                errors += r.Errors[SiftCodes.Cell(SiftCodes.ClassSignal, basis)];
            }
        }

        var alarms = _finalRole!.Sifting.Alarms.Select(a => a.ToString()).ToList();
        var reasons = safeState.Split(',', 2);
        if (reasons[0] != "0")
        {
            alarms.Add($"safe state {reasons[0]}: {reasons.ElementAtOrDefault(1)?.Trim('"')}");
        }

        var last = records.LastOrDefault() ?? new TelemetryRecord();
        var ledger = _finalRole.Sifting.Ledger;
        var firmware = new FirmwareTotals(final.Detections, last.Assigned, last.DroppedUnlocked, last.DroppedOutsideWindow,
            final.FifoLost, sifting.DroppedClicks, ledger.MatchedSlots, ledger.BlocksClosed, _finalRole.Sifting.Verdicts.Count(v => !v.Accepted),
            duringPass.Length, final.HostHolds, final.HoldsExpired);
        var summary = RunSummary.FromSimulator(_sim) with
        {
            Detections = final.Detections,
            SiftedBits = _finalRole.Sifting.Ledger.MatchedSlots,
            Qber = sampled == 0 ? null : (double)errors / sampled,
            LockTimeSeconds = final.FirstLockTaggerPs < 0 ? null : _sim.Physics.TrueSecondsAtGroundPs(final.FirstLockTaggerPs),
            Alarms = alarms.ToArray(),
            BitErrorsVsSatellite = comparison.BitErrors + comparison.BasisMismatches + comparison.NoRecord,
            Dropped = new FirmwareDrops { TaggerOverflowRecords = firmware.TaggerOverflowed, SiftingClicks = firmware.SiftDroppedClicks },
        };
        return new PassOutcome(rows, summary, groundKey, comparison, firmware, skew, peer, wall);
    }

    /// <summary>Post-pass verdicts, each in the pass second its block's first remaining slot was sent in.</summary>
    private TimedVerdict[] ByBlockSecond(StationRole role) => role.Sifting.Verdicts.Select(v =>
    {
        var first = role.Sifting.Ledger.Block(v.Block)?.Entries.FirstOrDefault();
        return new TimedVerdict(v, first is { } e ? (int)(e.Slot / _sim.Physics.PulseRateHz) : -1);
    }).Where(t => t.Second >= 0).ToArray();

    private string LiveStatus()
    {
        TelemetryRecord? last;
        lock (_telemetry)
        {
            last = _telemetry.LastOrDefault();
        }

        if (last is null)
        {
            return "starting";
        }

        var state = last.TimingState switch { 0 => "searching", 1 => "acquiring", 2 => "locked", 3 => "holdover", _ => "?" };
        return $"{state}, {last.SiftedBits} sifted bits";
    }

    private int SecondOf(TelemetryRecord record) => FirmwareTimeline.SecondOf(record.UptimeMs, _startBoardUs);

    private static SiftingCounters SiftStatusOf(string reply)
    {
        try
        {
            return SiftingCounters.Parse(reply);
        }
        catch (FormatException e)
        {
            throw new PassFailedException(e.Message);
        }
    }

    private string Command(string line)
    {
        _cancel.ThrowIfCancellationRequested();
        if (_boardProblem() is { } problem)
        {
            throw new LinkException(LinkErrorKind.Closed, problem);
        }

        var result = _client.Execute(line, CommandTimeout);
        if (!result.Ok)
        {
            throw new PassFailedException($"the firmware refused '{line}': {result.Text}");
        }

        return result.Text;
    }

    /// <summary>SIM:STAT? (boards/sim/Pass/SimulationCommands.cs).</summary>
    private sealed record SimStatus(int Phase, double FedPassSeconds, double DurationSeconds, long StartBoardUs,
        long FirstLockTaggerPs, long Detections, long FifoLost, long HostHolds, long HoldsExpired, bool Paused, string Raw)
    {
        public static SimStatus Parse(string text)
        {
            var f = text.Split(',');
            if (f.Length < 10)
            {
                throw new PassFailedException($"unexpected SIM:STAT? reply '{text}' (is this the simulation board with --pass?)");
            }

            var c = CultureInfo.InvariantCulture;
            return new SimStatus(int.Parse(f[0], c), double.Parse(f[1], c), double.Parse(f[2], c), long.Parse(f[3], c),
                long.Parse(f[4], c), long.Parse(f[5], c), long.Parse(f[8], c), long.Parse(f[9], c),
                f.Length > 11 && long.TryParse(f[11], c, out var expired) ? expired : 0, f.Length > 15 && f[15] == "1", text);
        }
    }
}

/// <summary>An estimation verdict with the pass second it reached the host in (for the timeline).</summary>
public sealed record TimedVerdict(EstimateVerdict Verdict, int Second);

/// <summary>The pass could not be completed; the message says why in one line.</summary>
public sealed class PassFailedException(string message) : Exception(message);
