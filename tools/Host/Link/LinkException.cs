namespace GroundStation.Host.Link;

/// <summary>Why talking to the device failed, for exit codes and hints.</summary>
public enum LinkErrorKind
{
    PortNotFound,
    PortBusy,
    PermissionDenied,
    NoAnswer,
    IncompatibleVersion,
    IoError,
    Closed,
}

/// <summary>A link failure with a message a user can act on (which port, what to check).</summary>
public sealed class LinkException(LinkErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public LinkErrorKind Kind { get; } = kind;
}
