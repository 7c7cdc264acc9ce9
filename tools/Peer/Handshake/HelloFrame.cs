namespace GroundStation.Peer.Handshake;

/// <summary>
/// The body of Hello and HelloReply (protocol/PEER.md section 4): one layout both ways, each side stating its own
/// values. Nothing in it is secret; it is authenticated afterwards by the Confirm frames, whose MAC input holds
/// both frames whole.
/// </summary>
public sealed record HelloFrame
{
    public byte VersionMajor { get; init; } = Wire.PeerWire.VersionMajor;

    public byte VersionMinor { get; init; } = Wire.PeerWire.VersionMinor;

    public PeerRole Role { get; init; }

    public AuthenticationMode Authentication { get; init; }

    public PeerOperation Operation { get; init; }

    public ReconciliationMethod Reconciliation { get; init; }

    /// <summary>Hello: the initiator resumes <see cref="SessionId"/>. HelloReply: the responder resumed it.</summary>
    public bool Resume { get; init; }

    /// <summary>Hello: 0. HelloReply: the responder's verdict.</summary>
    public HandshakeStatus Status { get; init; }

    /// <summary>Chosen by the initiator (random, non-zero) for a new session; echoed by the responder.</summary>
    public ulong SessionId { get; init; }

    /// <summary>Sequence number of the next message this side has not received from the other (0 for a new session).</summary>
    public long ReceiveNext { get; init; }

    /// <summary>16 fresh random bytes per connection.</summary>
    public byte[] Nonce { get; init; } = new byte[16];

    /// <summary>Messages this side accepts unconsumed (sent but not yet acknowledged by it).</summary>
    public int ReceiveWindowMessages { get; init; }

    /// <summary>Payload bytes this side accepts unconsumed.</summary>
    public long ReceiveWindowBytes { get; init; }

    /// <summary>Largest frame length field this side accepts.</summary>
    public int MaxFrameBytes { get; init; }

    /// <summary>Frames per direction per pad epoch (Wegman-Carter); the smaller proposal is agreed.</summary>
    public int EpochFrames { get; init; }

    /// <summary>Error-correction frame size in bits.</summary>
    public int FrameBits { get; init; }

    /// <summary>Wegman-Carter: the key pool's id. HMAC: the pre-shared key's id (16 bytes of SHA-256).</summary>
    public byte[] KeyId { get; init; } = new byte[16];

    /// <summary>Wegman-Carter: digest of the pool's segment list (key ids and lengths, never key bits). HMAC: zeros.</summary>
    public byte[] LedgerDigest { get; init; } = new byte[16];

    /// <summary>Wegman-Carter: first pool byte this side has not used. HMAC: 0.</summary>
    public long PoolUsedBytes { get; init; }

    /// <summary>Wegman-Carter: pool size in bytes. HMAC: 0.</summary>
    public long PoolBytes { get; init; }

    public string StationId { get; init; } = "";

    public string TransmitterId { get; init; } = "";

    public string PassId { get; init; } = "";

    public override string ToString() =>
        $"{Role.Name()} {StationId}/{TransmitterId} pass {PassId}, session {SessionId:X16}{(Resume ? " (resume)" : "")}, status {Status}";
}
