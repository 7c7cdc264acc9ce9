namespace GroundStation.Simulator.Events;

/// <summary>Why a tagger event exists (truth only: the firmware sees time and channel).</summary>
public enum EventOrigin : byte
{
    /// <summary>A photon of source slot <see cref="TaggerEvent.Slot"/>.</summary>
    Signal,
    DarkCount,
    Background,
    Afterpulse,
    /// <summary>A detected beacon pulse; <see cref="TaggerEvent.Slot"/> holds the beacon index k (sent at slot k*period).</summary>
    Beacon,
    BeaconBackground,
}
