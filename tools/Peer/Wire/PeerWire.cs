namespace GroundStation.Peer.Wire;

/// <summary>Constants of protocol/PEER.md: framing sizes, version, magic.</summary>
public static class PeerWire
{
    public const byte VersionMajor = 1;

    public const byte VersionMinor = 0;

    /// <summary>"GSPL": the first bytes of every Hello body, so a wrong port gives a clear error.</summary>
    public static ReadOnlySpan<byte> Magic => "GSPL"u8;

    /// <summary>The MAC input starts with these 8 bytes (domain separation from any other use of the keys).</summary>
    public static ReadOnlySpan<byte> MacContext => "GSPL-MAC"u8;

    /// <summary>u32 length prefix.</summary>
    public const int LengthBytes = 4;

    /// <summary>type u8 + counter u64 + ack u64 after the length.</summary>
    public const int AuthenticatedHeaderBytes = 1 + 8 + 8;

    public const int TagBytes = 16;

    /// <summary>Smallest length field of an authenticated frame (empty body).</summary>
    public const int MinAuthenticatedLength = AuthenticatedHeaderBytes + TagBytes;

    /// <summary>Every side accepts frames of at least this many bytes (length field value).</summary>
    public const int MinMaxFrameBytes = 1 << 20;

    /// <summary>Default and upper bound of the announced frame limit: a Toeplitz seed of a 10^7-bit pass is ~2 MB.</summary>
    public const int DefaultMaxFrameBytes = 32 << 20;

    public const int MaxMaxFrameBytes = 256 << 20;

    /// <summary>Hello frames are small; a larger length before the handshake is refused at once.</summary>
    public const int MaxHelloLength = 1024;

    /// <summary>Error text limit (UTF-8 bytes).</summary>
    public const int MaxErrorTextBytes = 1024;
}
