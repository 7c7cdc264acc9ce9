using System.Buffers.Binary;

namespace GroundStation.Peer.Wire;

/// <summary>
/// Cuts a TCP byte stream into frames by their u32 length prefix. A length outside [1, limit] cannot be a frame
/// of this protocol: it throws at once rather than waiting for (or allocating) gigabytes.
/// </summary>
internal sealed class FrameAssembler(int maxLength)
{
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    public int MaxLength { get; set; } = maxLength;

    /// <summary>Bytes of an incomplete frame held.</summary>
    public int Pending => _end - _start;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_end + data.Length > _buffer.Length)
        {
            var needed = _end - _start + data.Length;
            var target = needed > _buffer.Length / 2 ? new byte[Math.Max(needed, _buffer.Length * 2)] : _buffer;
            Array.Copy(_buffer, _start, target, 0, _end - _start);
            _buffer = target;
            _end -= _start;
            _start = 0;
        }

        data.CopyTo(_buffer.AsSpan(_end));
        _end += data.Length;
    }

    /// <summary>Takes the bytes held after the last whole frame (handed on to the session after the handshake).</summary>
    public byte[] DrainPending()
    {
        var rest = _buffer.AsSpan(_start, _end - _start).ToArray();
        _start = _end = 0;
        return rest;
    }

    /// <summary>The next whole frame (length prefix included), or false when more bytes are needed.</summary>
    public bool TryTake(out byte[] frame)
    {
        frame = [];
        if (_end - _start < PeerWire.LengthBytes)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start));
        if (length < 1 || length > (uint)MaxLength)
        {
            throw new PeerFormatException($"frame length {length} is outside 1..{MaxLength} bytes");
        }

        var total = PeerWire.LengthBytes + (int)length;
        if (_end - _start < total)
        {
            return false;
        }

        frame = _buffer.AsSpan(_start, total).ToArray();
        _start += total;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        return true;
    }
}
