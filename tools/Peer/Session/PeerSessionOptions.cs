using GroundStation.Peer.Authentication;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Session;

/// <summary>
/// Everything a side brings to a session. The initiator's <see cref="Operation"/>, <see cref="Reconciliation"/> and
/// <see cref="FrameBits"/> are proposed in its Hello; a responder adopts them (its <see cref="PeerListener"/> may
/// refuse). Defaults are documented in tools/Peer/README.md with the key consumption they imply.
/// </summary>
public sealed record PeerSessionOptions
{
    public required PeerRole Role { get; init; }

    public required string StationId { get; init; }

    /// <summary>The transmitter's id. A responder refuses an initiator naming another transmitter (or station, pass)
    /// when its own value is set; an empty station or pass id on a responder accepts the initiator's.</summary>
    public required string TransmitterId { get; init; }

    public required string PassId { get; init; }

    public required PeerCredentials Credentials { get; init; }

    public PeerOperation Operation { get; init; } = PeerOperation.LivePass;

    public ReconciliationMethod Reconciliation { get; init; } = ReconciliationMethod.Cascade;

    public int FrameBits { get; init; } = 1 << 18;

    /// <summary>Messages this side holds unconsumed at most (the peer's flow window).</summary>
    public int ReceiveWindowMessages { get; init; } = 8192;

    /// <summary>Payload bytes this side holds unconsumed at most.</summary>
    public long ReceiveWindowBytes { get; init; } = 64L << 20;

    public int MaxFrameBytes { get; init; } = PeerWire.DefaultMaxFrameBytes;

    /// <summary>Frames per direction per pad epoch (Wegman-Carter); the pool spends 16 + 32 × this per epoch touched.</summary>
    public int EpochFrames { get; init; } = 256;

    /// <summary>Messages wait at most this long to share a frame (one tag, 128 pool bits, per frame).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A frame goes out as soon as this many payload bytes are queued.</summary>
    public int CoalesceBytes { get; init; } = 256 << 10;

    /// <summary>An acknowledgement waits at most this long for a data frame to ride on.</summary>
    public TimeSpan AckDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan KeepaliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No frame from the peer for this long: the connection is dropped and the session resumes.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A lost connection not resumed within this time fails the session.</summary>
    public TimeSpan ResumeTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="PeerSession.SendAsync"/> waits while this many payload bytes are unacknowledged.</summary>
    public long MaxQueuedBytes { get; init; } = 256L << 20;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The session id a station opens with (it names the final key); null = a fresh random one, as every real session
    /// takes. A simulated pass derives it from its seed so a seed repeats its key id.
    /// </summary>
    public ulong? SessionId { get; init; }

    internal void Validate()
    {
        if (!Enum.IsDefined(Role) || !Enum.IsDefined(Operation) || !Enum.IsDefined(Reconciliation))
        {
            throw new ArgumentException("Role, operation and reconciliation must be defined values.");
        }

        if (SessionId == 0)
        {
            throw new ArgumentException("A session id is never 0.");
        }

        foreach (var (name, value) in new[] { ("station id", StationId), ("transmitter id", TransmitterId), ("pass id", PassId) })
        {
            if (System.Text.Encoding.UTF8.GetByteCount(value ?? "") > WireReader.MaxStringBytes)
            {
                throw new ArgumentException($"The {name} is at most {WireReader.MaxStringBytes} bytes of UTF-8.");
            }
        }

        if (ReceiveWindowMessages < 1 || ReceiveWindowBytes < 1 || ReceiveWindowBytes > uint.MaxValue
            || MaxFrameBytes is < PeerWire.MinMaxFrameBytes or > PeerWire.MaxMaxFrameBytes
            || EpochFrames is < PadSchedule.MinEpochFrames or > PadSchedule.MaxEpochFrames || CoalesceBytes < 1
            || FrameBits is < HandshakeRules.MinFrameBits or > HandshakeRules.MaxFrameBits)
        {
            throw new ArgumentException("A window, frame limit, epoch size, coalescing size or frame size is out of range.");
        }
    }

    internal PeerEngineSettings EngineSettings() => new(Role, ReceiveWindowMessages, ReceiveWindowBytes, MaxFrameBytes,
        (long)FlushInterval.TotalMilliseconds, CoalesceBytes, (long)AckDelay.TotalMilliseconds,
        (long)KeepaliveInterval.TotalMilliseconds, (long)SilenceTimeout.TotalMilliseconds);
}
