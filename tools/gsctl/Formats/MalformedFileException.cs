namespace GroundStation.Gsctl.Formats;

/// <summary>
/// The bytes of a file are not what its format says. <see cref="Offset"/> is the byte offset of the first bad
/// byte (or, for text formats, of the start of the bad line) so a user can look at it with a hex dump.
/// </summary>
internal sealed class MalformedFileException(long offset, string reason)
    : Exception($"at byte offset {offset}: {reason}")
{
    public long Offset { get; } = offset;

    public string Reason { get; } = reason;
}

/// <summary>An event that the target format cannot hold (a channel it has no bits for, a time beyond its range).</summary>
internal sealed class UnrepresentableEventException(string reason) : Exception(reason);
