namespace GroundStation.Host.Link;

/// <summary>
/// A transport that can say when received bytes are waiting, so <see cref="LinkClient"/>'s pump sleeps until then
/// instead of polling on a fixed period (each poll period is added to every acknowledgement's round trip).
/// </summary>
public interface IDataArrivalSignal
{
    /// <summary>Raised (on any thread) after new bytes became readable, or the transport failed.</summary>
    event Action? DataArrived;
}
