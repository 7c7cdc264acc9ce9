using GroundStation.Firmware.Sifting;
using GroundStation.Hal;
using GroundStation.Host.Link;
using GroundStation.Host.Sifting;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;
using SiftingCounters = GroundStation.Host.Link.SiftingCounters;

namespace GroundStation.Host.Drivers;

/// <summary>
/// The firmware's ground sifter (firmware/Sifting, the device's own code) run in the host on the detections a
/// post-pass recording kept (slot, basis, bit; one click per slot, squashing already done on the device): it announces
/// them, takes the transmitter's matches, cuts blocks, draws estimation samples and judges them exactly as during a
/// live pass, so the transmitter meets the same messages (protocol/PEER.md section 8.5). Its buffers are larger than
/// a device's (no serial line, a peer link that may have seconds of delay): many announcements and blocks in flight.
/// Detections are fed only while an announcement buffer is free, so none is ever dropped.
/// </summary>
public sealed class ReplayFirmware : IFirmwareEndpoint
{
    private readonly GroundSifter _sifter;
    private readonly QueueLink _link = new();
    private readonly SiftingConfig _config;
    private readonly IReadOnlyList<SiftedEntry> _detections;
    private readonly long[] _slots;
    private readonly byte[] _channels;
    private int _fed;

    public ReplayFirmware(IReadOnlyList<SiftedEntry> detections, IRandomSource random, int receiverZProbabilityPpm = 500_000)
    {
        _detections = detections;
        _config = new SiftingConfig(ReceiverMap.Default(receiverZProbabilityPpm))
        {
            BatchCapacity = 4096, BatchCount = 64, BlockBitCapacity = 32768, BlockCount = 32, MaxPayloadBytes = 64 << 10,
        };
        _sifter = new GroundSifter(_config, random, _link);
        _slots = new long[_config.BatchCapacity];
        _channels = new byte[_config.BatchCapacity];
    }

    /// <summary>Every detection has been handed to the sifter (the pass, as replayed, is over).</summary>
    public bool AllFed => _fed == _detections.Count;

    public int Fed => _fed;

    public SiftingCounters Counters => Snapshot();

    public bool TrySend(MessageType type, byte[] payload)
    {
        _sifter.Receive(type, payload, 0, payload.Length);
        return true;
    }

    public SiftingCounters ReadCounters() => Snapshot();

    public void Poll(Action<MessageType, byte[]> deliver)
    {
        // Whole batches while an announcement buffer is free (one stays for the batch being filled).
        while (_fed < _detections.Count && _sifter.BatchesOutstanding < _config.BatchCount - 1)
        {
            var n = Math.Min(_config.BatchCapacity, _detections.Count - _fed);
            for (var i = 0; i < n; i++)
            {
                var d = _detections[_fed + i];
                _slots[i] = d.Slot;
                _channels[i] = (byte)(d.Basis * 2 + d.Bit); // the default receiver map: H, V, D, A = Z0, Z1, X0, X1
            }

            _sifter.Accept(_slots, _channels, 0, n);
            _fed += n;
        }

        _sifter.Service();
        while (_link.Messages.TryDequeue(out var message))
        {
            deliver(message.Type, message.Payload);
        }
    }

    private SiftingCounters Snapshot()
    {
        var c = _sifter.Counters;
        return new SiftingCounters(c.Clicks, c.SiftedBits, c.BlocksClosed, c.BlocksAlarmed, c.DroppedClicks);
    }

    /// <summary>The sifter's link: an unbounded in-memory queue (the peer link's window bounds what is in flight).</summary>
    private sealed class QueueLink : ISiftingLink
    {
        public Queue<SiftingMessage> Messages { get; } = new();

        public bool CanAccept(int payloadBytes) => true;

        public void Send(MessageType type, byte[] payload, int offset, int count) =>
            Messages.Enqueue(new SiftingMessage(type, payload[offset..(offset + count)]));
    }
}
