namespace GroundStation.Host.Sifting;

/// <summary>
/// A sifting message that contradicts what this side holds (an announcement out of order, a block whose counts
/// differ, a sample of a block that is not closed): the two sides disagree and the pass cannot go on. The message
/// is one line naming what differs; the driver ends the peer session with it (protocol violation).
/// </summary>
public sealed class SiftingProtocolException(string message) : Exception(message);
