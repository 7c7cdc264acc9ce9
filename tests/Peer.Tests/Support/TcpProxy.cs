using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace GroundStation.Tests.Peer.Support;

public enum ProxyDirection
{
    ClientToServer,
    ServerToClient,
}

/// <summary>
/// A man in the middle on loopback TCP between the station (client) and the transmitter's listener (server). In
/// frame mode it cuts each direction into the peer link's length-prefixed frames and lets <see cref="FrameHook"/>
/// forward, alter, drop, repeat or hold them, optionally after <see cref="Delay"/>; in cut mode it forwards raw bytes
/// and closes both sockets after <see cref="CutAfterBytes"/> bytes of a connection.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly Socket _listener = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = new();
    private readonly Task _acceptLoop;
    private int _connections;

    public TcpProxy(IPEndPoint target)
    {
        _target = target;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>(direction, connection index, frame index in that direction, frame) -> frames to forward now.</summary>
    public Func<ProxyDirection, int, int, byte[], IEnumerable<byte[]>>? FrameHook { get; set; }

    /// <summary>Every frame waits this long before it is forwarded (order kept).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Connection index -> bytes (both directions together) after which the proxy cuts it; null: never.</summary>
    public Func<int, long?>? CutAfterBytes { get; set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        lock (_sockets)
        {
            foreach (var s in _sockets)
            {
                s.Dispose();
            }
        }

        await _acceptLoop.ContinueWith(_ => { });
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
            }
            catch (Exception)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            var index = Interlocked.Increment(ref _connections) - 1;
            var budget = CutAfterBytes?.Invoke(index);
            var shared = new long[] { budget ?? long.MaxValue };
            _ = PumpAsync(client, server, ProxyDirection.ClientToServer, index, shared, budget is not null);
            _ = PumpAsync(server, client, ProxyDirection.ServerToClient, index, shared, budget is not null);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, ProxyDirection direction, int connection, long[] budget, bool cutMode)
    {
        var outbox = Channel.CreateUnbounded<(long Due, byte[] Bytes)>();
        var sender = SendAsync(outbox.Reader, to);
        var buffer = new byte[64 << 10];
        var pending = new List<byte>();
        var frameIndex = 0;
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    break;
                }

                if (cutMode)
                {
                    var allowed = (int)Math.Min(n, Math.Max(0, Interlocked.Add(ref budget[0], -n) + n));
                    if (allowed > 0)
                    {
                        outbox.Writer.TryWrite((0, buffer[..allowed]));
                    }

                    if (allowed < n)
                    {
                        break;
                    }

                    continue;
                }

                pending.AddRange(buffer.AsSpan(0, n));
                while (pending.Count >= 4)
                {
                    var length = BinaryPrimitives.ReadUInt32LittleEndian(pending.GetRange(0, 4).ToArray());
                    if (pending.Count < 4 + length)
                    {
                        break;
                    }

                    var frame = pending.GetRange(0, 4 + (int)length).ToArray();
                    pending.RemoveRange(0, frame.Length);
                    var forward = FrameHook?.Invoke(direction, connection, frameIndex++, frame) ?? [frame];
                    var due = Environment.TickCount64 + (long)Delay.TotalMilliseconds;
                    foreach (var f in forward)
                    {
                        outbox.Writer.TryWrite((due, f));
                    }
                }
            }
        }
        catch (Exception)
        {
            // A socket went away: cut the other one too.
        }

        outbox.Writer.TryComplete();
        await sender.ContinueWith(_ => { });
        if (cutMode)
        {
            from.Dispose();
            to.Dispose();
        }
        else
        {
            try
            {
                to.Shutdown(SocketShutdown.Send);
            }
            catch (Exception)
            {
            }
        }
    }

    private async Task SendAsync(ChannelReader<(long Due, byte[] Bytes)> outbox, Socket to)
    {
        await foreach (var (due, bytes) in outbox.ReadAllAsync(_stop.Token))
        {
            var wait = due - Environment.TickCount64;
            if (wait > 0)
            {
                await Task.Delay((int)wait, _stop.Token);
            }

            await to.SendAsync(bytes, SocketFlags.None, _stop.Token);
        }
    }
}
