namespace GroundStation.Hal.Fakes;

/// <summary>
/// A register-level model of one SPI chip. The fake bus calls <see cref="Exchange"/> once per chip-select frame
/// (one <see cref="ISpiDevice.Transfer"/> call): the model reads the bytes the firmware clocked out on MOSI and
/// writes the bytes a real chip would clock back on MISO. Before that the bus checks the frame's SPI mode and clock
/// against <see cref="Limits"/>.
/// </summary>
public interface ISpiDeviceModel
{
    /// <summary>The SPI modes and clock the chip's datasheet allows.</summary>
    SpiChipLimits Limits { get; }

    void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso);
}
