using System.Diagnostics;
using GroundStation.DeviceModels.FifoTagger;
using GroundStation.Firmware.App;
using GroundStation.Boards.Sim.Speed;
using GroundStation.Hal.Fakes;
using GroundStation.Protocol;
using GroundStation.Simulator;
using GroundStation.Simulator.Events;

namespace GroundStation.Boards.Sim.Pass;

/// <summary>Where a pass playback is: waiting for SIM:STARt, feeding the tagger, or done.</summary>
internal enum PassPhase
{
    Waiting = 0,
    Running = 1,
    Ended = 2,
}

/// <summary>What one <see cref="PassPlayback.Advance"/> call did.</summary>
internal enum PlaybackStep
{
    /// <summary>Tagger time (and the board clock with it) moved on.</summary>
    Advanced,

    /// <summary>The FIFO has no room: the firmware must read first (step again at once).</summary>
    FifoFull,

    /// <summary>Time is held until the host catches up (acknowledgements, any frame): wait for UART input.</summary>
    WaitingForHost,

    /// <summary>Not running (before SIM:STARt or after the end).</summary>
    Idle,
}

/// <summary>
/// Plays a simulated pass into the FIFO tagger model in lock-step with the firmware: the board clock follows the
/// simulated tagger time (tagger time = the simulator's ground ps), never the wall clock, so the pass runs as fast as
/// the firmware can read it. Each firmware iteration gets at most one FIFO-burst of events and 2 ms of tagger time,
/// only while the FIFO has room. Time is held (nothing fed) while the host owes the firmware an answer (frames on the
/// wire not acknowledged, announcements or blocks unanswered, the host silent for a second of board time; with
/// <see cref="Repeatable"/> any one of them): a real host answers within milliseconds of real time, so a
/// fast-forwarded firmware must not see it as slow and drop data it would keep in real time. Two rules keep a hold
/// from waiting forever: while the firmware's own frames wait for the line (the link paces them by board time, and the answer owed may be to one of them) time moves on exactly as
/// far as the line pacing needs (<see cref="LinkChannel.NextTransmitMicroseconds"/>), and a hold lasts at most <see cref="MaxHoldWallMilliseconds"/> of real time; after that the board
/// clock follows the wall clock until the host catches up, so the firmware meets a slow host as it would in the
/// field (back-pressure, counted drops, link loss). Light reaches a detector only while its gate is on and the
/// shutter is open (dark counts always).
/// </summary>
internal sealed class PassPlayback : IDisposable
{
    private const long MaxStepPicoseconds = 2_000_000_000;

    private const int MaxEventsPerStep = 1024;

    /// <summary>FIFO records kept free for the time marks the model inserts while time passes.</summary>
    private const int FifoReserve = 64;

    /// <summary>Half the firmware's 16 send slots: at 921600 baud, 8 frames are ~45 ms of line time.</summary>
    private const int HoldInFlightFrames = 8;

    private const int HoldBatchesAwaitingMatch = 3;

    // A modelled slow controller's busy step (a whole readout batch: 256 records at the stock image's ~0.22 ms each) is
    // far longer than a host's answer, which a real host would have given meanwhile: before such a step every sent
    // announcement must be answered (HostIsBehind), or the sifter would shed clicks the bench keeps.
    private const int HoldBlocksAwaitingHost = 2;

    private const long HostSilenceHoldMicroseconds = 1_000_000;

    /// <summary>
    /// Longest real time one hold lasts. A host on the same machine answers in milliseconds; one that has not
    /// answered in a second is slow (or gone) for real, and the pass goes on in real time rather than wait for it.
    /// </summary>
    public const long MaxHoldWallMilliseconds = 1000;

    private readonly PassSimulator _sim;
    private readonly EventCursor _cursor;
    private readonly FakeBoard _board;
    private readonly FifoTaggerModel _tagger;
    private readonly FirmwareApp _app;
    private readonly long _endPicoseconds;
    private readonly long[] _times = new long[MaxEventsPerStep];
    private readonly byte[] _channels = new byte[MaxEventsPerStep];
    private long _nowPicoseconds;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private long _holdStartedWallTicks = -1;
    private long _lastStepWallTicks;
    private bool _holdExpired;
    private readonly DeviceSpeed _speed;
    private long _recordsCharged;
    private long _busyPicoseconds;
    private long _pauseAtPicoseconds = -1;

