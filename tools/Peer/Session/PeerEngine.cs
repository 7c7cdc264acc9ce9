using GroundStation.Peer.Handshake;
using GroundStation.Peer.Messages;
using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Session;

/// <summary>
/// The session's protocol engine without any I/O (protocol/PEER.md sections 3, 7 and 9): bytes in
/// (<see cref="Receive"/>), frames out (<see cref="Poll"/>), time passed in as milliseconds of the caller's clock, so
/// tests run it in virtual time. It owns the reliable stream across connections (outbox, inbox, sequence numbers,
/// acknowledgements, flow window, close) and, per connection, the frame counters and the authenticator. Fatal
/// errors throw <see cref="PeerSessionException"/> and leave the engine failed; a silent peer throws
/// <see cref="PeerConnectionLostException"/> (the session resumes on a new connection). Not thread-safe.
/// </summary>
internal sealed class PeerEngine
{
    private readonly PeerEngineSettings _s;
    private readonly PeerRole _peerRole;
    private readonly PeerDirection _sendDirection;
    private readonly PeerDirection _receiveDirection;
    private readonly ReliableOutbox _outbox = new();
    private readonly Queue<PeerMessage> _inbox = new();
    private long _inboxBytes;
    private long _receiveNext;
    private long _consumedNext;
    private long _consumedBytesUnacked;
    private long _firstUnackedConsumedAtMs = -1;
    private long _flushUpTo;
    private long _transmitHigh;
    private bool _closeRequested;
    private Connection? _c;
    private int _peerMaxFrameBytes = PeerWire.MinMaxFrameBytes;
    private long _closedKeyBitsUsed;
    private long _closedKeyBitsReserved;
    private PeerCounters _counters = new();

    public PeerEngine(PeerEngineSettings settings)
    {
        _s = settings;
        _peerRole = settings.Role.Other();
        _sendDirection = settings.Role.Sending();
        _receiveDirection = _peerRole.Sending();
    }

    public PeerRole Role => _s.Role;

    public PeerSessionException? Failure { get; private set; }

    public bool Connected => _c is not null;

    /// <summary>Sequence number of the next message not yet received (sent in Hello when resuming).</summary>
    public long ReceiveNext => _receiveNext;

    public bool PeerClosed { get; private set; }

    public bool CloseSent { get; private set; }

    /// <summary>Both sides said Close: everything either sent was consumed by the other.</summary>
    public bool IsComplete => CloseSent && PeerClosed;

    public int InboxCount => _inbox.Count;

    /// <summary>Messages not yet acknowledged by the peer (held for resending).</summary>
    public long Unacknowledged => _outbox.Next - _outbox.Base;

    public long QueuedBytes => _outbox.Bytes;

    public PeerCounters Counters => _counters with
    {
        KeyBitsUsed = _closedKeyBitsUsed + (_c?.Setup.Authenticator.KeyBitsUsed ?? 0),
        KeyBitsReserved = _closedKeyBitsReserved + (_c?.Setup.Authenticator.KeyBitsReserved ?? 0),
    };

    // ---- application side ----

    public long Enqueue(PeerMessage message, long nowMs)
    {
        ThrowIfFailed();
        if (_closeRequested)
        {
            throw new InvalidOperationException("The session is closing: nothing more can be sent.");
        }

        if (!PeerMessageCatalog.MaySend(_s.Role, message.Type))
        {
            throw new ArgumentException($"The {_s.Role.Name()} does not send {message.Type} messages.");
        }

        var limit = _peerMaxFrameBytes - PeerWire.MinAuthenticatedLength - DataBody.HeaderBytes - DataBody.PerMessageBytes;
        if (message.Payload.Length > limit)
        {
            throw new ArgumentException($"A {message.Type} of {message.Payload.Length} bytes exceeds the {limit}-byte message limit of the peer's frames.");
        }

        return _outbox.Add(message, nowMs);
    }

    public bool TryDequeue(out PeerMessage message, long nowMs)
    {
        if (!_inbox.TryDequeue(out message!))
        {
            return false;
        }

        _consumedNext++;
        _inboxBytes -= message.Payload.Length;
        _consumedBytesUnacked += message.Payload.Length;
        if (_firstUnackedConsumedAtMs < 0)
        {
            _firstUnackedConsumedAtMs = nowMs;
        }

        return true;
    }

