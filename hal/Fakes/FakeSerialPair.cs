namespace GroundStation.Hal.Fakes;

/// <summary>
/// Two connected UART ends: what <see cref="A"/> writes, <see cref="B"/> reads, and the other way round. Each
/// direction can be given an <see cref="ISerialLineFault"/> (bit errors, dropped bytes). Bytes arrive immediately
/// (no baud-rate delay is modelled). Every write is recorded with its virtual time, before the line fault.
/// </summary>
public sealed class FakeSerialPair
{
    public FakeSerialPair(IMonotonicClock clock, int baudRate = 115200, string nameA = "firmware", string nameB = "host")
    {
        A = new FakeSerialEnd(nameA, baudRate, clock);
        B = new FakeSerialEnd(nameB, baudRate, clock);
        A.Peer = B;
        B.Peer = A;
    }

    /// <summary>Conventionally the firmware's end.</summary>
    public FakeSerialEnd A { get; }

    /// <summary>Conventionally the host's (gsctl's) end.</summary>
    public FakeSerialEnd B { get; }
}

/// <summary>One end of a <see cref="FakeSerialPair"/>.</summary>
public sealed class FakeSerialEnd : ISerialPort
{
    private readonly Queue<byte> _received = new();
    private readonly IMonotonicClock _clock;
    private readonly object _lock = new();
    private long _sentIndex;

    internal FakeSerialEnd(string name, int baudRate, IMonotonicClock clock)
    {
        Name = name;
        BaudRate = baudRate;
        _clock = clock;
    }

    public string Name { get; }

    public int BaudRate { get; }

    internal FakeSerialEnd? Peer { get; set; }

    /// <summary>Applied to bytes this end sends (null = perfect line).</summary>
    public ISerialLineFault? TransmitFault { get; set; }

    /// <summary>Every <see cref="Write"/> call from this end, as written (before any line fault).</summary>
    public List<SerialWrite> Writes { get; } = new();

    /// <summary>When set, writes throw as a failed UART driver would (fault injection).</summary>
    public bool FailWrites { get; set; }

    /// <summary>Counters the injected failure is counted in (optional).</summary>
    public HalFaultCounters? Faults { get; set; }

    /// <summary>Bytes waiting to be read at this end.</summary>
    public int BytesToRead
    {
        get
        {
            lock (_lock)
            {
                return _received.Count;
            }
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        lock (_lock)
        {
            int n = Math.Min(count, _received.Count);
            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = _received.Dequeue();
            }

            return n;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (FailWrites)
        {
            var counters = Faults ?? new HalFaultCounters();
            throw counters.Raise(HalFault.SerialFailed, Name, "UART write failed (injected)");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, buffer.Length);
        var bytes = buffer.AsSpan(offset, count).ToArray();
        Writes.Add(new SerialWrite(_clock.NowMicroseconds, bytes));
        var peer = Peer ?? throw new InvalidOperationException("serial end is not connected");
        foreach (byte b in bytes)
        {
            int delivered = TransmitFault?.Transmit(_sentIndex, b) ?? b;
            _sentIndex++;
            if (delivered >= 0)
            {
                peer.Deliver((byte)delivered);
            }
        }
    }

    /// <summary>All bytes this end has written so far, concatenated.</summary>
    public byte[] WrittenBytes() => Writes.SelectMany(w => w.Bytes).ToArray();

    private void Deliver(byte value)
    {
        lock (_lock)
        {
            _received.Enqueue(value);
        }
    }
}

/// <summary>One recorded write.</summary>
public sealed record SerialWrite(long TimeMicroseconds, byte[] Bytes);
