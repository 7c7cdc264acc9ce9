using GroundStation.Peer.Handshake;
using GroundStation.Peer.Transport;
using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Session;

/// <summary>Connections of a session: handshake (initiator side), the read and write loops, resumption.</summary>
public sealed partial class PeerSession
{
    private Attachment? _attachment;
    private int _generation;

    /// <summary>The responder side of a new session (created by <see cref="PeerListener"/> once a Hello was accepted).</summary>
    internal static PeerSession ForResponder(PeerSessionOptions options, ulong sessionId) => new(options, sessionId, connect: null);

    /// <summary>Stops the current connection (a resume Hello arrived for it) so the receive position stays put.</summary>
    internal long DetachForResume()
    {
        lock (_gate)
        {
            DetachLocked();
            return _engine.ReceiveNext;
        }
    }

    /// <summary>Responder: a resume attempt failed after the old connection was stopped; wait for another.</summary>
    internal void AwaitReconnection(string reason)
    {
        SetState(PeerSessionState.Resuming, reason);
        _ = AwaitResumeAsync();
    }

    internal bool IsFinished => _finished.Task.IsCompleted;

    internal Task Finished => _finished.Task;

    /// <summary>Starts a connection whose handshake is done.</summary>
    internal void Attach(IPeerTransport transport, ConnectionAgreement agreement, Authentication.IFrameAuthenticator authenticator, byte[] leftover)
    {
        var peer = agreement.Of(Role.Other());
        var local = agreement.Of(Role);
        Attachment attachment;
        lock (_gate)
        {
            DetachLocked();
            _engine.Connect(new ConnectionSetup(authenticator, agreement.Transcript, peer.ReceiveNext, peer.ReceiveWindowMessages,
                peer.ReceiveWindowBytes, peer.MaxFrameBytes), NowMs());
            attachment = new Attachment(transport, ++_generation, CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token));
            _attachment = attachment;
            Info ??= PeerSessionInfo.From(local, agreement.Responder);
        }

