using System.Threading.Channels;
using GroundStation.Peer.Session;
using GroundStation.Peer.Transport;

namespace GroundStation.Tests.Peer.Support;

/// <summary>A listener and a connect function joined in memory; every connection made is kept so tests can break it.</summary>
internal sealed class MemoryNetwork : IAsyncDisposable
{
    private readonly Channel<IPeerTransport> _incoming = Channel.CreateUnbounded<IPeerTransport>();

    public MemoryNetwork(PeerSessionOptions transmitter)
    {
        Listener = new PeerListener(transmitter, async ct => await _incoming.Reader.ReadAsync(ct));
        Listener.HandshakeFailed += (_, line) => { lock (Failures) { Failures.Add(line); } };
    }

    public PeerListener Listener { get; }

    public List<string> Failures { get; } = new();

    public List<InMemoryTransport> ClientEnds { get; } = new();

    public Task<IPeerTransport> Connect(CancellationToken cancellationToken)
    {
        var (a, b) = InMemoryTransport.Pair();
        lock (ClientEnds)
        {
            ClientEnds.Add(a);
        }

        _incoming.Writer.TryWrite(b);
        return Task.FromResult<IPeerTransport>(a);
    }

    public async Task<(PeerSession Station, PeerSession Transmitter)> OpenAsync(PeerSessionOptions station)
    {
        var s = await PeerSession.ConnectAsync(station, Connect);
        var t = await Listener.AcceptAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return (s, t);
    }

    public async ValueTask DisposeAsync() => await Listener.DisposeAsync();
}
