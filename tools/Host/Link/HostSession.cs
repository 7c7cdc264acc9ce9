using GroundStation.Hal;
using GroundStation.Protocol;

namespace GroundStation.Host.Link;

public enum HostSessionState
{
    Idle,
    Handshaking,
    Connected,
    Incompatible,
    Closed,
}

/// <summary>
/// The host's end of the link protocol, driven by <see cref="Poll"/> (no threads, no waiting): handshake, the
/// shared <see cref="LinkChannel"/> (reliable stream both ways, acks, keepalives), commands with request ids.
/// <see cref="LinkClient"/> wraps it with a pump thread and blocking calls; tests and the benchmark drive it
/// directly in virtual time.
/// </summary>
public sealed class HostSession
{
    /// <summary>Hello is repeated this often until HelloReply arrives (a lost Hello is not fatal).</summary>
    public const long HelloRetryMicroseconds = 300_000;

    private readonly ISerialPort _port;
    private readonly IMonotonicClock _clock;
    private readonly LinkChannel _channel;
    private readonly byte[] _rx = new byte[4096];
    private readonly byte[] _scratch = new byte[Frame.MaxPayload];
    private readonly HelloReplyPayload _reply = new();
    private ResumeState? _resume;
    private long _lastHelloUs;
    private int _nextRequestId = 1;

    public HostSession(ISerialPort port, IMonotonicClock clock, LinkSettings? settings = null)
    {
        _port = port;
        _clock = clock;
        settings ??= DefaultSettings();
        _channel = new LinkChannel(port, settings);
        for (int t = 0; t < 256; t++)
        {
            _channel.SetHandler((MessageType)t, Forward);
        }

        _channel.SetHandler(MessageType.HelloReply, OnHelloReply);
        _channel.SetHandler(MessageType.CommandReply, OnCommandReply);
        _channel.SetHandler(MessageType.Bye, (_, _, _, _) =>
        {
            _channel.Deactivate();
            State = HostSessionState.Closed;
        });
    }

    /// <summary>Host defaults: the widest receive window and the largest payload, so any device fits.</summary>
    public static LinkSettings DefaultSettings() => new()
    {
        SendSlots = 16,
        ReceiveWindow = ReliableReceiver.MaxWindow,
        MaxPayload = Frame.MaxPayload,
    };

    public HostSessionState State { get; private set; } = HostSessionState.Idle;

    public DeviceInfo? Device { get; private set; }

    public LinkChannel Channel => _channel;

    /// <summary>Where a restarted host resumes from (persist it after handling messages).</summary>
    public ResumeState? ResumeState =>
        Device is null ? _resume : new ResumeState(Device.SessionId, _channel.Receiver.Next);

    /// <summary>
    /// Every message from the device except the handshake and command replies, on the polling thread: the
    /// reliable stream exactly once and in order, unsequenced messages (telemetry) as they come. The buffer is
    /// only valid during the call.
    /// </summary>
    public MessageHandler? Received { get; set; }

    /// <summary>Command replies: (request id, status, text).</summary>
    public Action<int, int, string>? CommandReplied { get; set; }

    /// <summary>Sends Hello (again every 300 ms from Poll until answered).</summary>
    public void StartHandshake(ResumeState? resume = null)
    {
        _resume = resume;
        State = HostSessionState.Handshaking;
        SendHello(_clock.NowMicroseconds);
    }

    /// <summary>One step: read, handle, retry Hello, send what is due.</summary>
    public void Poll()
    {
        var now = _clock.NowMicroseconds;
        for (int reads = 0; reads < 64; reads++)
        {
            int count = _port.Read(_rx, 0, _rx.Length);
            if (count <= 0)
            {
                break;
            }

            for (int i = 0; i < count; i++)
            {
                _channel.PushByte(_rx[i], now);
            }
        }

        if (State == HostSessionState.Handshaking && now - _lastHelloUs >= HelloRetryMicroseconds)
        {
            SendHello(now);
        }

        if (State == HostSessionState.Connected)
        {
            _channel.Pump(now);
        }
    }

    /// <summary>Queues a reliable message to the device; false when the send slots are full.</summary>
    public bool SendReliable(MessageType type, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(_scratch);
        return _channel.SendReliable(type, _scratch, 0, payload.Length);
    }

