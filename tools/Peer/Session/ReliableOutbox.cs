using GroundStation.Peer.Messages;

namespace GroundStation.Peer.Session;

/// <summary>
/// The sender's half of the reliable stream: every message from the oldest unacknowledged one (<see cref="Base"/>)
/// to the newest, numbered consecutively from 0. A message leaves only when the peer acknowledges it (it consumed
/// it), so after any disconnect everything the peer may lack is still here to resend.
/// </summary>
internal sealed class ReliableOutbox
{
    private readonly List<Entry> _entries = new();
    private int _head;

    public readonly record struct Entry(PeerMessage Message, long EnqueuedAtMs);

    /// <summary>Oldest sequence number still held (= the peer's last acknowledgement).</summary>
    public long Base { get; private set; }

    /// <summary>Sequence number the next message gets.</summary>
    public long Next => Base + _entries.Count - _head;

    /// <summary>Payload bytes held.</summary>
    public long Bytes { get; private set; }

    public long Add(PeerMessage message, long nowMs)
    {
        _entries.Add(new Entry(message, nowMs));
        Bytes += message.Payload.Length;
        return Next - 1;
    }

    public Entry this[long seq] => seq >= Base && seq < Next
        ? _entries[_head + (int)(seq - Base)]
        : throw new ArgumentOutOfRangeException(nameof(seq), $"Message {seq} is not held ({Base}..{Next - 1}).");

    /// <summary>Drops every message below <paramref name="ack"/>; returns the payload bytes released.</summary>
    public long AcknowledgeTo(long ack)
    {
        long released = 0;
        while (Base < ack && Base < Next)
        {
            released += _entries[_head].Message.Payload.Length;
            _entries[_head++] = default;
            Base++;
        }

        Bytes -= released;
        if (_head > 1024 && _head * 2 > _entries.Count)
        {
            _entries.RemoveRange(0, _head);
            _head = 0;
        }

        return released;
    }
}
