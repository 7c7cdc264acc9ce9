namespace GroundStation.Gsctl.Formats;

/// <summary>A streaming writer of one time-tag format. Events must come in nondecreasing time order.</summary>
internal interface ITimeTagWriter : IDisposable
{
    /// <summary>
    /// Writes one event. Returns false when the format has no place for this kind of event (for example a sync
    /// or marker record into qcrypto's raw format): the caller counts it as skipped. Throws
    /// <see cref="UnrepresentableEventException"/> when the event is of a storable kind but out of range.
    /// </summary>
    bool Write(in TimeTag tag);

    /// <summary>Flushes buffered events and completes the file's header. No writes after this.</summary>
    void Finish();
}
