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
            Frames.Add(new SpiFrame(chipSelectPin, name, writeBuffer.AsSpan(0, count).ToArray(), miso.ToArray()));
        }
    }
}

/// <summary>One chip-select frame as seen on the wires.</summary>
public sealed record SpiFrame(int ChipSelectPin, string Device, byte[] Mosi, byte[] Miso);