    /// <summary>Sends everything queued now, without waiting for the flush interval.</summary>
    public void RequestFlush() => _flushUpTo = _outbox.Next;

    /// <summary>Nothing more will be sent; Close goes out once the peer has acknowledged everything.</summary>
    public void RequestClose()
    {
        _closeRequested = true;
        RequestFlush();
    }

    // ---- connection side ----

    public void Connect(ConnectionSetup setup, long nowMs)
    {
        ThrowIfFailed();
        Disconnect();
        if (setup.PeerReceiveNext < _outbox.Base || setup.PeerReceiveNext > _outbox.Next)
        {
            Fail(PeerErrorCode.ProtocolViolation,
                $"the {_peerRole.Name()} resumes at message {setup.PeerReceiveNext}, but this side holds messages {_outbox.Base}..{_outbox.Next - 1}: it lost acknowledged messages");
        }

        long inFlightBytes = 0;
        for (var seq = _outbox.Base; seq < setup.PeerReceiveNext; seq++)
        {
            inFlightBytes += _outbox[seq].Message.Payload.Length;
        }

        _peerMaxFrameBytes = setup.PeerMaxFrameBytes;
        _c = new Connection(setup, new FrameAssembler(_s.MaxFrameBytes))
        {
            TransmitNext = setup.PeerReceiveNext,
            InFlightBytes = inFlightBytes,
            ResendUpTo = _transmitHigh,
            LastSentMs = nowMs,
            LastReceivedMs = nowMs,
        };
        _counters = _counters with { Connections = _counters.Connections + 1 };
    }

    public void Disconnect()
    {
        if (_c is null)
        {
            return;
        }

        _closedKeyBitsUsed += _c.Setup.Authenticator.KeyBitsUsed;
        _closedKeyBitsReserved += _c.Setup.Authenticator.KeyBitsReserved;
        _c = null;
    }

    public void Receive(ReadOnlySpan<byte> data, long nowMs)
    {
        ThrowIfFailed();
        if (_c is null)
        {
            return;
        }

        _counters = _counters with { BytesReceived = _counters.BytesReceived + data.Length };
        _c.Assembler.Append(data);
        while (true)
        {
            byte[] frame;
            try
            {
                if (!_c.Assembler.TryTake(out frame))
                {
                    return;
                }
            }
            catch (PeerFormatException e)
            {
                Fail(PeerErrorCode.Tampered, $"malformed frame after frame {_c.ReceiveCounter - 1}: {e.Message} (altered in transit)");
                return;
            }

            Process(frame, nowMs);
        }
    }

    /// <summary>The next frame to write now, or null when nothing is due (see <see cref="NextDueMs"/>).</summary>
    public byte[]? Poll(long nowMs)
    {
        ThrowIfFailed();
        if (_c is null)
        {
            return null;
        }

        if (nowMs - _c.LastReceivedMs >= _s.SilenceMs)
        {
            throw new PeerConnectionLostException($"no frame from the {_peerRole.Name()} for {(nowMs - _c.LastReceivedMs) / 1000.0:0.#} s");
        }

        if (!_c.ConfirmSent)
        {
            _c.ConfirmSent = true;
            return Seal(FrameType.Confirm, [], nowMs, _c.Setup.Transcript);
        }

        var data = TryBuildData(nowMs);
        if (data is not null)
        {
            return data;
        }

        if (_closeRequested && _outbox.Base == _outbox.Next && !_c.CloseSent)
        {
            _c.CloseSent = true;
            var frame = Seal(FrameType.Close, [], nowMs);
            CloseSent = Failure is null;
            return frame;
        }

        if (AckDue(nowMs) || nowMs - _c.LastSentMs >= _s.KeepaliveMs)
        {
            return Seal(FrameType.Ack, [], nowMs);
        }

        return null;
    }

