using System.Net;
using GroundStation.Peer.Session;

namespace GroundStation.Tests.Peer.Support;

/// <summary>A transmitter listening on loopback TCP, a proxy in front of it, and a station connecting through the proxy.</summary>
internal sealed class TcpRig : IAsyncDisposable
{
    private TcpRig(TestKeys keys, PeerListener listener, TcpProxy proxy)
    {
        Keys = keys;
        Listener = listener;
        Proxy = proxy;
        Listener.HandshakeFailed += (_, line) => { lock (Failures) { Failures.Add(line); } };
    }

    public TestKeys Keys { get; }

    public PeerListener Listener { get; }

    public TcpProxy Proxy { get; }

    public List<string> Failures { get; } = new();

    public static TcpRig Start(bool its = true, Func<PeerSessionOptions, PeerSessionOptions>? transmitter = null, int poolBytes = 1 << 20)
    {
        var keys = new TestKeys(poolBytes);
        var options = TestOptions.Transmitter(its ? keys.Its(false) : keys.Hmac());
        var listener = PeerListener.ListenTcp(new IPEndPoint(IPAddress.Loopback, 0), transmitter?.Invoke(options) ?? options);
        return new TcpRig(keys, listener, new TcpProxy(listener.LocalEndpoint!));
    }

    public async Task<(PeerSession Station, PeerSession Transmitter)> OpenAsync(Func<PeerSessionOptions, PeerSessionOptions>? station = null, bool its = true)
    {
        var options = TestOptions.Station(its ? Keys.Its(true) : Keys.Hmac());
        var s = await PeerSession.ConnectTcpAsync(station?.Invoke(options) ?? options, "127.0.0.1", Proxy.Port);
        var t = await Listener.AcceptAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return (s, t);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Listener.DisposeAsync();
        Keys.Dispose();
    }
}
