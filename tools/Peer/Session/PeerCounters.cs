namespace GroundStation.Peer.Session;

/// <summary>What a session did, for reports and tests. Key bits are pool bits (Wegman-Carter mode; 0 with HMAC).</summary>
public sealed record PeerCounters
{
    public long FramesSent { get; init; }
    public long FramesReceived { get; init; }
    public long DataFramesSent { get; init; }
    public long MessagesSent { get; init; }
    public long MessagesResent { get; init; }
    public long MessagesReceived { get; init; }
    public long BytesSent { get; init; }
    public long BytesReceived { get; init; }
    public int Connections { get; init; }

    /// <summary>Times sending had to wait for the peer's acknowledgement because its window was full.</summary>
    public long WindowStalls { get; init; }

    /// <summary>Most messages sent and not yet acknowledged at any moment.</summary>
    public long MaxMessagesInFlight { get; init; }

    /// <summary>Pool bits spent on hash keys and pads of frames sent or checked.</summary>
    public long KeyBitsUsed { get; init; }

    /// <summary>Pool bits reserved (used, or skipped in partly used epochs): what the pool lost.</summary>
    public long KeyBitsReserved { get; init; }
}
