using GroundStation.Hal;

namespace GroundStation.Hal.Fakes;

/// <summary>The firmware's handle on one chip select of a <see cref="FakeSpiBus"/>.</summary>
public sealed class FakeSpiDevice : ISpiDevice
{
    private readonly FakeSpiBus _bus;
    private readonly int _chipSelectPin;

    internal FakeSpiDevice(FakeSpiBus bus, int chipSelectPin, string name, SpiBusSettings busSettings, int clockHz)
    {
        _bus = bus;
        _chipSelectPin = chipSelectPin;
        Name = name;
        Bus = busSettings;
        ClockHz = clockHz;
    }

    public string Name { get; }

    /// <summary>The mode this device was opened with (from its driver).</summary>
    public SpiBusSettings Bus { get; }

    /// <summary>The SCLK this device runs at.</summary>
    public int ClockHz { get; }

    public int ChipSelectPin => _chipSelectPin;

    /// <summary>When set, the next transfers throw as a failing bus would (fault injection).</summary>
    public bool FailTransfers { get; set; }

    public void Transfer(byte[] writeBuffer, byte[] readBuffer, int count)
    {
        if (FailTransfers)
        {
            var counters = _bus.Faults ?? new HalFaultCounters();
            throw counters.Raise(HalFault.SpiTransferFailed, Name, "SPI transfer failed (injected)");
        }

        _bus.Transfer(this, writeBuffer, readBuffer, count);
    }
}