        var resumed = agreement.Initiator.Resume ? $", resumed: the {Role.Other().Name()} had received {peer.ReceiveNext} messages" : "";
        SetState(PeerSessionState.Connected, $"connected over {transport.Description}{resumed}; authentication {authenticator.Mode.Describe()}");
        _ = RunConnectionAsync(attachment, leftover);
    }

    private void DetachLocked()
    {
        if (_attachment is null)
        {
            return;
        }

        _generation++;
        _attachment.Cancellation.Cancel();
        _attachment = null;
        _engine.Disconnect();
    }

    /// <summary>Initiator: one connection attempt with its handshake.</summary>
    private async Task EstablishAsync(bool resume, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        timeout.CancelAfter(_options.HandshakeTimeout);
        IPeerTransport transport;
        try
        {
            transport = await _connect!(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no connection within {_options.HandshakeTimeout.TotalSeconds:0.#} s");
        }

        var gate = _options.Credentials.HandshakeGate;
        var gateHeld = false;
        try
        {
            if (gate is not null)
            {
                await gate.WaitAsync(timeout.Token).ConfigureAwait(false);
                gateHeld = true;
            }
            HelloFrame hello;
            lock (_gate)
            {
                hello = HandshakeRules.LocalHello(_options, SessionId, resume, _engine.ReceiveNext);
            }

            var helloBytes = HelloCodec.Encode(FrameType.Hello, hello);
            await transport.WriteAsync(helloBytes, timeout.Token).ConfigureAwait(false);
            byte[] replyBytes, leftover;
            try
            {
                (replyBytes, leftover) = await HandshakeIo.ReadFrameAsync(transport, timeout.Token).ConfigureAwait(false);
            }
            catch (PeerFormatException e)
            {
                throw PeerSessionException.Local(PeerErrorCode.HandshakeRefused, $"{transport.Description} is not a peer-link responder: {e.Message}");
            }

            var reply = HandshakeIo.Decode(replyBytes, FrameType.HelloReply, transport.Description);
            HandshakeRules.CheckReply(hello, reply);
            var agreement = new ConnectionAgreement(hello, reply, [.. helloBytes, .. replyBytes]);
            var authenticator = _options.Credentials.CreateAuthenticator(agreement);
            if (gateHeld)
            {
                gate!.Release();
                gateHeld = false;
            }
            Attach(transport, agreement, authenticator, leftover);
            transport = null!;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_lifetime.IsCancellationRequested)
        {
            throw new TimeoutException($"no handshake within {_options.HandshakeTimeout.TotalSeconds:0.#} s");
        }
        finally
        {
            if (gateHeld)
            {
                gate!.Release();
            }

            if (transport is not null)
            {
                await transport.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RunConnectionAsync(Attachment a, byte[] leftover)
    {
        var token = a.Cancellation.Token;
        var reader = ReadLoopAsync(a, leftover, token);
        var writer = WriteLoopAsync(a, token);
        await Task.WhenAny(reader, writer).ConfigureAwait(false);
        bool failed;
        lock (_gate)
        {
            failed = _engine.Failure is not null;
        }

        if (failed)
        {
            // The writer tells the peer why (an authenticated Error frame) before the connection goes.
            _writerWake.Pulse();
            await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        }

        await a.Cancellation.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(reader.ContinueWith(_ => { }), writer.ContinueWith(_ => { })).ConfigureAwait(false);
        await a.Transport.DisposeAsync().ConfigureAwait(false);
        PeerSessionException? failure;
        bool complete;
        lock (_gate)
        {
            if (a.Generation != _generation)
            {
                return; // superseded by a newer connection of the same session
            }

            DetachLocked();
            failure = _engine.Failure;
            complete = _engine.IsComplete;
        }

        if (failure is not null)
        {
            Finish(failure);
        }
        else if (complete && (a.EndOfStream || a.LingerExpired))
        {
            MarkCompleted();
            Finish(null);
        }
        else
        {
            SetState(PeerSessionState.Resuming, $"connection lost: {a.LostReason ?? "closed by the other end"}; resuming for up to {_options.ResumeTimeout.TotalSeconds:0} s");
            _ = _connect is not null ? ReconnectLoopAsync() : AwaitResumeAsync();
        }
    }

    private async Task ReadLoopAsync(Attachment a, byte[] leftover, CancellationToken token)
    {
        try
        {
            var buffer = new byte[64 << 10];
            var data = leftover;
            var n = leftover.Length;
            while (true)
            {
                if (n > 0)
                {
                    bool complete;
                    lock (_gate)
                    {
                        if (a.Generation != _generation)
                        {
                            return;
                        }

                        _engine.Receive(data.AsSpan(0, n), NowMs());
                        complete = _engine.IsComplete;
                    }

                    if (complete)
                    {
                        MarkCompleted();
                    }

                    _writerWake.Pulse();
                    _changed.Pulse();
                }

                data = buffer;
                n = await a.Transport.ReadAsync(buffer, token).ConfigureAwait(false);
                if (n == 0)
                {
                    a.EndOfStream = true;
                    return;
                }
            }
        }
        catch (PeerSessionException)
        {
            // The engine is failed; RunConnectionAsync has the writer report it.
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            a.LostReason ??= e.Message;
        }
    }

    private async Task WriteLoopAsync(Attachment a, CancellationToken token)
    {
        try
        {
            while (true)
            {
                var wake = _writerWake.Task;
                byte[]? frame;
                long now, due;
                bool complete;
                lock (_gate)
                {
                    if (a.Generation != _generation)
                    {
                        return;
                    }

                    now = NowMs();
                    frame = _engine.Poll(now);
                    due = _engine.NextDueMs(now);
                    complete = _engine.IsComplete && frame is null;
                }

                if (frame is not null)
                {
                    await a.Transport.WriteAsync(frame, token).ConfigureAwait(false);
                    lock (_gate)
                    {
                        if (_engine.Failure is not null)
                        {
                            return; // the Error frame that says why (key pool exhausted) went out
                        }
                    }

                    continue;
                }

                if (complete)
                {
                    // Our Close and the peer's are both through: end our stream and let the peer's end arrive.
                    MarkCompleted();
                    a.Transport.ShutdownSend();
                    await Task.Delay(_options.SilenceTimeout, _options.Time, token).ConfigureAwait(false);
                    a.LingerExpired = true;
                    return;
                }

                var delay = due == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(1, due - now));
                await Task.WhenAny(wake, Task.Delay(delay, _options.Time, token)).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
            }
        }
        catch (PeerSessionException e)
        {
            await SendErrorAsync(a, e).ConfigureAwait(false);
        }
        catch (PeerConnectionLostException e)
        {
            a.LostReason ??= e.Message;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            a.LostReason ??= e.Message;
        }
    }

    private async Task SendErrorAsync(Attachment a, PeerSessionException error)
    {
        byte[]? frame;
        lock (_gate)
        {
            frame = a.Generation == _generation ? _engine.ErrorFrame(error, NowMs()) : null;
        }

        if (frame is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await a.Transport.WriteAsync(frame, timeout.Token).ConfigureAwait(false);
            a.Transport.ShutdownSend();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer learns it from the dropped connection instead.
        }
    }

    /// <summary>Initiator: reconnect with back-off until resumed, refused, or out of time.</summary>
    private async Task ReconnectLoopAsync()
    {
        var deadline = NowMs() + (long)_options.ResumeTimeout.TotalMilliseconds;
        var delay = TimeSpan.FromMilliseconds(50);
        string last = "no attempt";
        while (NowMs() < deadline && !_lifetime.IsCancellationRequested)
        {
            try
            {
                await EstablishAsync(resume: true, _lifetime.Token).ConfigureAwait(false);
                return;
            }
            catch (PeerSessionException e)
            {
                Finish(e);
                return;
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException or ObjectDisposedException)
            {
                last = e.Message;
            }

            try
            {
                await Task.Delay(delay, _options.Time, _lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
        }

        FinishLost(last);
    }

    /// <summary>Responder: wait for the initiator to resume.</summary>
    private async Task AwaitResumeAsync()
    {
        int generation;
        lock (_gate)
        {
            generation = _generation;
        }

        try
        {
            await Task.Delay(_options.ResumeTimeout, _options.Time, _lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            if (_generation != generation || _attachment is not null)
            {
                return; // resumed meanwhile
            }
        }

        FinishLost("the other end did not reconnect");
    }

    private void FinishLost(string reason)
    {
        bool complete;
        lock (_gate)
        {
            complete = _engine.IsComplete;
        }

        // A session that completed only lacks the drain of its last Close: its results stand.
        Finish(complete ? null : PeerSessionException.Local(PeerErrorCode.ConnectionLost,
            $"the connection to the {Role.Other().Name()} was lost and not resumed within {_options.ResumeTimeout.TotalSeconds:0} s ({reason})"));
    }

    private sealed class Attachment(IPeerTransport transport, int generation, CancellationTokenSource cancellation)
    {
        public IPeerTransport Transport { get; } = transport;
        public int Generation { get; } = generation;
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public volatile bool EndOfStream;
        public volatile bool LingerExpired;
        public string? LostReason;
    }
}
