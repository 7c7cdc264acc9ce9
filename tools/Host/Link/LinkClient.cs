using GroundStation.Hal;
using GroundStation.Protocol;

namespace GroundStation.Host.Link;

/// <summary>One message from the device; the span is only valid during the call.</summary>
public delegate void LinkMessageHandler(MessageType type, ReadOnlySpan<byte> payload);

/// <summary>
/// gsctl's connection to a device: opens the port, performs the handshake, then keeps a <see cref="HostSession"/>
/// pumped on a background thread (acks, keepalives, retransmissions) while callers send commands and reliable
/// messages and receive the device's messages through <see cref="Received"/> (called on the pump thread).
/// </summary>
public sealed class LinkClient : IDisposable
{
    /// <summary>A command is re-sent (same request id) this often until its reply arrives.</summary>
    private static readonly TimeSpan CommandRetry = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Longest pump sleep when the transport signals arriving bytes (<see cref="IDataArrivalSignal"/>): only timers
    /// (keepalives, retransmissions, Hello retries, all hundreds of ms) are due without a wake-up.
    /// </summary>
    private const int SignalledPollMilliseconds = 5;

    /// <summary>Pump period for a transport that cannot signal (in-memory test pairs).</summary>
    private const int PolledPollMilliseconds = 1;

    private readonly ISerialPort _port;
    private readonly IDisposable? _ownedPort;
    private readonly HostSession _session;
    private readonly object _lock = new();
    private readonly Thread _pump;
    private readonly Dictionary<int, CommandResult> _replies = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly int _pollMilliseconds;
    private volatile bool _stopping;
    private Exception? _pumpFailure;
    private LinkMessageHandler? _received;
    private readonly Queue<(MessageType Type, byte[] Payload)> _held = new();

    /// <summary>Wraps an already open transport (tests: an in-memory pair; the simulator: a PTY).</summary>
    public LinkClient(ISerialPort port, IMonotonicClock? clock = null, LinkSettings? settings = null, IDisposable? ownedPort = null)
    {
        _port = port;
        _ownedPort = ownedPort;
        _session = new HostSession(port, clock ?? new SystemMonotonicClock(), settings);
        _session.Received = Deliver;
        _session.CommandReplied = (id, status, text) =>
        {
            lock (_replies)
            {
                _replies[id] = new CommandResult(status, text);
                Monitor.PulseAll(_replies);
            }
        };
        if (port is IDataArrivalSignal signal)
        {
            signal.DataArrived += Wake;
            _pollMilliseconds = SignalledPollMilliseconds;
        }
        else
        {
            _pollMilliseconds = PolledPollMilliseconds;
        }

        _pump = new Thread(PumpLoop) { IsBackground = true, Name = "gsctl link pump" };
        _pump.Start();
    }

    /// <summary>Opens a serial port by path ("/dev/ttyUSB0", "COM3", a PTY path) at a baud rate.</summary>
    /// <exception cref="LinkException">PortNotFound, PortBusy, PermissionDenied or IoError.</exception>
    public static LinkClient Open(string portPath, int baudRate, LinkSettings? settings = null)
    {
        var transport = SerialPortTransport.Open(portPath, baudRate);
        return new LinkClient(transport, null, settings, transport);
    }

    /// <summary>
    /// Messages from the device (sifting, telemetry, ...): the reliable stream exactly once and in order. Runs on
    /// the pump thread; the span is only valid during the call. Messages that arrive while no handler is attached
    /// (right after the handshake, or after a resumption, the device may already be sending) are kept, up to
    /// <see cref="MaxHeldMessages"/>, and handed to the next handler first, in order: the session has already
    /// acknowledged them, so dropping them would lose them.
    /// </summary>
    public LinkMessageHandler? Received
    {
        get => _received;
        set
        {
            lock (_lock)
            {
                _received = value;
                while (value is not null && _held.Count > 0)
                {
                    var (type, payload) = _held.Dequeue();
                    value(type, payload);
                }
            }
        }
    }

    public const int MaxHeldMessages = 100_000;

    /// <summary>Messages that arrived with no handler attached while <see cref="MaxHeldMessages"/> were already held.</summary>
    public long DroppedUnhandledMessages { get; private set; }

    public DeviceInfo? Device => _session.Device;

    public HostSessionState State => _session.State;

    /// <summary>Session id and next expected sequence number, to resume after a restart.</summary>
    public ResumeState? ResumeState
    {
        get
        {
            lock (_lock)
            {
                return _session.ResumeState;
            }
        }
    }

    /// <summary>
    /// Why the link stopped (the port failed: cable pulled, adapter gone), or null while it runs. The session's
    /// <see cref="ResumeState"/> stays valid: a new client on the re-opened port resumes it.
    /// </summary>
    public Exception? Failure => _pumpFailure;

    /// <summary>Link counters (frames, CRC errors, retransmissions...).</summary>
    public LinkChannel Channel => _session.Channel;

