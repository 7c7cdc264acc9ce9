using System.Diagnostics;
using System.Globalization;
using GroundStation.Gsctl.Link;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;
using GroundStation.Simulator.Events;
using GroundStation.Simulator.Output;

namespace GroundStation.Gsctl.Sim;

/// <summary>Progress of a running pass: pass time fed to the tagger over the pass duration, and a short status.</summary>
public readonly record struct PassProgress(double PassSeconds, double DurationSeconds, string Status)
{
    public double Fraction => DurationSeconds <= 0 ? 1 : Math.Clamp(PassSeconds / DurationSeconds, 0, 1);
}

/// <summary>Everything a finished pass produced, ready for <see cref="RunDirectory.Write"/>.</summary>
public sealed record PassOutcome(
    TimelineRow[] Timeline,
    RunSummary Summary,
    List<SiftedBitRecord> GroundKey,
    KeyComparison Comparison,
    FirmwareTotals Firmware,
    SkewCalibrationResult SkewCalibration,
    TimeSpan Wall);

/// <summary>The firmware's own end-of-pass counters (SIM:STAT?, SIFT:STAT?, the last telemetry record).</summary>
public sealed record FirmwareTotals(
    long Detections, long Assigned, long DroppedUnlocked, long DroppedOutsideWindow, long TaggerOverflowed,
    long SiftDroppedClicks, long SiftedBits, long BlocksClosed, long BlocksAlarmed, int Telemetry, long HostHolds);

/// <summary>
/// Runs one simulated pass against a simulation board that was started with the same pass and seed (gs-simboard
/// --pass): sends the coarse prediction an ephemeris would give, enables the detectors, starts the playback, plays
/// the satellite side of sifting and the host's estimation policy while the pass runs, flushes at the end and waits
/// until every closed block has been estimated. Telemetry records become the firmware columns of the timeline.
/// The host's own copy of the simulator (same config and seed) supplies the ephemeris, the satellite record and,
/// replayed on a background thread, the truth.
/// </summary>
public sealed class SimulatedPass
{
    /// <summary>Ephemeris uncertainty claimed with the prediction: a GPS-disciplined station clock and an orbit
    /// known to metres are good to well under this; the firmware resolves the beacon index within 0.4 periods.</summary>
    public const long PredictionUncertaintyPs = 10_000_000;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StatusPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SiftingDrainTimeout = TimeSpan.FromSeconds(60);

    private readonly LinkClient _client;
    private readonly PassSimulator _sim;
    private readonly Func<string?> _boardProblem;
    private readonly PassSiftingHost _host;
    private readonly List<TelemetryRecord> _telemetry = new();
    private readonly AutoResetEvent _wake = new(false);
    private long _startBoardUs = -1;
    private CancellationToken _cancel;

    /// <param name="boardProblem">Returns why the board cannot go on (it exited), or null while it runs; the pass then
    /// ends with a <see cref="LinkException"/> (the device is gone, as with a pulled cable).</param>
    public SimulatedPass(LinkClient client, PassSimulator sim, Func<string?>? boardProblem = null)
    {
        _client = client;
        _sim = sim;
        _boardProblem = boardProblem ?? (() => null);
        _host = new PassSiftingHost(new SimulatedSatelliteRecord(sim.Satellite));
        _host.ReplyQueued += () => _wake.Set();
    }

    public PassSiftingHost Host => _host;

    /// <summary>Appends the board's raw SIM:STAT? reply to the progress status (diagnostics).</summary>
    public bool ShowPlaybackStatus { get; init; }

    /// <summary>Pass seconds of skew histograms collected right after lock (then applied); 0 = no calibration.</summary>
    public double SkewCalibrationSeconds { get; init; } = DefaultSkewCalibrationSeconds;

    public const double DefaultSkewCalibrationSeconds = 10;