    /// <summary>When <see cref="Poll"/> should run again at the latest (long.MaxValue: only on new input).</summary>
    public long NextDueMs(long nowMs)
    {
        if (_c is null || Failure is not null)
        {
            return long.MaxValue;
        }

        if (!_c.ConfirmSent || (_closeRequested && _outbox.Base == _outbox.Next && !_c.CloseSent) || AckDue(nowMs))
        {
            return nowMs;
        }

        var due = Math.Min(_c.LastReceivedMs + _s.SilenceMs, _c.LastSentMs + _s.KeepaliveMs);
        if (_consumedNext > _c.AckSent && _firstUnackedConsumedAtMs >= 0)
        {
            due = Math.Min(due, _firstUnackedConsumedAtMs + _s.AckDelayMs);
        }

        var seq = _c.TransmitNext;
        if (seq < _outbox.Next && WindowAllows(seq, _outbox[seq].Message.Payload.Length))
        {
            due = Forced(seq) ? nowMs : Math.Min(due, _outbox[seq].EnqueuedAtMs + _s.FlushIntervalMs);
        }

        return Math.Max(due, nowMs);
    }

    /// <summary>An authenticated Error frame telling the peer why this side ends the session, when one can still be sent.</summary>
    public byte[]? ErrorFrame(PeerSessionException error, long nowMs)
    {
        if (_c is null || error.ReportedByPeer || _c.SendCounter >= _c.Setup.Authenticator.FramesPerDirection - 1)
        {
            return null;
        }

        // Failed before our Confirm went out (the peer's frames were already waiting): send it first, so a peer
        // with other keys reaches the same verdict from it instead of seeing the connection vanish.
        byte[] confirm = [];
        if (!_c.ConfirmSent)
        {
            _c.ConfirmSent = true;
            confirm = Seal(FrameType.Confirm, [], nowMs, _c.Setup.Transcript);
        }

        return [.. confirm, .. Seal(FrameType.Error, ErrorBody.Encode(error.Code, error.Message), nowMs, allowLastPad: true)];
    }

    /// <summary>Ends the session for an application reason (or a local failure): fails the engine.</summary>
    public PeerSessionException Abort(PeerErrorCode code, string reason)
    {
        Failure ??= PeerSessionException.Local(code, reason);
        return Failure;
    }

    // ---- internals ----

    private void Process(byte[] frame, long nowMs)
    {
        var c = _c!;
        AuthenticatedFrame.Header header;
        try
        {
            header = AuthenticatedFrame.ReadHeader(frame);
        }
        catch (PeerFormatException e)
        {
            Fail(PeerErrorCode.Tampered, $"after frame {c.ReceiveCounter - 1}: {e.Message} (altered in transit)");
            return;
        }

        var expected = c.ReceiveCounter;
        if (header.Counter < expected)
        {
            Fail(PeerErrorCode.Replayed, $"frame {header.Counter} arrived again after frame {expected - 1} (a replay)");
        }

        if (header.Counter > expected)
        {
            Fail(PeerErrorCode.Reordered, $"frame {header.Counter} arrived where frame {expected} was due (frames reordered or one removed)");
        }

        if (expected >= c.Setup.Authenticator.FramesPerDirection)
        {
            Fail(PeerErrorCode.ProtocolViolation, $"the {_peerRole.Name()} sent frame {expected}, beyond the {c.Setup.Authenticator.FramesPerDirection} frames the key pool allows");
        }

        var transcript = expected == 0 ? c.Setup.Transcript : [];
        if (!AuthenticatedFrame.Verify(frame, _receiveDirection, c.Setup.Authenticator, expected, transcript))
        {
            if (expected == 0)
            {
                Fail(PeerErrorCode.WrongKey,
                    $"the {_peerRole.Name()}'s handshake confirmation does not verify: the two sides hold different keys (wrong pre-shared key or key pool), or the handshake was altered in transit");
            }

            Fail(PeerErrorCode.Tampered, $"frame {expected} ({TypeName(header.Type)}) from the {_peerRole.Name()} failed authentication: altered in transit");
        }

        c.ReceiveCounter++;
        c.LastReceivedMs = nowMs;
        _counters = _counters with { FramesReceived = _counters.FramesReceived + 1 };
        if ((expected == 0) != (header.Type == FrameType.Confirm))
        {
            Fail(PeerErrorCode.ProtocolViolation, $"frame {expected} is a {TypeName(header.Type)}; Confirm comes first and only first");
        }

        ApplyAck(header.Ack);
        var body = AuthenticatedFrame.Body(frame);
        try
        {
            switch (header.Type)
            {
                case FrameType.Confirm or FrameType.Ack or FrameType.Close when body.Length != 0:
                    Fail(PeerErrorCode.ProtocolViolation, $"a {header.Type} frame has no body, this one has {body.Length} bytes");
                    break;
                case FrameType.Confirm:
                case FrameType.Ack:
                    break;
                case FrameType.Close:
                    PeerClosed = true;
                    break;
                case FrameType.Data:
                    OnData(body);
                    break;
                case FrameType.Error:
                    var (code, text) = ErrorBody.Decode(body);
                    var cause = text.StartsWith(code.Describe() + ":", StringComparison.Ordinal) ? text : $"{code.Describe()}: {text}";
                    Failure = new PeerSessionException(code, $"the {_peerRole.Name()} ended the session: {cause}", reportedByPeer: true);
                    throw Failure;
                default:
                    Fail(PeerErrorCode.ProtocolViolation, $"unknown frame type 0x{(byte)header.Type:X2}");
                    break;
            }
        }
        catch (PeerFormatException e)
        {
            Fail(PeerErrorCode.ProtocolViolation, $"frame {expected}: {e.Message}");
        }
    }

