namespace GroundStation.Gsctl.Satellite;

/// <summary>
/// What the satellite sent in each pulse slot, as the satellite side of sifting knows it. The pass simulator
/// (tools/Simulator) provides one for simulated passes; <see cref="SeededSatelliteRecord"/> is a stand-in.
/// </summary>
public interface ISatelliteRecord
{
    /// <summary>
    /// The basis (0 = Z, 1 = X), bit and intensity class (0 signal, 1 decoy, 2 vacuum) sent in <paramref name="slot"/>;
    /// false when nothing was sent (or the slot is outside the record): such a slot never sifts.
    /// </summary>
    bool TryGet(long slot, out byte basis, out byte bit, out byte intensityClass);
}
