using System.Text;
using GroundStation.DeviceModels;
using GroundStation.DeviceModels.FifoTagger;
using GroundStation.DeviceModels.Gpx2;
using GroundStation.DeviceModels.Mcp3208;
using GroundStation.DeviceModels.Mcp4922;
using GroundStation.Firmware.App;
using GroundStation.Firmware.App.NativeTask;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;

namespace GroundStation.Tests.App;

/// <summary>
/// The firmware booted on a <see cref="FakeBoard"/> with register-level chip models (<see cref="ModelledBoard"/>, the
/// FIFO tagger and the bench front end unless a <c>wiring</c> says otherwise), in virtual time. A test
/// arranges faults on <see cref="Board"/> (or the models) in <c>beforeBoot</c>, then the rig builds
/// <see cref="FirmwareApp"/>, runs start-up and lets it loop. The console is reached by typing lines into the host
/// end of the serial pair (B), as a technician's terminal would.
/// </summary>
internal sealed class FirmwareRig
{
    /// <summary>One loop iteration per millisecond of board time (the real loop waits up to 2 ms when idle).</summary>
    public const long StepMicroseconds = 1000;

    private readonly byte[] _hostRx = new byte[65536];

    public FirmwareRig(Action<FirmwareRig>? beforeBoot = null, bool lastResetWasWatchdog = false,
        ISpiDeviceModel? taggerOverride = null, bool taggerAbsent = false, bool adcAbsent = false,
        BufferBudget? buffers = null, BoardWiring? wiring = null, INativeAcquisition? nativeTask = null,
        NativeTaskWiring? taskWiring = null, Func<INativeAcquisition>? nativeTaskFactory = null)
    {
        Models = new ModelledBoard(wiring ?? BoardWiring.BenchFrontEnd(TaggerKind.FifoTagger), buffers ?? BufferBudget.SmallHeap(), 7, "fake",
            taggerOverride: taggerOverride, taggerAbsent: taggerAbsent, adcAbsent: adcAbsent);
        Board = Models.Fake;
        Board.Spi.RecordFrames = false;

        if (lastResetWasWatchdog)
        {
            Board.Resources.Watchdog = Watchdog = new FakeWatchdog(Board.Clock, lastResetWasWatchdog: true);
        }
        else
        {
            Watchdog = Board.Watchdog;
        }

        beforeBoot?.Invoke(this);
        nativeTask ??= nativeTaskFactory?.Invoke();
        App = nativeTask == null ? new FirmwareApp(Board.Resources) : new FirmwareApp(Board.Resources, null, nativeTask, taskWiring);
        App.Start();
    }

    public ModelledBoard Models { get; }

    public FakeBoard Board { get; }

    /// <summary>The FIFO tagger model (the default wiring's tagger).</summary>
    public FifoTaggerModel Tagger => Models.FifoTagger ?? throw new InvalidOperationException("this rig's board carries no FIFO tagger");

    /// <summary>The TDC-GPX2 / AS6500 model when the wiring names one.</summary>
    public Gpx2Model Gpx2 => Models.Gpx2 ?? throw new InvalidOperationException("this rig's board carries no TDC-GPX2");

    public Mcp4922Model Dac => Models.Dac;

    public Mcp3208Model Adc => Models.Adc;

    public FakeWatchdog Watchdog { get; }

    public FirmwareApp App { get; }

    public VirtualClock Clock => Board.Clock;

    public ISerialPort Host => Board.Serial.B;

    /// <summary>Loop iterations, one per <see cref="StepMicroseconds"/> of board time.</summary>
    public void Run(long microseconds, Action? everyStep = null)
    {
        long end = Clock.NowMicroseconds + microseconds;
        while (Clock.NowMicroseconds < end)
        {
            Clock.Advance(StepMicroseconds);
            everyStep?.Invoke();
            App.Step();
        }
    }

    /// <summary>Types a line on the console and returns what the firmware printed in answer (echo removed).</summary>
    public string Console(string line)
    {
        DrainHost();
        var bytes = Encoding.ASCII.GetBytes(line + "\r\n");
        Host.Write(bytes, 0, bytes.Length);
        Run(2 * StepMicroseconds);
        var text = DrainHost();

        // The console echoes what was typed, then CR LF, then the answer line(s) and CR LF.
        var echoed = line + "\r\n";
        if (text.StartsWith(echoed, StringComparison.Ordinal))
        {
            text = text[echoed.Length..];
        }

        return text.TrimEnd('\r', '\n');
    }

    /// <summary>Whatever the firmware wrote to the host end since the last call, as text.</summary>
    public string DrainHost()
    {
        var text = new StringBuilder();
        int n;
        while ((n = Host.Read(_hostRx, 0, _hostRx.Length)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(_hostRx, 0, n));
        }

        return text.ToString();
    }

    /// <summary>The safe-state reason bits as SYST:FAUL? reports them.</summary>
    public int FaultBitsFromConsole()
    {
        var reply = Console("SYST:FAUL?");
        return int.Parse(reply[..reply.IndexOf(',')]);
    }
}