    /// <summary>
    /// Runs the pass to the end. Throws <see cref="LinkException"/>, <see cref="PassFailedException"/>, or
    /// <see cref="OperationCanceledException"/> soon after <paramref name="cancel"/> is cancelled (Ctrl+C).
    /// </summary>
    public PassOutcome Run(Action<PassProgress>? progress = null, CancellationToken cancel = default)
    {
        _cancel = cancel;
        var wall = Stopwatch.StartNew();
        var physics = _sim.Physics;
        _client.Received = OnReceived;

        var status = SimStatus.Parse(Command("SIM:STAT?"));
        if (status.Phase != 0)
        {
            throw new PassFailedException("the simulation board's pass has already started");
        }

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
        Command("SIM:STAR");

        var skew = new PassSkewCalibration(SkewCalibrationSeconds);
        var nextStatus = TimeSpan.Zero;
        while (true)
        {
            PumpReplies();
            if (wall.Elapsed >= nextStatus)
            {
                nextStatus = wall.Elapsed + StatusPeriod;
                status = SimStatus.Parse(Command("SIM:STAT?"));
                _startBoardUs = status.StartBoardUs;
                PumpReplies();
                skew.Step(LastTimingState() == TimingStateLocked, status.FedPassSeconds, _client);
                var calibrating = skew.Status(status.FedPassSeconds) is { } c ? ", " + c : "";
                progress?.Invoke(new PassProgress(status.FedPassSeconds, status.DurationSeconds,
                    LiveStatus() + calibrating + (ShowPlaybackStatus ? " | SIM:STAT? " + status.Raw : "")));
                if (status.Phase == 2)
                {
                    break;
                }
            }

            _wake.WaitOne(5);
        }

        progress?.Invoke(new PassProgress(status.DurationSeconds, status.DurationSeconds, "flushing sifting"));
        _host.QueueFlush();
        var sifting = DrainSifting();
        var final = SimStatus.Parse(Command("SIM:STAT?"));
        var safeState = Command("SYST:FAUL?");
        for (var detector = 1; detector <= 4; detector++)
        {
            Command($"DET:GATE {detector},OFF");
        }

        truth.Wait();
        var skewResult = skew.Result ?? new SkewCalibrationResult(false, double.NaN, double.NaN, 0, [],
            "the pass ended before lock plus the collection time");
        return Assemble(final, sifting, safeState, skewResult, wall.Elapsed);
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
                        _host.CurrentSecond = Math.Max(0, SecondOf(record));
                    }
                }
            }

            return;
        }

        _host.OnMessage(type, payload);

        // On the pump thread, inside the link's lock: the reply leaves in this very poll.
        _host.TrySend(SendReliable);
    }

    private bool SendReliable(MessageType type, byte[] payload) => _client.SendReliable(type, payload);

    private void PumpReplies()
    {
        _cancel.ThrowIfCancellationRequested();
        if (_boardProblem() is { } problem)
        {
            throw new LinkException(LinkErrorKind.Closed, problem);
        }

        _host.TrySend(SendReliable);
    }

    /// <summary>After SiftFlush: waits until every sifted bit is in a closed block and every block is estimated.</summary>
    private SiftingCounters DrainSifting()
    {
        var deadline = Stopwatch.StartNew();
        SiftingCounters? previous = null;
        while (deadline.Elapsed < SiftingDrainTimeout)
        {
            PumpReplies();
            var now = SiftStatusOf(Command("SIFT:STAT?"));
            var results = _host.Results;
            var done = _host.QueuedReplies == 0
                       && _host.Satellite.PendingBits == 0
                       && now.SiftedBits == _host.Satellite.MatchedSlots
                       && results.Count == now.BlocksClosed
                       && _host.DeliveredBlocks == results.Count(r => r.Accepted);
            if (done && previous == now)
            {
                return now;
            }

            previous = done ? now : null;
            _wake.WaitOne(50);
        }

        throw new PassFailedException(
            $"sifting did not finish within {SiftingDrainTimeout.TotalSeconds:0} s of the pass end " +
            $"({_host.Results.Count} blocks estimated, {_host.Satellite.PendingBits} satellite bits not in a closed block)");
    }

    private PassOutcome Assemble(SimStatus final, SiftingCounters sifting, string safeState, SkewCalibrationResult skew, TimeSpan wall)
    {
        TelemetryRecord[] records;
        lock (_telemetry)
        {
            records = _telemetry.ToArray();
        }

        var results = _host.Results;
        var rows = FirmwareTimeline.Merge(TimelineCsv.TruthRows(_sim), records, _startBoardUs, results);
        var groundKey = _host.GroundKey();
        var comparison = KeyComparison.Compare(_sim.Satellite, groundKey);
        long sampled = 0, errors = 0;
        foreach (var r in results)
        {
            for (var basis = 0; basis < SiftCodes.BasisCount; basis++)
            {
                sampled += r.Sampled[SiftCodes.Cell(SiftCodes.ClassSignal, basis)];
                errors += r.Errors[SiftCodes.Cell(SiftCodes.ClassSignal, basis)];
            }
        }

        var alarms = _host.Alarms.Select(a => a.ToString()).ToList();
        var reasons = safeState.Split(',', 2);
        if (reasons[0] != "0")
        {
            alarms.Add($"safe state {reasons[0]}: {reasons.ElementAtOrDefault(1)?.Trim('"')}");
        }

        var last = records.LastOrDefault() ?? new TelemetryRecord();
        var firmware = new FirmwareTotals(final.Detections, last.Assigned, last.DroppedUnlocked, last.DroppedOutsideWindow,
            final.FifoLost, sifting.DroppedClicks, sifting.SiftedBits, sifting.BlocksClosed, sifting.BlocksAlarmed,
            records.Length, final.HostHolds);
        var summary = RunSummary.FromSimulator(_sim) with
        {
            Detections = final.Detections,
            SiftedBits = sifting.SiftedBits,
            Qber = sampled == 0 ? null : (double)errors / sampled,
            LockTimeSeconds = final.FirstLockTaggerPs < 0 ? null : _sim.Physics.TrueSecondsAtGroundPs(final.FirstLockTaggerPs),
            Alarms = alarms.ToArray(),
            BitErrorsVsSatellite = comparison.BitErrors + comparison.BasisMismatches + comparison.NoRecord,
            Dropped = new FirmwareDrops { TaggerOverflowRecords = firmware.TaggerOverflowed, SiftingClicks = firmware.SiftDroppedClicks },
        };
        return new PassOutcome(rows, summary, groundKey, comparison, firmware, skew, wall);
    }

    private const int TimingStateLocked = 2;

    private int LastTimingState()
    {
        lock (_telemetry)
        {
            return _telemetry.Count == 0 ? -1 : _telemetry[^1].TimingState;
        }
    }

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
        PumpReplies();
        var result = _client.Execute(line, CommandTimeout);
        if (!result.Ok)
        {
            throw new PassFailedException($"the firmware refused '{line}': {result.Text}");
        }

        return result.Text;
    }

    /// <summary>SIM:STAT? (boards/sim/Pass/SimulationCommands.cs).</summary>
    private sealed record SimStatus(int Phase, double FedPassSeconds, double DurationSeconds, long StartBoardUs,
        long FirstLockTaggerPs, long Detections, long FifoLost, long HostHolds, string Raw)
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
                long.Parse(f[4], c), long.Parse(f[5], c), long.Parse(f[8], c), long.Parse(f[9], c), text);
        }
    }
}

/// <summary>The pass could not be completed; the message says why in one line.</summary>
public sealed class PassFailedException(string message) : Exception(message);