    private void ApplyAck(long ack)
    {
        var c = _c!;
        if (ack < _outbox.Base || ack > c.TransmitNext)
        {
            Fail(PeerErrorCode.ProtocolViolation, $"acknowledgement {ack} is outside {_outbox.Base}..{c.TransmitNext} (acknowledged before, or never sent)");
        }

        c.InFlightBytes -= _outbox.AcknowledgeTo(ack);
    }

    private void OnData(ReadOnlySpan<byte> body)
    {
        if (PeerClosed)
        {
            Fail(PeerErrorCode.ProtocolViolation, $"data after the {_peerRole.Name()}'s Close");
        }

        var (first, messages) = DataBody.Decode(body);
        if (first != _receiveNext)
        {
            Fail(PeerErrorCode.ProtocolViolation, $"messages start at {first} where {_receiveNext} was due");
        }

        foreach (var m in messages)
        {
            if (!PeerMessageCatalog.MaySend(_peerRole, m.Type))
            {
                Fail(PeerErrorCode.ProtocolViolation, $"message {_receiveNext}: the {_peerRole.Name()} does not send {(PeerMessageCatalog.IsKnown(m.Type) ? m.Type.ToString() : $"type 0x{(byte)m.Type:X2}")}");
            }

            _inbox.Enqueue(m);
            _inboxBytes += m.Payload.Length;
            _receiveNext++;
        }

        var held = _receiveNext - _consumedNext;
        if (held > _s.ReceiveWindowMessages || (held > 1 && _inboxBytes > _s.ReceiveWindowBytes))
        {
            Fail(PeerErrorCode.ProtocolViolation,
                $"the {_peerRole.Name()} overran the flow window ({held} messages, {_inboxBytes} bytes unconsumed; window {_s.ReceiveWindowMessages} messages, {_s.ReceiveWindowBytes} bytes)");
        }

        _counters = _counters with { MessagesReceived = _counters.MessagesReceived + messages.Count };
    }

    private byte[]? TryBuildData(long nowMs)
    {
        var c = _c!;
        var first = c.TransmitNext;
        if (first >= _outbox.Next)
        {
            return null;
        }

        var messages = new List<PeerMessage>();
        long bytes = 0;
        var frameLength = PeerWire.MinAuthenticatedLength + DataBody.HeaderBytes;
        var full = false;
        for (var seq = first; seq < _outbox.Next; seq++)
        {
            var m = _outbox[seq].Message;
            if (!WindowAllows(seq, m.Payload.Length, bytes))
            {
                full = true;
                break;
            }

            var size = DataBody.PerMessageBytes + m.Payload.Length;
            if ((long)frameLength + size > c.Setup.PeerMaxFrameBytes)
            {
                if (messages.Count == 0)
                {
                    Fail(PeerErrorCode.ProtocolViolation, $"message {seq} ({m.Type}, {m.Payload.Length} bytes) exceeds the {_peerRole.Name()}'s frame limit of {c.Setup.PeerMaxFrameBytes} bytes");
                }

                full = true;
                break;
            }

            messages.Add(m);
            bytes += m.Payload.Length;
            frameLength += size;
            if (bytes >= _s.CoalesceBytes)
            {
                full = true;
                break;
            }
        }

        if (messages.Count == 0)
        {
            if (!c.WindowBlocked)
            {
                c.WindowBlocked = true;
                _counters = _counters with { WindowStalls = _counters.WindowStalls + 1 };
            }

            return null;
        }

        c.WindowBlocked = false;
        if (!full && !Forced(first) && nowMs - _outbox[first].EnqueuedAtMs < _s.FlushIntervalMs)
        {
            return null;
        }

        var frame = Seal(FrameType.Data, DataBody.Encode(first, messages), nowMs);
        c.TransmitNext += messages.Count;
        c.InFlightBytes += bytes;
        var fresh = Math.Max(0, c.TransmitNext - Math.Max(first, _transmitHigh));
        _transmitHigh = Math.Max(_transmitHigh, c.TransmitNext);
        _counters = _counters with
        {
            DataFramesSent = _counters.DataFramesSent + 1,
            MessagesSent = _counters.MessagesSent + fresh,
            MessagesResent = _counters.MessagesResent + messages.Count - fresh,
            MaxMessagesInFlight = Math.Max(_counters.MaxMessagesInFlight, c.TransmitNext - _outbox.Base),
        };
        return frame;
    }

