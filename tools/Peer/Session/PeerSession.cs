using GroundStation.Peer.Handshake;
using GroundStation.Peer.Messages;
using GroundStation.Peer.Transport;

namespace GroundStation.Peer.Session;

/// <summary>
/// One peer-link session (protocol/PEER.md), the same for the station and the transmitter role: send and receive
/// typed messages, exactly once and in order across reconnections, every frame authenticated. Created by
/// <see cref="ConnectAsync"/> (the TCP client, which also reconnects) or by a <see cref="PeerListener"/> (the server).
/// <para>
/// Outcome: <see cref="Completion"/> succeeds when both sides closed after everything was delivered; it faults with a
/// <see cref="PeerSessionException"/> naming the cause otherwise. A caller keeps nothing derived from a session
/// (sifted blocks, corrected frames, the final key) until <see cref="Completion"/> succeeded, and discards all of it
/// when it faults.
/// </para>
/// </summary>
public sealed partial class PeerSession : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly PeerSessionOptions _options;
    private readonly PeerEngine _engine;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly AsyncPulse _changed = new();
    private readonly AsyncPulse _writerWake = new();
    private readonly Func<CancellationToken, Task<IPeerTransport>>? _connect;
    private PeerSessionState _state = PeerSessionState.Connecting;

    private PeerSession(PeerSessionOptions options, ulong sessionId, Func<CancellationToken, Task<IPeerTransport>>? connect)
    {
        _options = options;
        _engine = new PeerEngine(options.EngineSettings());
        _connect = connect;
        SessionId = sessionId;
        _completion.Task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
    }

    public ulong SessionId { get; }

    public PeerRole Role => _options.Role;

    /// <summary>What the handshake settled; set once the first connection is up.</summary>
    public PeerSessionInfo? Info { get; private set; }

    public PeerSessionState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Raised on every state change (on a pool thread; keep handlers short).</summary>
    public event EventHandler<PeerSessionStateChange>? StateChanged;

    /// <summary>Succeeds when the session completed; faults with <see cref="PeerSessionException"/> when it failed.</summary>
    public Task Completion => _completion.Task;

    public PeerCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return _engine.Counters;
            }
        }
    }

    /// <summary>
    /// Opens a session as the TCP client (initiator): connects, runs the handshake and returns once the connection is
    /// up; later drops are resumed by reconnecting through <paramref name="connect"/> for up to the resume timeout.
    /// Throws <see cref="PeerSessionException"/> when the first connection cannot be made or is refused.
    /// </summary>
    public static async Task<PeerSession> ConnectAsync(PeerSessionOptions options, Func<CancellationToken, Task<IPeerTransport>> connect,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connect);
        options.Validate();
        ulong id = options.SessionId ?? 0;
        while (id == 0)
        {
            id = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        }

        var session = new PeerSession(options, id, connect);
        try
        {
            await session.EstablishAsync(resume: false, cancellationToken).ConfigureAwait(false);
        }
        catch (PeerSessionException e)
        {
            session.Finish(e);
            throw;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var error = PeerSessionException.Local(PeerErrorCode.ConnectionLost, $"cannot reach the {options.Role.Other().Name()}: {e.Message}");
            session.Finish(error);
            throw error;
        }

        return session;
    }

    /// <summary><see cref="ConnectAsync(PeerSessionOptions, Func{CancellationToken, Task{IPeerTransport}}, CancellationToken)"/> over TCP.</summary>
    public static Task<PeerSession> ConnectTcpAsync(PeerSessionOptions options, string host, int port, CancellationToken cancellationToken = default) =>
        ConnectAsync(options, async ct => await TcpPeerTransport.ConnectAsync(host, port, ct).ConfigureAwait(false), cancellationToken);

    /// <summary>Queues a message; waits while more than the queue limit is unacknowledged. Throws the session's error once it failed.</summary>
    public async ValueTask SendAsync(PeerMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        while (true)
        {
            var changed = _changed.Task;
            lock (_gate)
            {
                ThrowIfEnded();
                if (_engine.QueuedBytes == 0 || _engine.QueuedBytes + message.Payload.Length <= _options.MaxQueuedBytes)
                {
                    _engine.Enqueue(message, NowMs());
                    break;
                }
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _writerWake.Pulse();
    }

    /// <summary>Sends what is queued now instead of after the flush interval (e.g. at the end of a burst).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _engine.RequestFlush();
        }

        _writerWake.Pulse();
    }

    /// <summary>The next message from the peer, in order; null once the peer closed and everything was read.
    /// Throws the session's <see cref="PeerSessionException"/> when it failed.</summary>
    public async ValueTask<PeerMessage?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var changed = _changed.Task;
            lock (_gate)
            {
                if (_engine.TryDequeue(out var message, NowMs()))
                {
                    _writerWake.Pulse();
                    return message;
                }

                if (_completion.Task.IsFaulted)
                {
                    throw _completion.Task.Exception!.InnerException!;
                }

                if (_engine.PeerClosed || _completion.Task.IsCompletedSuccessfully)
                {
                    return null;
                }
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ends this side's sending: Close goes out once the peer acknowledged everything; returns when both sides closed
    /// and the connection drained. Throws the session's <see cref="PeerSessionException"/> when it failed.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_completion.Task.IsCompleted)
            {
                _engine.RequestClose();
            }
        }

        _writerWake.Pulse();
        await _completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Completed: the rest is letting the connection drain, which the outcome no longer depends on.
            await _finished.Task.WaitAsync(_options.SilenceTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>
    /// Ends the session with an error the peer is told about: <see cref="PeerErrorCode.Aborted"/>, or
    /// <see cref="PeerErrorCode.ProtocolViolation"/> when a message's content contradicts this side (e.g. a count that
    /// differs from its own). Nothing from the session is kept.
    /// </summary>
    public async Task AbortAsync(string reason, PeerErrorCode code = PeerErrorCode.Aborted)
    {
        if (code is not (PeerErrorCode.Aborted or PeerErrorCode.ProtocolViolation))
        {
            throw new ArgumentException("An application ends a session as aborted or as a protocol violation.", nameof(code));
        }

        if (_completion.Task.IsCompleted)
        {
            return; // the outcome is settled
        }

        PeerSessionException error;
        bool connected;
        lock (_gate)
        {
            error = _engine.Abort(code, reason);
            connected = _engine.Connected;
        }

        if (!connected)
        {
            Finish(error);
        }

        _writerWake.Pulse();
        try
        {
            await _finished.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Finish(error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completion.Task.IsCompleted)
        {
            await AbortAsync("the session was disposed before it completed").ConfigureAwait(false);
        }

        Finish(null);
        _lifetime.Cancel();
    }

    public override string ToString() => Info?.Describe() ?? $"peer session {SessionId:X16} ({_state})";

    private void ThrowIfEnded()
    {
        if (_completion.Task.IsFaulted)
        {
            throw _completion.Task.Exception!.InnerException!;
        }

        if (_completion.Task.IsCompleted)
        {
            throw new InvalidOperationException("The session has completed: nothing more can be sent.");
        }
    }

    private long NowMs() => _options.Time.GetTimestamp() * 1000 / _options.Time.TimestampFrequency;

    private void SetState(PeerSessionState state, string detail)
    {
        lock (_gate)
        {
            if (_state is PeerSessionState.Failed || (_state == PeerSessionState.Completed && state != PeerSessionState.Failed))
            {
                return;
            }

            _state = state;
        }

        StateChanged?.Invoke(this, new PeerSessionStateChange(state, detail));
        _changed.Pulse();
    }

    /// <summary>Both sides closed: results may be kept (the connection may still be draining).</summary>
    private void MarkCompleted()
    {
        if (_completion.TrySetResult())
        {
            var counters = Counters;
            SetState(PeerSessionState.Completed,
                $"{counters.MessagesSent} messages sent, {counters.MessagesReceived} received, {counters.Connections} connection(s), {counters.KeyBitsReserved} pool bits spent");
        }
    }

    /// <summary>The session is over: failed with <paramref name="error"/>, or (null) finished after completing.</summary>
    private void Finish(PeerSessionException? error)
    {
        if (error is not null && _completion.TrySetException(error))
        {
            SetState(PeerSessionState.Failed, error.Message);
        }
        else if (error is null && !_completion.Task.IsCompleted)
        {
            var lost = PeerSessionException.Local(PeerErrorCode.ConnectionLost, "the session ended before both sides closed it");
            _completion.TrySetException(lost);
            SetState(PeerSessionState.Failed, lost.Message);
        }

        _finished.TrySetResult();
        _changed.Pulse();
        _writerWake.Pulse();
    }
}
