using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Transport;
using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Session;

/// <summary>
/// The TCP server side (responder) of the peer link: accepts connections, answers each Hello, hands out new sessions
/// through <see cref="AcceptAsync"/> and attaches resumed connections to the sessions they belong to. A refused or
/// failed handshake is reported through <see cref="HandshakeFailed"/> (one line) and costs nothing else.
/// </summary>
public sealed class PeerListener : IAsyncDisposable
{
    private readonly PeerSessionOptions _options;
    private readonly Func<CancellationToken, Task<IPeerTransport>> _accept;
    private readonly Func<HelloFrame, HandshakeStatus>? _admit;
    private readonly Dictionary<ulong, PeerSession> _sessions = new();
    private readonly Channel<PeerSession> _newSessions = Channel.CreateUnbounded<PeerSession>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Socket? _socket;
    private readonly Task _acceptLoop;

    /// <param name="accept">Returns the next incoming connection.</param>
    /// <param name="admit">Optional judgement of an initiator's Hello after the built-in checks (e.g. "do I have a
    /// record for this pass?"); return a refusal status to refuse.</param>
    public PeerListener(PeerSessionOptions options, Func<CancellationToken, Task<IPeerTransport>> accept,
        Func<HelloFrame, HandshakeStatus>? admit = null)
        : this(options, accept, admit, null)
    {
    }

    private PeerListener(PeerSessionOptions options, Func<CancellationToken, Task<IPeerTransport>> accept,
        Func<HelloFrame, HandshakeStatus>? admit, Socket? socket)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _accept = accept;
        _admit = admit;
        _socket = socket;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The TCP endpoint listened on (port 0 picks a free one); null for other transports.</summary>
    public IPEndPoint? LocalEndpoint => _socket?.LocalEndPoint as IPEndPoint;

    /// <summary>One line per refused or failed handshake ("refused 127.0.0.1:50123: wrong key pool: ...").</summary>
    public event EventHandler<string>? HandshakeFailed;

