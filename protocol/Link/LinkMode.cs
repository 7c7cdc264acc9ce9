namespace GroundStation.Protocol
{
    /// <summary>What the device's serial port is doing (protocol/README.md, "Modes").</summary>
    public enum LinkMode
    {
        /// <summary>Typed SCPI lines, text answers. The state after boot, Bye and link loss.</summary>
        Console = 0,

        /// <summary>A host session: only frames, no text is written.</summary>
        Binary = 1,
    }

    public enum LinkEventKind
    {
        /// <summary>A Hello was accepted: binary mode.</summary>
        Connected = 0,

        /// <summary>The host said Bye: console mode.</summary>
        Disconnected = 1,

        /// <summary>No frame from the host for the link timeout: console mode.</summary>
        LinkLost = 2,

        /// <summary>The send buffer is full: new reliable data is being refused (first refusal only).</summary>
        BufferFull = 3,

        /// <summary>A Hello with another major version was refused.</summary>
        IncompatibleHost = 4,
    }

    public delegate void LinkEventHandler(LinkEventKind kind);
}
