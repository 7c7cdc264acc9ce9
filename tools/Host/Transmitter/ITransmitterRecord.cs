namespace GroundStation.Host.Transmitter;

/// <summary>
/// What the transmitter sent in each pulse slot: a bench transmitter's record file
/// (<see cref="TransmitterRecordFile"/>, protocol/TRANSMITTER_RECORD.md) or, in simulations, the pass simulator's record.
/// </summary>
public interface ITransmitterRecord
{
    /// <summary>
    /// The basis (0 = Z, 1 = X), bit and intensity class (0 signal, 1 decoy, 2 vacuum) sent in <paramref name="slot"/>;
    /// false when nothing was sent (or the slot is outside the record): such a slot never sifts.
    /// </summary>
    bool TryGet(long slot, out byte basis, out byte bit, out byte intensityClass);
}