    /// <summary>May message <paramref name="seq"/> go out with <paramref name="pendingBytes"/> more already in this frame?</summary>
    private bool WindowAllows(long seq, int payloadBytes, long pendingBytes = 0)
    {
        var c = _c!;
        if (seq - _outbox.Base >= c.Setup.PeerWindowMessages)
        {
            return false;
        }

        // One message larger than the whole byte window may go when nothing else is in flight.
        return seq == _outbox.Base || c.InFlightBytes + pendingBytes + payloadBytes <= c.Setup.PeerWindowBytes;
    }

    private bool Forced(long seq) => seq < _flushUpTo || seq < _c!.ResendUpTo || _closeRequested;

    private bool AckDue(long nowMs)
    {
        var c = _c!;
        if (_consumedNext <= c.AckSent)
        {
            return false;
        }

        return _consumedNext - c.AckSent >= Math.Max(1, _s.ReceiveWindowMessages / 2)
            || _consumedBytesUnacked >= _s.ReceiveWindowBytes / 2
            || (_firstUnackedConsumedAtMs >= 0 && nowMs - _firstUnackedConsumedAtMs >= _s.AckDelayMs);
    }

    private byte[] Seal(FrameType type, byte[] body, long nowMs, byte[]? transcript = null, bool allowLastPad = false)
    {
        var c = _c!;
        var auth = c.Setup.Authenticator;
        if (!allowLastPad && c.SendCounter >= auth.FramesPerDirection - 1)
        {
            // The last pad of the connection is kept for this frame: the peer learns why the session ends.
            Failure = PeerSessionException.Local(PeerErrorCode.KeyPoolExhausted,
                $"no pads left after {c.SendCounter} frames of this connection; replenish the pool with key from a finished pass");
            type = FrameType.Error;
            body = ErrorBody.Encode(Failure.Code, Failure.Message);
            transcript = null;
        }

        var frame = AuthenticatedFrame.Seal(type, c.SendCounter, _consumedNext, body, _sendDirection, auth, transcript);
        c.SendCounter++;
        c.LastSentMs = nowMs;
        c.AckSent = _consumedNext;
        _firstUnackedConsumedAtMs = -1;
        _consumedBytesUnacked = 0;
        _counters = _counters with { FramesSent = _counters.FramesSent + 1, BytesSent = _counters.BytesSent + frame.Length };
        return frame;
    }

    private void ThrowIfFailed()
    {
        if (Failure is not null)
        {
            throw Failure;
        }
    }

    private void Fail(PeerErrorCode code, string detail)
    {
        Failure = PeerSessionException.Local(code, detail);
        throw Failure;
    }

    private static string TypeName(FrameType type) => Enum.IsDefined(type) ? type.ToString() : $"type 0x{(byte)type:X2}";

    private sealed class Connection(ConnectionSetup setup, FrameAssembler assembler)
    {
        public ConnectionSetup Setup { get; } = setup;
        public FrameAssembler Assembler { get; } = assembler;
        public long SendCounter { get; set; }
        public long ReceiveCounter { get; set; }
        public bool ConfirmSent { get; set; }
        public bool CloseSent { get; set; }
        public bool WindowBlocked { get; set; }
        public long TransmitNext { get; set; }
        public long InFlightBytes { get; set; }
        public long ResendUpTo { get; set; }
        public long LastSentMs { get; set; }
        public long LastReceivedMs { get; set; }
        public long AckSent { get; set; } = -1;
    }
}
