using GroundStation.DeviceModels;
using GroundStation.DeviceModels.FifoTagger;
using GroundStation.Firmware.App;
using GroundStation.Testbed.Bench;
using GroundStation.Host.Link;
using GroundStation.Host.Sifting;
using GroundStation.Testbed.Link;
using GroundStation.Testbed.Satellite;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Testbed.Bench.Memory;

/// <summary>What <see cref="FirmwareMemoryProbe.Measure"/> found for one board.</summary>
public sealed record FirmwareMemoryFigures(
    string Board,
    int HeapBudgetBytes,
    long StartupAllocatedBytes,
    double SteadyStateAllocatedBytesPerSecond,
    long MeasuredWindowAllocatedBytes,
    double MeasuredSeconds,
    long LoopIterations,
    long IterationsThatAllocated,
    long DetectionsFed,
    long BeaconsFed,
    long Assigned,
    long SiftedBits,
    long DroppedClicks,
    long BlocksAccepted,
    long TelemetryRecords,
    string TimingState);

/// <summary>
/// Measures the firmware's managed allocations on the desktop build with the runtime's per-thread counter
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>): start-up (constructing <see cref="FirmwareApp"/> on a
/// <see cref="FakeBoard"/> with the board's <see cref="BufferBudget"/>, then Start), and steady state (a pass of
/// detections and beacon through the FIFO tagger model, timing, sifting and the link to gsctl's real host session,
/// which acknowledges and runs the station's host role of sifting against the transmitter side, in memory). Only the firmware's
/// calls are counted (construction, Start, Step); the host, the satellite side and the event generator run between
/// them. The board's fakes run inside those calls, so the probe uses ones that do not record history: SPI frame
/// recording off, a counting watchdog, and a virtual-time UART (<see cref="TimedSerialLine"/>) at 921600 baud.
/// Desktop object sizes (16-24 byte headers, 8-byte references) are larger than nanoFramework's, so the start-up
/// figure over-states the device's; a steady state of 0 B/s holds on both.
/// The steady-state rate is that of the quietest eighth of the measured window (<see cref="AllocationByEighths"/>);
/// the whole window's bytes and the iterations that allocated are reported beside it.
/// </summary>
public static class FirmwareMemoryProbe
{
    public const int Baud = 921600;

    /// <summary>One firmware loop iteration per millisecond of board time.</summary>
    public const long StepMicroseconds = 1000;

    /// <summary>Board names `gsctl bench memory --board` accepts: the short names and the boards/ folder names.</summary>
    public static IReadOnlyList<string> Boards { get; } = ["devkitc", "wrover", "sim", "esp32-devkitc", "esp32-wrover"];

    /// <summary>The short name of a board given by its short or its folder name ("esp32-devkitc" is "devkitc").</summary>
    public static string ShortName(string board) => board.StartsWith("esp32-", StringComparison.Ordinal) ? board["esp32-".Length..] : board;

    /// <summary>The buffer budget of a board (as its Program.cs passes it to the firmware).</summary>
    public static BufferBudget BudgetFor(string board) => ShortName(board) switch
    {
        "devkitc" => BufferBudget.SmallHeap(),
        "wrover" => BufferBudget.PsramHeap(),
        "sim" => BufferBudget.Large(),
        _ => throw new ArgumentException($"unknown board '{board}' (known: {string.Join(", ", Boards)})", nameof(board)),
    };

    public static FirmwareMemoryFigures Measure(string board, int seed = 1, double warmUpSeconds = 3, double measureSeconds = 5,
        Action<string>? progress = null)
    {
        board = ShortName(board);
        var budget = BudgetFor(board);

        // A first boot in this process would also count the runtime's one-time type initialisation: the start-up
        // figure is a second, identical boot.
        Boot(budget, seed, out _);
        long startup = Boot(budget, seed, out var rig);
        progress?.Invoke($"{board}: start-up allocated {startup} B");

        var run = rig.RunSteadyState(warmUpSeconds, measureSeconds, progress);
        var app = rig.App;
        return new FirmwareMemoryFigures(board, budget.ManagedHeapBudgetBytes, startup,
            run.QuietestEighthBytes / (measureSeconds / AllocationByEighths.Parts), run.TotalBytes, measureSeconds, run.TotalWork,
            run.WindowsThatAllocated, rig.Source.DetectionsFed, rig.Source.BeaconsFed, app.Timing.Counters.Assigned,
            app.Sifter.Counters.SiftedBits, app.Sifter.Counters.DroppedClicks, app.Sifter.Counters.BlocksAccepted, rig.TelemetryRecords,
            app.Timing.State.ToString());
    }

    private static long Boot(BufferBudget budget, int seed, out ProbeRig rig)
    {
        var board = ProbeRig.CreateBoard(budget, seed);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var app = new FirmwareApp(board.Fake.Resources);
        app.Start();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        rig = new ProbeRig(board, app, seed);
        return allocated;
    }

    /// <summary>The fake board and its models, before the firmware exists.</summary>
    private sealed record ProbeBoard(FakeBoard Fake, FifoTaggerModel Tagger, TimedSerialLine Line);

    private sealed class ProbeRig
    {
        private readonly ProbeBoard _board;
        private readonly HostSession _host;
        private readonly InMemorySifting _sifting;
        private readonly Queue<SiftingMessage> _toDevice = new();

        public ProbeRig(ProbeBoard board, FirmwareApp app, int seed)
        {
            _board = board;
            App = app;
            Source = new SteadyPassSource(board.Tagger, (ulong)seed, startGroundPs: 50_000_000_000);
            _sifting = new InMemorySifting(EstimationPolicy.Default, Source.Record);
            _host = new HostSession(board.Line.B, board.Fake.Clock);
            _host.Received = OnDeviceMessage;
        }

        public FirmwareApp App { get; }

        public SteadyPassSource Source { get; }

        public long TelemetryRecords { get; private set; }

        private VirtualClock Clock => _board.Fake.Clock;

        public static ProbeBoard CreateBoard(BufferBudget budget, int seed)
        {
            // The FIFO tagger carries the steady pass; the front end is the boards' (bench) one.
            var models = new ModelledBoard(BoardWiring.BenchFrontEnd(TaggerKind.FifoTagger), budget, (ulong)seed, "memory-probe");
            var tagger = models.FifoTagger!;
            var fake = models.Fake;
            fake.Spi.RecordFrames = false;
            var clock = fake.Clock;
            var line = new TimedSerialLine(() => clock.NowMicroseconds, Baud, 0, seed);
            fake.Resources.HostSerial = line.A;
            fake.Resources.Watchdog = new CountingWatchdog();
            return new ProbeBoard(fake, tagger, line);
        }

        public AllocationByEighths RunSteadyState(
            double warmUpSeconds, double measureSeconds, Action<string>? progress)
        {
            Connect();
            Command($"TIM:PRED {Source.StartGroundPs},{Source.StartSlot},1000000");
            for (int channel = 1; channel <= 4; channel++)
            {
                Command($"DET:GATE {channel},ON");
            }

            RunFor((long)(warmUpSeconds * 1e6), measure: false);
            progress?.Invoke($"warm-up done: timing {App.Timing.State}, {App.Sifter.Counters.SiftedBits} sifted bits");
            return RunFor((long)(measureSeconds * 1e6), measure: true);
        }

        /// <summary>Steps the firmware for the given board time; with <paramref name="measure"/>, one window per Step (work = 1 iteration).</summary>
        private AllocationByEighths RunFor(long microseconds, bool measure)
        {
            long start = Clock.NowMicroseconds;
            long end = start + microseconds;
            var allocation = new AllocationByEighths();
            while (Clock.NowMicroseconds < end)
            {
                Clock.Advance(StepMicroseconds);
                Source.FeedUntil(Clock.NowMicroseconds * 1_000_000);
                long before = GC.GetAllocatedBytesForCurrentThread();
                App.Step();
                long delta = GC.GetAllocatedBytesForCurrentThread() - before;
                if (measure)
                {
                    allocation.Add((Clock.NowMicroseconds - start - 1) / (double)microseconds, delta, 1);
                }

                PollHost();
            }

            return allocation;
        }

        private void Connect()
        {
            _host.StartHandshake();
            long deadline = Clock.NowMicroseconds + 2_000_000;
            while (_host.State != HostSessionState.Connected)
            {
                if (Clock.NowMicroseconds > deadline)
                {
                    throw new InvalidOperationException("the firmware did not answer Hello");
                }

                Clock.Advance(StepMicroseconds);
                App.Step();
                _host.Poll();
            }
        }

        private void Command(string line)
        {
            int status = int.MinValue;
            string text = "";
            _host.CommandReplied = (_, s, t) => (status, text) = (s, t);
            _host.SendCommand(line);
            long deadline = Clock.NowMicroseconds + 1_000_000;
            while (status == int.MinValue && Clock.NowMicroseconds < deadline)
            {
                Clock.Advance(StepMicroseconds);
                App.Step();
                _host.Poll();
            }

            if (status != 0)
            {
                throw new InvalidOperationException($"'{line}' failed: {status} {text}");
            }
        }

        private void PollHost()
        {
            _host.Poll();
            while (_toDevice.TryPeek(out var message) && _host.SendReliable(message.Type, message.Payload))
            {
                _toDevice.Dequeue();
            }
        }

        private void OnDeviceMessage(MessageType type, byte[] buffer, int offset, int count)
        {
            if (type == MessageType.Telemetry)
            {
                TelemetryRecords++;
                return;
            }

            // The station's host role and the transmitter side, as in a pass (estimation policy included).
            _sifting.FromFirmware(type, buffer.AsSpan(offset, count).ToArray(), _toDevice);
        }
    }
}
