using System.Diagnostics;
using GroundStation.Firmware.Sifting;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Gsctl.Satellite;

/// <summary>
/// Ground sifter, host relay and satellite side wired in memory: every payload passes as bytes through the
/// protocol/Sifting codecs, exactly as it would cross the serial link. The host policy requests estimation of each
/// closed block with <see cref="SampleBits"/> bits. Used by tests, `gsctl bench sifting` and simulations.
/// Also measures the firmware side alone: time and bytes allocated inside the ground sifter's calls.
/// </summary>
public sealed class SiftingLoopback
{
    private readonly Stopwatch _groundTime = new();
    private long _groundAllocated;

    public SiftingLoopback(SiftingConfig config, GroundStation.Hal.IRandomSource random, ISatelliteRecord record)
    {
        Link = new LoopbackLink();
        Ground = new GroundSifter(config, random, Link);
        Satellite = new SatelliteSifter(record);
    }

    public GroundSifter Ground { get; }

    public SatelliteSifter Satellite { get; }

    public LoopbackLink Link { get; }

    /// <summary>Bits the host asks the ground station to disclose per closed block.</summary>
    public int SampleBits { get; set; }

    /// <summary>When false the host does not request estimation (blocks pile up: back-pressure).</summary>
    public bool AutoEstimate { get; set; } = true;

    /// <summary>Accepted blocks as the host received them.</summary>
    public List<HostSiftedBlock> HostBlocks { get; } = new();

    /// <summary>Alarm payloads the host received (block number, class, basis, QBER ppm).</summary>
    public List<(uint Block, int IntensityClass, int Basis, int QberPpm)> Alarms { get; } = new();

    /// <summary>Estimation results the host received: block, verdict, sampled and errors per cell.</summary>
    public List<(uint Block, byte Verdict, int[] Sampled, int[] Errors)> Results { get; } = new();

    /// <summary>Host-side messages that failed to decode (should stay 0).</summary>
    public int HostDecodeFailures { get; private set; }

    public TimeSpan GroundElapsed => _groundTime.Elapsed;

    public long GroundAllocatedBytes => _groundAllocated;

    /// <summary>
    /// Detections handed to the sifter between two relay rounds, as the application loop hands over one tagger
    /// batch and then services the link (BufferBudget.DetectionBatchSize).
    /// </summary>
    public int InputBatchSize { get; set; } = 64;

    /// <summary>Feeds detections to the ground sifter in input batches, relaying messages after each.</summary>
    public void Feed(long[] slots, byte[] channels, int offset, int count)
    {
        for (var done = 0; done < count; done += InputBatchSize)
        {
            var start = offset + done;
            var n = Math.Min(InputBatchSize, count - done);
            OnGround(() => Ground.Accept(slots, channels, start, n));
            Pump();
        }
    }

    /// <summary>End of pass: the host sends SiftFlush, then everything is relayed to the end.</summary>
    public void FinishPass()
    {
        SendToGround(MessageType.SiftFlush, []);
        Pump();
    }

    /// <summary>Relays until neither side has anything more to say (or the link is paused).</summary>
    public void Pump()
    {
        while (true)
        {
            OnGround(Ground.Service);
            var message = Link.Take();
            if (message is null)
            {
                return;
            }

            Route(message);
        }
    }

    /// <summary>Delivers a host-originated payload to the ground sifter; returns its verdict (false = rejected).</summary>
    public bool SendToGround(MessageType type, byte[] payload)
    {
        var accepted = false;
        OnGround(() => accepted = Ground.Receive(type, payload, 0, payload.Length));
        return accepted;
    }

    private void Route(SiftingMessage message)
    {
        var reply = Satellite.Handle(message);
        if (reply is not null)
        {
            SendToGround(reply.Type, reply.Payload);
        }

        switch (message.Type)
        {
            case MessageType.SiftBlockClosed when AutoEstimate:
                var counts = new int[SiftCodes.ClassCount];
                if (SiftBlockClosedCodec.TryDecode(message.Payload, 0, message.Payload.Length, out var block, counts))
                {
                    RequestEstimate(block, SampleBits);
                }
                else
                {
                    HostDecodeFailures++;
                }

                break;
            case MessageType.SiftedBlock:
                var decoded = HostSiftedBlock.TryDecode(message.Payload);
                if (decoded is null)
                {
                    HostDecodeFailures++;
                }
                else
                {
                    HostBlocks.Add(decoded);
                }

                break;
            case MessageType.SiftAlarm:
                if (SiftAlarmCodec.TryDecode(message.Payload, 0, message.Payload.Length, out var alarmBlock, out var cls, out var basis, out var qber, out _, out _))
                {
                    Alarms.Add((alarmBlock, cls, basis, qber));
                }
                else
                {
                    HostDecodeFailures++;
                }

                break;
            case MessageType.SiftEstimateResult:
                var sampled = new int[SiftCodes.CellCount];
                var errors = new int[SiftCodes.CellCount];
                if (SiftEstimateResultCodec.TryDecode(message.Payload, 0, message.Payload.Length, out var resultBlock, out var verdict, out _, sampled, errors))
                {
                    Results.Add((resultBlock, verdict, sampled, errors));
                }
                else
                {
                    HostDecodeFailures++;
                }

                break;
        }
    }

    /// <summary>The host asks the ground station to disclose <paramref name="sampleBits"/> bits of a closed block.</summary>
    public bool RequestEstimate(uint block, int sampleBits)
    {
        var payload = new byte[2 * SiftWire.MaxVarintBytes];
        var length = SiftEstimateRequestCodec.Encode(payload, 0, block, sampleBits);
        return SendToGround(MessageType.SiftEstimateRequest, payload[..length]);
    }

    private void OnGround(Action call)
    {
        var linkBefore = Link.AllocatedBytes;
        var before = GC.GetAllocatedBytesForCurrentThread();
        _groundTime.Start();
        call();
        _groundTime.Stop();
        _groundAllocated += GC.GetAllocatedBytesForCurrentThread() - before - (Link.AllocatedBytes - linkBefore);
    }
}
