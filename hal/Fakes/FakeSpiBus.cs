using GroundStation.Hal;

namespace GroundStation.Hal.Fakes;

/// <summary>
/// An SPI bus that routes each transfer, by chip-select line, to the device model attached there, and records
/// every frame so tests can assert on the exact bytes. Every device is opened with the bus settings its driver
/// declares (as a board adapter opens a real bus); a transfer in a mode or at a clock the attached chip's datasheet
/// does not allow throws <see cref="DatasheetViolationException"/>.
/// </summary>
public sealed class FakeSpiBus
{
    private readonly Dictionary<int, ISpiDeviceModel> _models = new();

    public List<SpiFrame> Frames { get; } = new();

    /// <summary>When false, frames are not recorded (long simulations would otherwise grow without bound).</summary>
    public bool RecordFrames { get; set; } = true;

    /// <summary>Clock that time-stamps recorded frames (optional; frames carry 0 without one).</summary>
    public IMonotonicClock? Clock { get; set; }

    /// <summary>Counters injected transfer failures are counted in (optional).</summary>
    public HalFaultCounters? Faults { get; set; }

    /// <summary>
    /// A device handle on a chip select where no chip answers: MISO reads <paramref name="misoLevel"/> (0xFF for a
    /// pulled-up line, 0x00 for one held low), which is what <see cref="DeviceAbsenceCheck"/> detects.
    /// </summary>
    public FakeSpiDevice AttachAbsent(int chipSelectPin, string name, byte misoLevel = 0xFF)
    {
        return (FakeSpiDevice)Attach(chipSelectPin, name, new StuckMisoModel(misoLevel), AnyBus);
    }

    /// <summary>Settings for a chip select where no chip's datasheet applies (nothing answers there).</summary>
    public static SpiBusSettings AnyBus { get; } = new(0, 1_000_000);

    /// <summary>Replaces (or removes, with null) the model at a chip select, e.g. to unplug a chip mid-test.</summary>
    public void Replace(int chipSelectPin, ISpiDeviceModel? model)
    {
        if (model is null)
        {
            _models.Remove(chipSelectPin);
        }
        else
        {
            _models[chipSelectPin] = model;
        }
    }

    /// <summary>
    /// Attaches a model at a chip-select line and returns the device handle the firmware uses, opened with
    /// <paramref name="bus"/> (take it from the chip's driver, as a board adapter does) at its maximum clock, or at
    /// <paramref name="clockHz"/> when given.
    /// </summary>
    public ISpiDevice Attach(int chipSelectPin, string name, ISpiDeviceModel model, SpiBusSettings bus, int clockHz = 0)
    {
        ArgumentNullException.ThrowIfNull(bus);
        if (!_models.TryAdd(chipSelectPin, model))
        {
            throw new InvalidOperationException($"chip select {chipSelectPin} already has a device attached");
        }

        return new FakeSpiDevice(this, chipSelectPin, name, bus, clockHz > 0 ? clockHz : bus.MaxClockHz);
    }

    internal void Transfer(FakeSpiDevice device, byte[] writeBuffer, byte[] readBuffer, int count)
    {
        int chipSelectPin = device.ChipSelectPin;
        string name = device.Name;
        if (count < 0 || count > writeBuffer.Length || count > readBuffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"{name}: transfer of {count} bytes exceeds a buffer");
        }

        var miso = readBuffer.AsSpan(0, count);
        if (_models.TryGetValue(chipSelectPin, out var model))
        {
            model.Limits.Check(name, device.Bus, device.ClockHz);
            miso.Clear();
            model.Exchange(writeBuffer.AsSpan(0, count), miso);
        }
        else
        {
            // Nothing drives MISO: a pulled-up line reads all ones, like an absent chip on a real board.
            miso.Fill(0xFF);
        }

        if (RecordFrames)
        {
            Frames.Add(new SpiFrame(chipSelectPin, name, writeBuffer.AsSpan(0, count).ToArray(), miso.ToArray())
            {
                TimeMicroseconds = Clock?.NowMicroseconds ?? 0,
            });
        }
    }
}

/// <summary>One chip-select frame as seen on the wires.</summary>
public sealed record SpiFrame(int ChipSelectPin, string Device, byte[] Mosi, byte[] Miso)
{
    /// <summary>The bus clock's time when the frame was clocked (0 when the bus has no clock).</summary>
    public long TimeMicroseconds { get; init; }
}

/// <summary>No chip: MISO stays at one level whatever is sent.</summary>
internal sealed class StuckMisoModel(byte level) : ISpiDeviceModel
{
    public SpiChipLimits Limits => SpiChipLimits.Any;

    public void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso) => miso.Fill(level);
}
