using GroundStation.Hal;

namespace GroundStation.Hal.Fakes;

/// <summary>
/// An SPI bus that routes each transfer, by chip-select line, to the device model attached there, and records
/// every frame so tests can assert on the exact bytes.
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
        return (FakeSpiDevice)Attach(chipSelectPin, name, new StuckMisoModel(misoLevel));
    }

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

    /// <summary>Attaches a model at a chip-select line and returns the device handle the firmware uses.</summary>
    public ISpiDevice Attach(int chipSelectPin, string name, ISpiDeviceModel model)
    {
        if (!_models.TryAdd(chipSelectPin, model))
        {
            throw new InvalidOperationException($"chip select {chipSelectPin} already has a device attached");
        }

        return new FakeSpiDevice(this, chipSelectPin, name);
    }

    internal void Transfer(int chipSelectPin, string name, byte[] writeBuffer, byte[] readBuffer, int count)
    {
        if (count < 0 || count > writeBuffer.Length || count > readBuffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"{name}: transfer of {count} bytes exceeds a buffer");
        }

        var miso = readBuffer.AsSpan(0, count);
        if (_models.TryGetValue(chipSelectPin, out var model))
        {
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
    public void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso) => miso.Fill(level);
}
