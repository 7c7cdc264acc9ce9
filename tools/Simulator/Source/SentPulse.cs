namespace GroundStation.Simulator.Source;

/// <summary>What the satellite sent in one slot. <see cref="PreparationError"/> is truth only (the satellite does not
/// know its own preparation errors): the photons left carrying the other bit of the same basis.</summary>
public readonly record struct SentPulse(long Slot, byte Basis, byte Bit, byte IntensityClass, bool PreparationError);
