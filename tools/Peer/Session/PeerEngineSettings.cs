using GroundStation.Peer.Authentication;
using GroundStation.Peer.Handshake;

namespace GroundStation.Peer.Session;

/// <summary>The engine's fixed settings (times in milliseconds of the caller's clock).</summary>
internal sealed record PeerEngineSettings(
    PeerRole Role,
    int ReceiveWindowMessages,
    long ReceiveWindowBytes,
    int MaxFrameBytes,
    long FlushIntervalMs,
    int CoalesceBytes,
    long AckDelayMs,
    long KeepaliveMs,
    long SilenceMs);

/// <summary>What one connection's handshake agreed, as the engine needs it.</summary>
internal sealed record ConnectionSetup(
    IFrameAuthenticator Authenticator,
    byte[] Transcript,
    long PeerReceiveNext,
    int PeerWindowMessages,
    long PeerWindowBytes,
    int PeerMaxFrameBytes);
