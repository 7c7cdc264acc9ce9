using System.Diagnostics;
using GroundStation.Boards.Sim.Uart;
using GroundStation.DeviceModels.FifoTagger;
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
        Fake = new FakeBoard(tagger: Tagger, buffers: BufferBudget.Large(), randomSeed: options.Seed, name: "sim");
        _pty = PseudoTerminal.Open();
        _uart = new PtySerialPort(_pty, options.BaudRate);
        Fake.Resources.HostSerial = _uart;
        App = new FirmwareApp(Fake.Resources);
    }

    public FakeBoard Fake { get; }

    public FifoTaggerModel Tagger { get; }

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
