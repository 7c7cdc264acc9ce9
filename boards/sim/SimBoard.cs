using System.Diagnostics;
using GroundStation.Boards.Sim.Pass;
using GroundStation.Boards.Sim.Speed;
using GroundStation.Boards.Sim.Uart;
using GroundStation.DeviceModels;
using GroundStation.DeviceModels.FifoTagger;
using GroundStation.DeviceModels.Mcp3208;
using GroundStation.DeviceModels.Mcp4922;
using GroundStation.Firmware.App;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;
using GroundStation.NativeCore;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;

namespace GroundStation.Boards.Sim;

/// <summary>
/// The simulation board: the real firmware (<see cref="FirmwareApp"/>) on a <see cref="FakeBoard"/> whose SPI bus
/// carries register-level chip models (<see cref="ModelledBoard"/>), with the UART on a pseudo-terminal. It differs
/// from an ESP32 board only in the HAL it wires in. Its board definition: the FIFO tagger (the pass playback feeds
/// it) and the bench's detector front end, whose bias and temperature read back through the ADC model.
/// </summary>
internal sealed class SimBoard : IDisposable
{
    private readonly PseudoTerminal _pty;
    private readonly PtySerialPort _uart;
    private readonly Stopwatch _wallClock = Stopwatch.StartNew();
    private volatile bool _stop;
    private readonly Action<string> _log;
    private long _wallOffsetMicroseconds;

    /// <summary>Builds the board; with <see cref="SimBoardOptions.Pass"/> the pass is loaded (a bad file throws
    /// <see cref="PassFileException"/> naming the field) and waits for SIM:STARt.</summary>
    public SimBoard(SimBoardOptions options, Action<string>? log = null)
    {
        PassConfig? pass = options.Pass is null ? null
            : options.Pass == "default" ? new PassConfig() : PassFile.Load(options.Pass);
        // An ESP32 speed models the DevKitC's image, buffers included: its readout batch (64 records) sets how much the
        // firmware reads and hands to sifting per loop iteration, as on the bench.
        var speed = options.Speed ?? DeviceSpeed.Unlimited;
        var budget = speed.IsLimited ? BufferBudget.SmallHeap() : BufferBudget.Large();
        Models = new ModelledBoard(BoardWiring.BenchFrontEnd(TaggerKind.FifoTagger), budget, options.Seed, "sim",
            fifoDepth: pass?.Tagger.FifoDepth ?? 4096);
        Fake = Models.Fake;
        Tagger = Models.FifoTagger!;
        Dac = Models.Dac;
        Adc = Models.Adc;

        // A board runs for hours: the fake bus must not keep a transcript of every SPI frame.
        Fake.Spi.RecordFrames = false;

        _pty = PseudoTerminal.Open();
        _uart = new PtySerialPort(_pty, options.BaudRate);
        Fake.Resources.HostSerial = _uart;
        // The per-event core: native where libgscore was built (unless --core managed), else the managed reference.
        _log = log ?? (_ => { });
        IAcquisitionCore? core = NativeAcquisitionCore.Select(options.Core, out string? coreNotice);
        CoreNotice = coreNotice;

        App = new FirmwareApp(Fake.Resources, core) { FreeMemory = () => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - GC.GetTotalMemory(false) };
        if (pass is not null)
        {
            Playback = new PassPlayback(new PassSimulator(pass, options.Seed), Fake, Tagger, App, options.Speed);
        }

        SimulationCommands.Register(App, Playback, Tagger, _log);
    }

    /// <summary>Why the managed core runs although the native one was asked for (or defaulted to), or null.</summary>
    public string? CoreNotice { get; }

    /// <summary>The loaded pass, or null when the board runs without one.</summary>
    public PassPlayback? Playback { get; }

    /// <summary>The chip models and the fake board they sit on.</summary>
    public ModelledBoard Models { get; }

    public FakeBoard Fake { get; }

    public FifoTaggerModel Tagger { get; }

    public Mcp4922Model Dac { get; }

    public Mcp3208Model Adc { get; }

    public FirmwareApp App { get; }

    public string UartPath => _uart.Path;

    /// <summary>
    /// Runs the firmware loop until <see cref="Stop"/>. The board's clock follows the wall clock, except while a pass
    /// plays: then it follows the simulated tagger time (<see cref="PassPlayback"/>), and afterwards the wall clock
    /// again from where the pass left it. Idle iterations sleep on the UART.
    /// </summary>
    public void Run()
    {
        App.Start();
        var wasRunning = false;
        while (!_stop)
        {
            var running = Playback?.Phase == PassPhase.Running;
            if (!running)
            {
                if (wasRunning)
                {
                    _wallOffsetMicroseconds = Fake.Clock.NowMicroseconds - WallMicroseconds();
                    _log($"pass ended at board time {Fake.Clock.NowMicroseconds} us: {Playback!.EventsOffered} events offered, " +
                         $"{Playback.EventsBlocked} blocked, {Playback.HostHolds} host holds, {Playback.HoldsExpired} expired ({string.Join(", ", Playback.HoldsByReason.Select(kv => $"{kv.Key}: {kv.Value}"))}); " +
                         $"device speed {Playback.Speed.Name}: busy {Playback.BusyPicoseconds / 1e12:F3} s, tagger FIFO lost {Tagger.LostCount}");
                }

                Fake.Clock.AdvanceTo(Math.Max(Fake.Clock.NowMicroseconds, WallMicroseconds() + _wallOffsetMicroseconds));
            }

            wasRunning = running;
            App.Step();
            var step = running ? Playback!.Advance() : PlaybackStep.Idle;
            if (step is PlaybackStep.Idle or PlaybackStep.WaitingForHost)
            {
                _uart.WaitForData(1);
            }
        }
    }

    private long WallMicroseconds() => _wallClock.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;

    public void Stop() => _stop = true;

    public void Dispose()
    {
        Playback?.Dispose();
        _uart.Dispose();
    }
}
