using System.Collections.Concurrent;
using GroundStation.Gsctl.Satellite;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;
using GroundStation.Simulator.Output;

namespace GroundStation.Gsctl.Sim;

/// <summary>One estimation result as the host received it, with the pass second it arrived in.</summary>
public sealed record EstimateResult(uint Block, bool Accepted, int[] Sampled, int[] Errors, int Second);

/// <summary>One intrusion alarm (SiftAlarm) as the host received it.</summary>
public sealed record SiftingAlarm(uint Block, int IntensityClass, int Basis, int QberPpm, int Errors, int Sampled)
{
    public override string ToString() =>
        $"block {Block}: QBER {QberPpm / 1e4:F2} % in class {IntensityClass} basis {(Basis == SiftCodes.BasisZ ? "Z" : "X")} ({Errors}/{Sampled})";
}

/// <summary>
/// The host's part of sifting in a simulated pass (protocol/Sifting/README.md, "The exchange"): relays the ground
/// station's messages to the satellite side (<see cref="SatelliteSifter"/>) and its replies back, asks for parameter
/// estimation of every closed block (<see cref="SampleDivisor"/>), and keeps the delivered blocks, results and
/// alarms. <see cref="OnMessage"/> runs on the link's pump thread and only queues replies; <see cref="TrySend"/>
/// sends them, in order, from one caller thread (the link refuses when its window is full: they wait).
/// </summary>
public sealed class PassSiftingHost
{
    /// <summary>1/8 of each block is disclosed for estimation: ~250 bits of a 2000-bit block, enough that a 2-3 %
    /// QBER practically never crosses the 11 % alarm threshold by chance.</summary>
    public const int SampleDivisor = 8;

    private readonly SatelliteSifter _satellite;
    private readonly ConcurrentQueue<SiftingMessage> _outbox = new();
    private readonly object _gate = new();
    private readonly object _sending = new();
    private readonly List<HostSiftedBlock> _blocks = new();
    private readonly List<EstimateResult> _results = new();
    private readonly List<SiftingAlarm> _alarms = new();

    public PassSiftingHost(ISatelliteRecord record)
    {
        _satellite = new SatelliteSifter(record);
    }

    /// <summary>Raised (on the pump thread) when a reply is queued, so the sending thread can wake up.</summary>
    public event Action? ReplyQueued;

    /// <summary>The pass second the next result is attributed to (set by whoever tracks telemetry).</summary>
    public int CurrentSecond { get; set; }

    public SatelliteSifter Satellite => _satellite;

    public int QueuedReplies => _outbox.Count;

    /// <summary>Messages from the ground station that failed to decode on the host (should stay 0).</summary>
    public int HostDecodeFailures { get; private set; }

    public IReadOnlyList<EstimateResult> Results
    {
        get { lock (_gate) { return _results.ToArray(); } }
    }

    public IReadOnlyList<SiftingAlarm> Alarms
    {
        get { lock (_gate) { return _alarms.ToArray(); } }
    }

    public int DeliveredBlocks
    {
        get { lock (_gate) { return _blocks.Count; } }
    }

    /// <summary>Handles one message from the ground station (ids 0x40-0x5F); other types are ignored.</summary>
    public void OnMessage(MessageType type, ReadOnlySpan<byte> payload)
    {
        if ((int)type < 0x40 || (int)type > 0x5F)
        {
            return;
        }

        var message = new SiftingMessage(type, payload.ToArray());
        lock (_gate)
        {
            var reply = _satellite.Handle(message);
            if (reply is not null)
            {
                Queue(reply);
            }

            HostPart(message);
        }
    }

