namespace GroundStation.Hal.Fakes;

/// <summary>
/// The firmware drove a chip outside its datasheet: an SPI mode or clock the chip does not accept, or configuration
/// values the datasheet fixes. A real chip's behaviour is then undefined (garbled bits, a chip that never measures),
/// so the fake bus and the chip models refuse loudly instead of answering: a test that drifts from the datasheet fails.
/// </summary>
public sealed class DatasheetViolationException(string message) : Exception(message);
