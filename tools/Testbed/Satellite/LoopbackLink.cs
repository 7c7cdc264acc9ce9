using GroundStation.Firmware.Sifting;
using GroundStation.Host.Sifting;
using GroundStation.Protocol;

namespace GroundStation.Testbed.Satellite;

/// <summary>
/// An in-memory stand-in for the serial link's device side: queues what the ground sifter sends, up to
/// <see cref="CapacityBytes"/> of payload not yet taken by the host; <see cref="Paused"/> models a host that reads nothing.
/// </summary>
public sealed class LoopbackLink : ISiftingLink
{
    private readonly Queue<SiftingMessage> _queue = new();
    private int _queuedBytes;

    public int CapacityBytes { get; set; } = int.MaxValue;

    public bool Paused { get; set; }

    /// <summary>Payload bytes sent per message type (the figures behind bytes per detection).</summary>
    public Dictionary<MessageType, long> BytesByType { get; } = new();

    public bool CanAccept(int payloadBytes) => !Paused && (long)_queuedBytes + payloadBytes <= CapacityBytes;

    public void Send(MessageType type, byte[] payload, int offset, int count)
    {
        if (!CanAccept(count))
        {
            throw new InvalidOperationException("Sifter sent without room: back-pressure contract broken.");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        _queue.Enqueue(new SiftingMessage(type, payload[offset..(offset + count)]));
        _queuedBytes += count;
        BytesByType[type] = BytesByType.GetValueOrDefault(type) + count;
        AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Bytes this stand-in allocated while sending (the real link copies into its own ring), so
    /// measurements of the sifter can leave them out.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Takes the oldest queued message (null when empty or paused).</summary>
    public SiftingMessage? Take()
    {
        if (Paused || _queue.Count == 0)
        {
            return null;
        }

        var message = _queue.Dequeue();
        _queuedBytes -= message.Payload.Length;
        return message;
    }
}
