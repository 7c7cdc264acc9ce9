namespace GroundStation.Simulator.Events;

/// <summary>
/// One time-tagger event: the ground tagger's time in picoseconds (ground clock, jitter, skew and resolution applied)
/// and its channel (0 H, 1 V, 2 D, 3 A, 4 beacon). <see cref="Origin"/> and <see cref="Slot"/> are truth for tests:
/// Slot is the source slot for Signal, the beacon index for Beacon, otherwise -1.
/// </summary>
public readonly record struct TaggerEvent(long TimePs, byte Channel, EventOrigin Origin, long Slot);