    /// <summary>Sends Hello and waits for the device's identity.</summary>
    /// <exception cref="LinkException">NoAnswer after <paramref name="timeout"/>; IncompatibleVersion on a major mismatch.</exception>
    public DeviceInfo Connect(TimeSpan timeout, ResumeState? resume = null)
    {
        lock (_lock)
        {
            _session.StartHandshake(resume);
        }

        Wake();

        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            ThrowIfPumpFailed();
            var state = _session.State;
            if (state == HostSessionState.Connected)
            {
                return _session.Device!;
            }

            if (state == HostSessionState.Incompatible)
            {
                var d = _session.Device!;
                throw new LinkException(LinkErrorKind.IncompatibleVersion,
                    $"device '{d.Name}' speaks protocol {d.ProtocolMajor}.{d.ProtocolMinor}, this gsctl speaks " +
                    $"{ProtocolVersion.Current}: update {(d.ProtocolMajor > ProtocolVersion.Major ? "gsctl" : "the firmware")}");
            }

            Thread.Sleep(2);
        }

        throw new LinkException(LinkErrorKind.NoAnswer,
            $"no answer to Hello within {timeout.TotalSeconds:0.#} s: is the device powered, running GroundStationFw," +
            " and is the baud rate right?");
    }

    /// <summary>Runs one SCPI command line on the device (same table as its console) and returns the reply.</summary>
    public CommandResult Execute(string line, TimeSpan timeout)
    {
        int id;
        lock (_lock)
        {
            RequireConnected();
            id = _session.SendCommand(line);
        }

        Wake();

        var deadline = DateTime.UtcNow + timeout;
        var nextRetry = DateTime.UtcNow + CommandRetry;
        while (true)
        {
            // The pump delivers replies holding _lock and then takes _replies: never take _lock while holding
            // _replies, or a retry that coincides with a reply deadlocks both threads (seen under heavy load).
            lock (_replies)
            {
                if (_replies.Remove(id, out var result))
                {
                    return result;
                }

                ThrowIfPumpFailed();
                var now = DateTime.UtcNow;
                if (now >= deadline)
                {
                    throw new LinkException(LinkErrorKind.NoAnswer, $"no reply to '{line}' within {timeout.TotalSeconds:0.#} s");
                }

                if (now < nextRetry)
                {
                    Monitor.Wait(_replies, TimeSpan.FromMilliseconds(20));
                    continue;
                }

                nextRetry = now + CommandRetry;
            }

            lock (_lock)
            {
                _session.SendCommand(id, line);
            }

            Wake();
        }
    }

    /// <summary>Queues a reliable message to the device; false when the send window is full (retry later).</summary>
    public bool SendReliable(MessageType type, ReadOnlySpan<byte> payload)
    {
        bool queued;
        lock (_lock)
        {
            RequireConnected();
            queued = _session.SendReliable(type, payload);
        }

        // The frame leaves on the next poll: make it now.
        Wake();
        return queued;
    }

    /// <summary>Says Bye (the device returns to console mode), stops the pump and closes the port.</summary>
    public void Dispose()
    {
        if (!_stopping)
        {
            try
            {
                lock (_lock)
                {
                    _session.Bye();
                }
            }
            catch (Exception e) when (e is LinkException or IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // The port is already gone: nothing to say goodbye on.
            }

            _stopping = true;
            Wake();
            _pump.Join(TimeSpan.FromSeconds(1));
            if (_port is IDataArrivalSignal signal)
            {
                signal.DataArrived -= Wake;
            }

            _ownedPort?.Dispose();
        }
    }

    private void Wake() => _wake.Set();

    /// <summary>From the session, on the pump thread inside <c>_lock</c> (so it cannot interleave with a flush).</summary>
    private void Deliver(MessageType type, byte[] buffer, int offset, int count)
    {
        if (_received is { } handler)
        {
            handler(type, buffer.AsSpan(offset, count));
        }
        else if (_held.Count < MaxHeldMessages)
        {
            _held.Enqueue((type, buffer.AsSpan(offset, count).ToArray()));
        }
        else
        {
            DroppedUnhandledMessages++;
        }
    }

    private void RequireConnected()
    {
        if (_session.State != HostSessionState.Connected)
        {
            throw new LinkException(LinkErrorKind.Closed, "not connected to a device (the session ended or Connect was not called)");
        }
    }

    private void ThrowIfPumpFailed()
    {
        if (_pumpFailure is { } failure)
        {
            throw failure as LinkException ?? new LinkException(LinkErrorKind.IoError, failure.Message, failure);
        }
    }

    private void PumpLoop()
    {
        try
        {
            while (!_stopping)
            {
                lock (_lock)
                {
                    _session.Poll();
                }

                // Bytes that arrive during the poll leave the event set, so none wait out the timeout.
                _wake.WaitOne(_pollMilliseconds);
            }
        }
        catch (Exception e)
        {
            _pumpFailure = e;
        }
    }
}
