using System.Diagnostics;
using GroundStation.Firmware.Sifting;
using GroundStation.Host.Sifting;
using GroundStation.Host.Transmitter;
using GroundStation.Protocol;

namespace GroundStation.Testbed.Satellite;

/// <summary>
/// The firmware's ground sifter, the station's host role and the transmitter side wired in memory
/// (<see cref="InMemorySifting"/>): every payload passes as bytes through the protocol/Sifting codecs, exactly as it
/// would cross the serial link and the peer link. Used by tests and `gsctl bench sifting`. Also measures the firmware
/// side alone: time and bytes allocated inside the ground sifter's calls.
/// </summary>
public sealed class SiftingLoopback
{
    private readonly Stopwatch _groundTime = new();
    private readonly Queue<SiftingMessage> _toGround = new();
    private long _groundAllocated;

    public SiftingLoopback(SiftingConfig config, GroundStation.Hal.IRandomSource random, ITransmitterRecord record,
        EstimationPolicy? policy = null)
    {
        Link = new LoopbackLink();
        Ground = new GroundSifter(config, random, Link);
        Host = new InMemorySifting(policy ?? EstimationPolicy.Default, record);
    }

    public GroundSifter Ground { get; }

    public InMemorySifting Host { get; }

    public StationSifting Station => Host.Station;

    public TransmitterSifting Transmitter => Host.Transmitter;

    public LoopbackLink Link { get; }

    /// <summary>A fixed estimation sample per closed block (instead of the policy's).</summary>
    public int SampleBits
    {
        set => Station.Policy = EstimationPolicy.Fixed(value);
    }

    /// <summary>When false the station does not request estimation (blocks pile up: back-pressure).</summary>
    public bool AutoEstimate
    {
        get => !Station.Policy.Manual;
        set => Station.Policy = Station.Policy with { Manual = !value };
    }

    /// <summary>Accepted blocks whose bits the station received, in block order.</summary>
    public IReadOnlyList<LedgerBlock> HostBlocks => Station.DeliveredBlocks.ToList();

    public IReadOnlyList<SiftingAlarm> Alarms => Station.Alarms;

    public IReadOnlyList<EstimateVerdict> Results => Station.Verdicts;

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

    /// <summary>End of pass: the station sends SiftFlush, then everything is relayed to the end.</summary>
    public void FinishPass()
    {
        Host.EndPass(_toGround);
        Pump();
    }

    /// <summary>Relays until neither side has anything more to say (or the link is paused).</summary>
    public void Pump()
    {
        while (true)
        {
            while (_toGround.TryDequeue(out var toGround))
            {
                SendToGround(toGround.Type, toGround.Payload);
            }

            OnGround(Ground.Service);
            var message = Link.Take();
            if (message is null)
            {
                return;
            }

            Host.FromFirmware(message.Type, message.Payload, _toGround);
        }
    }

    /// <summary>Delivers a host-originated payload to the ground sifter; returns its verdict (false = rejected).</summary>
    public bool SendToGround(MessageType type, byte[] payload)
    {
        var accepted = false;
        OnGround(() => accepted = Ground.Receive(type, payload, 0, payload.Length));
        return accepted;
    }

    /// <summary>The host asks the ground station to disclose <paramref name="sampleBits"/> bits of a closed block.</summary>
    public bool RequestEstimate(uint block, int sampleBits) =>
        SendToGround(MessageType.SiftEstimateRequest, StationSifting.EstimateRequest(block, sampleBits));

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