    public PassPlayback(PassSimulator sim, FakeBoard board, FifoTaggerModel tagger, FirmwareApp app, DeviceSpeed? speed = null)
    {
        _sim = sim;
        _board = board;
        _tagger = tagger;
        _app = app;
        _speed = speed ?? DeviceSpeed.Unlimited;
        _cursor = new EventCursor(sim);
        // The light of the last slot arrives a range delay after it left; events up to there belong to the pass.
        _endPicoseconds = (long)Math.Ceiling(sim.Physics.IdealArrivalGroundPs(sim.Physics.SlotCount)) + 1;
    }

    public PassSimulator Simulator => _sim;

    public PassPhase Phase { get; private set; }

    /// <summary>Board clock (us) when the pass started: board time = this + tagger ps / 10^6.</summary>
    public long StartBoardMicroseconds { get; private set; } = -1;

    /// <summary>Tagger time fed so far (every event before it has been offered to the tagger).</summary>
    public long FedUntilPicoseconds => _nowPicoseconds;

    /// <summary>Pass time (true seconds) up to which events have been fed.</summary>
    public double FedPassSeconds => Math.Min(_sim.Physics.DurationSeconds,
        Math.Max(0, _sim.Physics.TrueSecondsAtGroundPs(_nowPicoseconds)));

    /// <summary>The firmware's own tagger time of its first lock (TimingEngine.LastLockGroundPs), or -1.</summary>
    public long FirstLockTaggerPicoseconds { get; private set; } = -1;

    public long EventsOffered { get; private set; }

    /// <summary>Events that never reached the tagger: detector gated off, or shutter closed (light only).</summary>
    public long EventsBlocked { get; private set; }

    /// <summary>Firmware iterations in which time was held for the host.</summary>
    public long HostHolds { get; private set; }

    /// <summary>Firmware iterations held, per reason.</summary>
    public Dictionary<string, long> HoldsByReason { get; } = new();

    /// <summary>Holds that lasted <see cref="MaxHoldWallMilliseconds"/>, after which the board followed real time.</summary>
    public long HoldsExpired { get; private set; }

    /// <summary>The modelled controller speed (--device-speed).</summary>
    public DeviceSpeed Speed => _speed;

    /// <summary>Board time the modelled controller spent processing tagger records (ps; 0 when unlimited).</summary>
    public long BusyPicoseconds { get; private set; }

    /// <summary>
    /// Repeatable holds (SIM:REPeatable): time is held while the host owes anything at all (one frame, batch or
    /// block), so every answer lands in frozen time, at the same board time in every run of a seed. The default
    /// thresholds (8 frames, 3 batches, 2 blocks, 1 s of host silence) let the firmware run on while an answer is
    /// under way, as a host on a real line does (a live peer relay answers in hundreds of ms), so where an answer
    /// lands follows the wall clock.
    /// </summary>
    public bool Repeatable { get; set; }

    /// <summary>True while the playback waits at a pause point the host asked for (SIM:PAUSe), until SIM:CONTinue.</summary>
    public bool Paused { get; private set; }

    /// <summary>Pause at the first step after the firmware's first lock (SIM:PAUSe:LOCK).</summary>
    public bool PauseAtLock { get; set; }

    /// <summary>
    /// Pauses once tagger time has moved on by <paramref name="milliseconds"/> from where it is now (SIM:PAUSe:AFTer);
    /// feeding stops exactly there, so the host acts at the same pass time in every run.
    /// </summary>
    public void PauseAfter(long milliseconds) => _pauseAtPicoseconds = _nowPicoseconds + milliseconds * 1_000_000_000;

    /// <summary>Ends a pause (SIM:CONTinue); false when the playback was not paused.</summary>
    public bool Continue()
    {
        if (!Paused)
        {
            return false;
        }

        Paused = false;
        return true;
    }

    /// <summary>Why time was last held ("" when it was not).</summary>
    public string LastHoldReason { get; private set; } = "";

    /// <summary>Starts feeding; the next telemetry record falls one board second after the pass start.</summary>
    public bool Start()
    {
        if (Phase != PassPhase.Waiting)
        {
            return false;
        }

        StartBoardMicroseconds = _board.Clock.NowMicroseconds;
        _app.Telemetry.Refresh(StartBoardMicroseconds);
        Phase = PassPhase.Running;
        return true;
    }