    /// <summary>Sends one command line; the reply comes through <see cref="CommandReplied"/> with the returned id.</summary>
    public int SendCommand(string line)
    {
        int id = _nextRequestId;
        _nextRequestId = _nextRequestId == ushort.MaxValue ? 1 : _nextRequestId + 1;
        SendCommand(id, line);
        return id;
    }

    /// <summary>Sends (or re-sends, after a lost reply) a command with a given id: the device runs an id once.</summary>
    public void SendCommand(int requestId, string line)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(line) > Protocol.Console.CommandTable.MaxLineLength)
        {
            throw new ArgumentException($"command longer than {Protocol.Console.CommandTable.MaxLineLength} bytes", nameof(line));
        }

        int length = CommandPayload.WriteCommand(_scratch, 0, requestId, line);
        _channel.SendControl(MessageType.Command, _scratch, 0, length, _clock.NowMicroseconds);
    }

    /// <summary>Ends the session politely: the device returns to console mode.</summary>
    public void Bye()
    {
        if (State == HostSessionState.Connected)
        {
            _channel.SendControl(MessageType.Bye, _scratch, 0, 0, _clock.NowMicroseconds);
        }

        _channel.Deactivate();
        State = HostSessionState.Closed;
    }

    private void SendHello(long now)
    {
        var hello = new HelloPayload
        {
            Major = ProtocolVersion.Major,
            Minor = ProtocolVersion.Minor,
            SessionId = _resume?.SessionId ?? 0,
            ReceiveNext = _resume?.ReceiveNext ?? 0,
            ReceiveWindow = _channel.Receiver.Window,
            MaxPayload = _channel.Settings.MaxPayload,
        };
        int length = hello.Write(_scratch, 0);
        _channel.SendControl(MessageType.Hello, _scratch, 0, length, now);
        _lastHelloUs = now;
    }

    private void OnHelloReply(MessageType type, byte[] buffer, int offset, int count)
    {
        if (State != HostSessionState.Handshaking || !_reply.TryRead(buffer, offset, count))
        {
            return;
        }

        Device = new DeviceInfo(_reply.Name, _reply.FirmwareVersion, _reply.BoardName, _reply.Major, _reply.Minor,
            _reply.SessionId, _reply.Resumed, _reply.MaxPayload, _reply.ReceiveWindow);
        if (_reply.Status != HelloReplyPayload.StatusOk)
        {
            State = HostSessionState.Incompatible;
            return;
        }

        // Resumed: the device resends from our ReceiveNext. New session: its stream (re)starts at SendBase, and
        // whatever we still hold unacknowledged is renumbered to follow what the device has received from us.
        uint receiveFrom = _reply.SendBase;
        if (_reply.Resumed && _resume is not null && (int)(_resume.ReceiveNext - _reply.SendBase) > 0)
        {
            receiveFrom = _resume.ReceiveNext;
        }

        var sender = _channel.Sender;
        if (_reply.Resumed && (int)(_reply.ReceiveNext - sender.Base) >= 0 && (int)(_reply.ReceiveNext - sender.Next) <= 0)
        {
            sender.ResumeFrom(_reply.ReceiveNext);
        }
        else
        {
            sender.Renumber(_reply.ReceiveNext);
        }

        _channel.Activate(_clock.NowMicroseconds, receiveFrom, _reply.ReceiveWindow);
        State = HostSessionState.Connected;
    }

    private void Forward(MessageType type, byte[] buffer, int offset, int count) => Received?.Invoke(type, buffer, offset, count);

    private void OnCommandReply(MessageType type, byte[] buffer, int offset, int count)
    {
        if (count < CommandPayload.ReplyHeaderLength)
        {
            return;
        }

        int id = CommandPayload.ReadRequestId(buffer, offset);
        int status = CommandPayload.ReadStatus(buffer, offset);
        string text = System.Text.Encoding.UTF8.GetString(buffer, offset + CommandPayload.ReplyHeaderLength,
            count - CommandPayload.ReplyHeaderLength);
        CommandReplied?.Invoke(id, status, text);
    }
}
