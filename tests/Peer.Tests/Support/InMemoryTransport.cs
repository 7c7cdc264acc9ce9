using System.Threading.Channels;
using GroundStation.Peer.Transport;

namespace GroundStation.Tests.Peer.Support;

/// <summary>A connected pair of in-memory byte streams (the unit tests' transport besides real TCP).</summary>
internal sealed class InMemoryTransport : IPeerTransport
{
    private readonly Channel<byte[]> _incoming;
    private readonly Channel<byte[]> _outgoing;
    private byte[] _pending = [];
    private int _offset;

    private InMemoryTransport(Channel<byte[]> incoming, Channel<byte[]> outgoing, string description)
    {
        _incoming = incoming;
        _outgoing = outgoing;
        Description = description;
    }

    public string Description { get; }

    public static (InMemoryTransport A, InMemoryTransport B) Pair()
    {
        var ab = Channel.CreateUnbounded<byte[]>();
        var ba = Channel.CreateUnbounded<byte[]>();
        return (new InMemoryTransport(ba, ab, "memory A"), new InMemoryTransport(ab, ba, "memory B"));
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_offset == _pending.Length)
        {
            try
            {
                _pending = await _incoming.Reader.ReadAsync(cancellationToken);
                _offset = 0;
            }
            catch (ChannelClosedException e) when (e.InnerException is IOException io)
            {
                throw new IOException(io.Message);
            }
            catch (ChannelClosedException)
            {
                return 0;
            }
        }

        var n = Math.Min(buffer.Length, _pending.Length - _offset);
        _pending.AsSpan(_offset, n).CopyTo(buffer.Span);
        _offset += n;
        return n;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!_outgoing.Writer.TryWrite(data.ToArray()))
        {
            throw new IOException("connection closed");
        }

        return ValueTask.CompletedTask;
    }

    public void ShutdownSend() => _outgoing.Writer.TryComplete();

    /// <summary>Breaks the connection both ways as a pulled cable would (reads fail).</summary>
    public void Break()
    {
        _outgoing.Writer.TryComplete(new IOException("connection reset"));
        _incoming.Writer.TryComplete(new IOException("connection reset"));
    }

    public ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
