using System.Diagnostics;
using GroundStation.Boards.Sim.Uart;
using GroundStation.DeviceModels.FifoTagger;
using GroundStation.DeviceModels.Mcp3208;
using GroundStation.DeviceModels.Mcp4922;
using GroundStation.Firmware.App;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;

namespace GroundStation.Boards.Sim;

/// <summary>
/// The simulation board: the real firmware (<see cref="FirmwareApp"/>) on a <see cref="FakeBoard"/> whose SPI bus
/// carries register-level chip models, with the UART on a pseudo-terminal. It differs from an ESP32 board only in
/// the HAL it wires in.
/// </summary>
internal sealed class SimBoard : IDisposable
{
    private readonly PseudoTerminal _pty;
    private readonly PtySerialPort _uart;
    private readonly Stopwatch _wallClock = Stopwatch.StartNew();
    private volatile bool _stop;

    public SimBoard(SimBoardOptions options)
    {
        Tagger = new FifoTaggerModel();
        // The same references as the firmware assumes for the bench wiring (FirmwareApp: 2.048 V DAC, 3.3 V ADC).
        Dac = new Mcp4922Model(referenceMillivolts: 2048);
        Adc = new Mcp3208Model(referenceMillivolts: 3300);
        Fake = new FakeBoard(tagger: Tagger, dac: Dac, adc: Adc, buffers: BufferBudget.Large(), randomSeed: options.Seed, name: "sim");
        _pty = PseudoTerminal.Open();
        _uart = new PtySerialPort(_pty, options.BaudRate);
        Fake.Resources.HostSerial = _uart;
        App = new FirmwareApp(Fake.Resources) { FreeMemory = () => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - GC.GetTotalMemory(false) };
    }

    public FakeBoard Fake { get; }

    public FifoTaggerModel Tagger { get; }

    public Mcp4922Model Dac { get; }

    public Mcp3208Model Adc { get; }

    public FirmwareApp App { get; }

    public string UartPath => _uart.Path;

    /// <summary>Runs the firmware loop in real time until <see cref="Stop"/>.</summary>
    public void Run()
    {
        App.Start();
        while (!_stop)
        {
            // The board's clock follows the wall clock; idle iterations sleep on the UART.
            Fake.Clock.AdvanceTo(_wallClock.ElapsedTicks * 1_000_000 / Stopwatch.Frequency);
            App.Step();
            _uart.WaitForData(1);
        }
    }

    public void Stop() => _stop = true;

    public void Dispose() => _uart.Dispose();
}