    /// <summary>Listens on <paramref name="endpoint"/> (e.g. new IPEndPoint(IPAddress.Loopback, 0)).</summary>
    public static PeerListener ListenTcp(IPEndPoint endpoint, PeerSessionOptions options, Func<HelloFrame, HandshakeStatus>? admit = null)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            socket.Listen(16);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new PeerListener(options,
            async ct => new TcpPeerTransport(await socket.AcceptAsync(ct).ConfigureAwait(false)), admit, socket);
    }

    /// <summary>The next new session (resumed connections never appear here).</summary>
    public async ValueTask<PeerSession> AcceptAsync(CancellationToken cancellationToken = default) =>
        await _newSessions.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        await _acceptLoop.ContinueWith(_ => { }).ConfigureAwait(false);
        PeerSession[] sessions;
        lock (_sessions)
        {
            sessions = _sessions.Values.ToArray();
        }

        foreach (var session in sessions)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync()
    {
        await Task.Yield();
        while (!_stop.IsCancellationRequested)
        {
            IPeerTransport transport;
            try
            {
                transport = await _accept(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                HandshakeFailed?.Invoke(this, $"accept failed: {e.Message}");
                continue;
            }

            _ = HandleAsync(transport);
        }
    }

    private async Task HandleAsync(IPeerTransport transport)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_options.HandshakeTimeout);
        var keep = false;
        var gate = _options.Credentials.HandshakeGate;
        var gateHeld = false;
        try
        {
            var (helloBytes, leftover) = await HandshakeIo.ReadFrameAsync(transport, timeout.Token).ConfigureAwait(false);
            var hello = HandshakeIo.Decode(helloBytes, FrameType.Hello, transport.Description);
            if (gate is not null)
            {
                await gate.WaitAsync(timeout.Token).ConfigureAwait(false);
                gateHeld = true;
            }
            PeerSession? existing;
            lock (_sessions)
            {
                existing = _sessions.GetValueOrDefault(hello.SessionId);
            }

            var receiveNext = hello.Resume && existing is not null ? existing.DetachForResume() : 0;
            var local = HandshakeRules.LocalHello(_options, hello.SessionId, hello.Resume, receiveNext);
            var (reply, detail) = HandshakeRules.Judge(hello, local, _options.Credentials);
            (reply, detail) = SessionVerdict(hello, reply, detail, existing);
            var replyBytes = HelloCodec.Encode(FrameType.HelloReply, reply);
            if (reply.Status != HandshakeStatus.Accepted)
            {
                if (hello.Resume && existing is not null)
                {
                    existing.AwaitReconnection("a resume attempt was refused");
                }

                HandshakeFailed?.Invoke(this, $"refused {transport.Description}: {reply.Status.Describe()}{(detail.Length > 0 ? $": {detail}" : "")}");
                await transport.WriteAsync(replyBytes, timeout.Token).ConfigureAwait(false);
                return;
            }

            await transport.WriteAsync(replyBytes, timeout.Token).ConfigureAwait(false);

            var agreement = new ConnectionAgreement(hello, reply, [.. helloBytes, .. replyBytes]);
            var authenticator = _options.Credentials.CreateAuthenticator(agreement);
            if (gateHeld)
            {
                gate!.Release();
                gateHeld = false;
            }
            var session = existing ?? NewSession(agreement);
            session.Attach(transport, agreement, authenticator, leftover);
            keep = true;
            if (existing is null)
            {
                await _newSessions.Writer.WriteAsync(session, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is PeerSessionException or PeerFormatException or IOException or SocketException
            or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
            var reason = e is OperationCanceledException ? $"no Hello within {_options.HandshakeTimeout.TotalSeconds:0.#} s" : e.Message;
            HandshakeFailed?.Invoke(this, $"handshake with {transport.Description} failed: {reason}");
        }
        finally
        {
            if (gateHeld)
            {
                gate!.Release();
            }

            if (!keep)
            {
                await transport.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private (HelloFrame Reply, string Detail) SessionVerdict(HelloFrame hello, HelloFrame reply, string detail, PeerSession? existing)
    {
        if (reply.Status != HandshakeStatus.Accepted)
        {
            return (reply, detail);
        }

        if (hello.SessionId == 0)
        {
            return (reply with { Status = HandshakeStatus.OptionsRefused }, "session id 0");
        }

        if (hello.Resume && (existing is null || existing.IsFinished))
        {
            return (reply with { Status = HandshakeStatus.UnknownSession }, $"no session {hello.SessionId:X16} to resume here");
        }

        if (!hello.Resume && existing is not null)
        {
            return (reply with { Status = HandshakeStatus.SessionBusy }, $"session {hello.SessionId:X16} exists");
        }

        if (existing?.Info is { } info && (info.StationId != hello.StationId || info.PassId != hello.PassId || info.TransmitterId != hello.TransmitterId))
        {
            return (reply with { Status = HandshakeStatus.IdentityRefused }, "a resumed session keeps its identities");
        }

        if (!hello.Resume && _admit is not null && _admit(hello) is var admitted && admitted != HandshakeStatus.Accepted)
        {
            return (reply with { Status = admitted }, "refused by this side's admission rule");
        }

        return (reply, detail);
    }

    private PeerSession NewSession(ConnectionAgreement agreement)
    {
        var options = _options with { StationId = agreement.Responder.StationId, PassId = agreement.Responder.PassId };
        var session = PeerSession.ForResponder(options, agreement.Initiator.SessionId);
        lock (_sessions)
        {
            _sessions[session.SessionId] = session;
        }

        session.Finished.ContinueWith(_ =>
        {
            lock (_sessions)
            {
                _sessions.Remove(session.SessionId);
            }
        }, TaskScheduler.Default);
        return session;
    }
}