    /// <summary>
    /// Sends queued replies in order through <paramref name="send"/> (false = link full: try later). Safe from any
    /// thread: a caller that finds another one sending returns at once (that one sends everything in order), so the
    /// link's pump thread can send replies the moment they exist without ever waiting on the main thread.
    /// </summary>
    public void TrySend(Func<MessageType, byte[], bool> send)
    {
        if (!Monitor.TryEnter(_sending))
        {
            return;
        }

        try
        {
            while (_outbox.TryPeek(out var message) && send(message.Type, message.Payload))
            {
                _outbox.TryDequeue(out _);
            }
        }
        finally
        {
            Monitor.Exit(_sending);
        }
    }

    /// <summary>End of pass: the host's SiftFlush, queued behind the replies.</summary>
    public void QueueFlush() => Queue(new SiftingMessage(MessageType.SiftFlush, []));

    /// <summary>
    /// The ground key with slots: for every delivered block and intensity class, the ground's bits and bases in
    /// order, paired with the slots the satellite side kept for the same positions (the block minus the sample).
    /// </summary>
    public List<SiftedBitRecord> GroundKey()
    {
        lock (_gate)
        {
            var key = new List<SiftedBitRecord>();
            foreach (var block in _blocks)
            {
                var own = _satellite.Block(block.Number)
                          ?? throw new InvalidOperationException($"block {block.Number} was delivered but the satellite side never closed it");
                for (var c = 0; c < SiftCodes.ClassCount; c++)
                {
                    var bits = block.Bits(c);
                    var bases = block.Bases(c);
                    var slots = own.Slots(c);
                    if (slots.Count != bits.Count)
                    {
                        throw new InvalidOperationException(
                            $"block {block.Number} class {c}: the ground delivered {bits.Count} bits, the satellite side holds {slots.Count}");
                    }

                    for (var i = 0; i < bits.Count; i++)
                    {
                        key.Add(new SiftedBitRecord(slots[i], (byte)bases[i], (byte)bits[i], (byte)c));
                    }
                }
            }

            key.Sort((a, b) => a.Slot.CompareTo(b.Slot));
            return key;
        }
    }

    private void HostPart(SiftingMessage message)
    {
        var p = message.Payload;
        switch (message.Type)
        {
            case MessageType.SiftBlockClosed:
                var counts = new int[SiftCodes.ClassCount];
                if (!SiftBlockClosedCodec.TryDecode(p, 0, p.Length, out var closed, counts))
                {
                    HostDecodeFailures++;
                    break;
                }

                var request = new byte[2 * SiftWire.MaxVarintBytes];
                var length = SiftEstimateRequestCodec.Encode(request, 0, closed, (counts.Sum() + SampleDivisor - 1) / SampleDivisor);
                Queue(new SiftingMessage(MessageType.SiftEstimateRequest, request[..length]));
                break;
            case MessageType.SiftedBlock:
                if (HostSiftedBlock.TryDecode(p) is { } block)
                {
                    _blocks.Add(block);
                }
                else
                {
                    HostDecodeFailures++;
                }

                break;
            case MessageType.SiftEstimateResult:
                var sampled = new int[SiftCodes.CellCount];
                var errors = new int[SiftCodes.CellCount];
                if (SiftEstimateResultCodec.TryDecode(p, 0, p.Length, out var number, out var verdict, out _, sampled, errors))
                {
                    _results.Add(new EstimateResult(number, verdict == SiftEstimateResultCodec.VerdictAccepted, sampled, errors, CurrentSecond));
                }
                else
                {
                    HostDecodeFailures++;
                }

                break;
            case MessageType.SiftAlarm:
                if (SiftAlarmCodec.TryDecode(p, 0, p.Length, out var alarmBlock, out var cls, out var basis, out var qber, out var errorCount, out var sampleCount))
                {
                    _alarms.Add(new SiftingAlarm(alarmBlock, cls, basis, qber, errorCount, sampleCount));
                }
                else
                {
                    HostDecodeFailures++;
                }

                break;
        }
    }

    private void Queue(SiftingMessage message)
    {
        _outbox.Enqueue(message);
        ReplyQueued?.Invoke();
    }
}
