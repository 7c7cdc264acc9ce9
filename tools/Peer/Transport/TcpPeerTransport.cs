using System.Net;
using System.Net.Sockets;

namespace GroundStation.Peer.Transport;

/// <summary>The peer link over TCP (protocol/PEER.md section 1): Nagle off (frames are already coalesced), keepalive on.</summary>
public sealed class TcpPeerTransport : IPeerTransport
{
    private readonly Socket _socket;

    public TcpPeerTransport(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        Description = $"tcp {socket.RemoteEndPoint}";
    }

    public string Description { get; }

    /// <summary>Connects to the peer's listener; throws <see cref="SocketException"/> when it cannot.</summary>
    public static async Task<TcpPeerTransport> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return new TcpPeerTransport(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static Task<TcpPeerTransport> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken) =>
        ConnectAsync(endpoint.Address.ToString(), endpoint.Port, cancellationToken);

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    public void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already gone: the reader sees it.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