    /// <summary>One feeding step, called after each firmware iteration.</summary>
    public PlaybackStep Advance()
    {
        if (Phase != PassPhase.Running)
        {
            return PlaybackStep.Idle;
        }

        if (FirstLockTaggerPicoseconds < 0 && _app.Timing.Counters.Locks > 0)
        {
            FirstLockTaggerPicoseconds = _app.Timing.LastLockGroundPs;
        }

        ChargeProcessing();
        if (Paused || ReachedPausePoint())
        {
            // The host acts here in frozen time (e.g. the skew calibration's start and end): a pause it asked for
            // is not a host falling behind, so it never expires.
            Paused = true;
            LastHoldReason = "paused for the host";
            _tagger.ReadoutPaused = _speed.IsLimited;
            _lastStepWallTicks = _wall.ElapsedTicks;
            return PlaybackStep.WaitingForHost;
        }

        long stepPicoseconds = MaxStepPicoseconds;
        bool forcedStep = false;
        long wallTicks = _wall.ElapsedTicks;
        if (HostIsBehind())
        {
            // A frame the host's window admits may wait for the line, which the link paces by board time (the
            // answer owed may be to that very frame): then time moves on exactly as far as the pacing needs, and
            // the host still looks as quick as it is. Otherwise time is held, for at most
            // MaxHoldWallMilliseconds; after that the host is slow for real and the board follows real time.
            LinkChannel channel = _app.Link.Channel;
            long nowUs = _board.Clock.NowMicroseconds;
            if (channel.Sender.SelectForTransmit(nowUs) >= 0)
            {
                long waitUs = Math.Clamp(channel.NextTransmitMicroseconds - nowUs, 1, MaxStepPicoseconds / 1_000_000);
                stepPicoseconds = waitUs * 1_000_000;
                forcedStep = true;
            }
            else
            {
                if (_holdStartedWallTicks < 0)
                {
                    _holdStartedWallTicks = wallTicks;
                }

                if (wallTicks - _holdStartedWallTicks < MaxHoldWallMilliseconds * Stopwatch.Frequency / 1000)
                {
                    // Held time is frozen time: a modelled slow controller may not work off its backlog in it.
                    _tagger.ReadoutPaused = _speed.IsLimited;
                    HostHolds++;
                    HoldsByReason[LastHoldReason] = HoldsByReason.GetValueOrDefault(LastHoldReason) + 1;
                    _lastStepWallTicks = wallTicks;
                    return PlaybackStep.WaitingForHost;
                }

                if (!_holdExpired)
                {
                    _holdExpired = true;
                    HoldsExpired++;
                }

                stepPicoseconds = Math.Min(MaxStepPicoseconds,
                    (long)((wallTicks - _lastStepWallTicks) * (1e12 / Stopwatch.Frequency)));
                if (stepPicoseconds <= 0)
                {
                    _tagger.ReadoutPaused = _speed.IsLimited;
                    return PlaybackStep.WaitingForHost;
                }

                forcedStep = true;
            }
        }
        else
        {
            _holdStartedWallTicks = -1;
            _holdExpired = false;
            LastHoldReason = "";
        }

        _lastStepWallTicks = wallTicks;
        _tagger.ReadoutPaused = false;
        long next;
        bool busyStep = _busyPicoseconds > 0;
        if (busyStep)
        {
            // The modelled controller was busy: that much tagger time passed whatever the FIFO's room, and what
            // arrived meanwhile is offered to the FIFO, which drops (and counts) what it cannot hold.
            long busy = forcedStep ? Math.Max(_busyPicoseconds, stepPicoseconds) : _busyPicoseconds;
            _busyPicoseconds = 0;
            next = _nowPicoseconds + busy;
            while (Offer(next, MaxEventsPerStep, out _) == MaxEventsPerStep)
            {
            }
        }
        else
        {
            int room = Math.Min(MaxEventsPerStep, _tagger.FifoDepth - _tagger.Level - FifoReserve);
            if (room <= 0)
            {
                return PlaybackStep.FifoFull;
            }

            long limit = _nowPicoseconds + stepPicoseconds;
            if (_pauseAtPicoseconds > _nowPicoseconds)
            {
                limit = Math.Min(limit, _pauseAtPicoseconds);
            }

            Offer(limit, room, out next);
        }

        bool streamDone = _cursor.Finished;
        if (streamDone && !busyStep)
        {
            // Idle after the last event: time goes only as far as the pass's end (then the wall clock takes over).
            // A busy controller's time passes whatever the stream holds.
            next = Math.Min(next, Math.Max(_endPicoseconds, _nowPicoseconds));
        }

        if (next > _nowPicoseconds)
        {
            _nowPicoseconds = next;
            _tagger.AdvanceTo(next);
            _board.Clock.AdvanceTo(StartBoardMicroseconds + next / 1_000_000);
        }

        if (streamDone && _nowPicoseconds >= _endPicoseconds && _tagger.Level == 0)
        {
            Phase = PassPhase.Ended;
        }

        return PlaybackStep.Advanced;
    }

