namespace GroundStation.Gsctl.Formats;

/// <summary>
/// A streaming writer of one time-tag format. Events come in the order of the input file, which need not be time
/// order (real captures step back by detector skews); each writer documents how far back it can go.
/// </summary>
internal interface ITimeTagWriter : IDisposable
{
    /// <summary>
    /// Writes one event. Returns false when the format has no place for this kind of event (for example a sync
    /// or marker record into qcrypto's raw format): the caller counts it as skipped. Throws
    /// <see cref="UnrepresentableEventException"/> when the event is of a storable kind but out of range (or too
    /// far out of time order for the format).
    /// </summary>
    bool Write(in TimeTag tag);

    /// <summary>Flushes buffered events and completes the file's header. No writes after this.</summary>
    void Finish();
}
