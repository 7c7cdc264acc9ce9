namespace GroundStation.Hal.Fakes;

/// <summary>
/// A register-level model of one SPI chip. The fake bus calls <see cref="Exchange"/> once per chip-select frame
/// (one <see cref="ISpiDevice.Transfer"/> call): the model reads the bytes the firmware clocked out on MOSI and
/// writes the bytes a real chip would clock back on MISO.
/// </summary>
public interface ISpiDeviceModel
{
    void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso);
}