    public void Dispose() => _cursor.Dispose();

    /// <summary>
    /// Offers the tagger every pass event before <paramref name="limit"/>, at most <paramref name="room"/> of them.
    /// Returns how many reached the tagger (events blocked by a closed gate or shutter do not count against the room);
    /// <paramref name="next"/> is how far tagger time may move: the limit, or the first event left for later.
    /// </summary>
    private int Offer(long limit, int room, out long next)
    {
        next = limit;
        int n = 0;
        while (_cursor.TryPeek(out var e))
        {
            if (e.TimePs >= limit)
            {
                break;
            }

            if (n == room)
            {
                next = e.TimePs;
                break;
            }

            _cursor.TryTake(out e);
            if (ReachesTagger(e))
            {
                _times[n] = e.TimePs;
                _channels[n] = e.Channel;
                n++;
            }
            else
            {
                EventsBlocked++;
            }
        }

        if (n > 0)
        {
            _tagger.Enqueue(_times.AsSpan(0, n), _channels.AsSpan(0, n));
            EventsOffered += n;
        }

        return n;
    }

    /// <summary>
    /// Books the processing time of the records the firmware clocked out of the FIFO since the last call (device
    /// speed x records); tagger time then moves on by at least that much at the next step that is not held.
    /// </summary>
    private void ChargeProcessing()
    {
        long read = _tagger.RecordsClockedOut;
        long charged = (read - _recordsCharged) * _speed.PicosecondsPerEvent;
        _recordsCharged = read;
        _busyPicoseconds += charged;
        BusyPicoseconds += charged;
    }

    /// <summary>
    /// True (once) when a pause the host asked for is due and nothing is owed either way: the host has answered
    /// everything and, unless a modelled slow controller is working off a backlog, the firmware has read the FIFO.
    /// </summary>
    private bool ReachedPausePoint()
    {
        bool due = (PauseAtLock && FirstLockTaggerPicoseconds >= 0)
            || (_pauseAtPicoseconds >= 0 && _nowPicoseconds >= _pauseAtPicoseconds);
        if (!due || HostIsBehind() || (_tagger.Level > 0 && !_speed.IsLimited))
        {
            return false;
        }

        if (PauseAtLock && FirstLockTaggerPicoseconds >= 0)
        {
            PauseAtLock = false;
        }
        else
        {
            _pauseAtPicoseconds = -1;
        }

        return true;
    }

    private bool HostIsBehind()
    {
        DeviceEndpoint link = _app.Link;
        if (link.Mode != LinkMode.Binary)
        {
            return false; // no host session: nobody to wait for (a console user, or the host has gone)
        }

        LastHoldReason = link.Channel.Sender.InFlight >= (Repeatable ? 1 : HoldInFlightFrames) ? "frames in flight"
            : _app.Sifter.BatchesAwaitingMatch >= (Repeatable || _busyPicoseconds > 0 ? 1 : HoldBatchesAwaitingMatch) ? "announcement awaiting match"
            : _app.Sifter.BlocksAwaitingHost >= (Repeatable ? 1 : HoldBlocksAwaitingHost) ? "block awaiting host"
            : !Repeatable && _board.Clock.NowMicroseconds - link.Channel.LastReceiveMicroseconds > HostSilenceHoldMicroseconds ? "host silent"
            : "";
        return LastHoldReason.Length > 0;
    }

    private bool ReachesTagger(in TaggerEvent e)
    {
        if (e.Channel >= Channels.Beacon)
        {
            return true; // the beacon has its own detector, outside the SPCM controller's gates
        }

        if (!_board.DetectorGates[e.Channel].IsHigh)
        {
            return false;
        }

        // Shutter high = closed: no light, but the detector's own dark counts and afterpulses remain.
        return !_board.Shutter.IsHigh || e.Origin is EventOrigin.DarkCount or EventOrigin.Afterpulse;
    }
}
