using GroundStation.Host.Link;
using GroundStation.Protocol;

namespace GroundStation.Host.Drivers;

/// <summary>
/// The firmware as the station's driver meets it: a device on the serial link (<see cref="LinkFirmware"/>) or an
/// in-process sifter replaying stored detections (<see cref="ReplayFirmware"/>). Messages from the firmware reach the
/// driver through <see cref="StationDriver.PostFromFirmware"/>.
/// </summary>
public interface IFirmwareEndpoint
{
    /// <summary>Sends one sifting message to the firmware; false when its link is full (the driver retries later).</summary>
    bool TrySend(MessageType type, byte[] payload);

    /// <summary>The firmware's own sifting counters now (SIFT:STAT?), to confirm the end of sifting.</summary>
    SiftingCounters ReadCounters();

    /// <summary>Lets an in-process firmware run; a device on a link needs nothing (no-op). Messages it produces go to <paramref name="deliver"/>.</summary>
    void Poll(Action<MessageType, byte[]> deliver);
}
