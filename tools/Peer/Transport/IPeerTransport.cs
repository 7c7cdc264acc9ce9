namespace GroundStation.Peer.Transport;

/// <summary>
/// One connection's byte stream, both ways: TCP in the product (<see cref="TcpPeerTransport"/>), in memory in tests.
/// Reads return 0 at the peer's end of stream; <see cref="ShutdownSend"/> ends this side's stream while reading
/// goes on (TCP half-close), which is how a finished session lets its last frames drain.
/// </summary>
public interface IPeerTransport : IAsyncDisposable
{
    /// <summary>"tcp 127.0.0.1:41234" or similar, for messages.</summary>
    string Description { get; }

    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    void ShutdownSend();
}
