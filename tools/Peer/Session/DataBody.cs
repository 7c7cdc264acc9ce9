using GroundStation.Peer.Messages;
using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Session;

/// <summary>The body of a Data frame (protocol/PEER.md section 3.2): u64 first sequence number | u32 n |
/// n × (u8 type | u32 length | payload).</summary>
internal static class DataBody
{
    public const int HeaderBytes = 12;

    public const int PerMessageBytes = 5;

    public static byte[] Encode(long firstSeq, IReadOnlyList<PeerMessage> messages)
    {
        var w = new WireWriter(HeaderBytes + messages.Sum(m => PerMessageBytes + m.Payload.Length));
        w.I64(firstSeq).U32((uint)messages.Count);
        foreach (var m in messages)
        {
            w.U8((byte)m.Type).U32((uint)m.Payload.Length).Bytes(m.Payload);
        }

        return w.ToArray();
    }

    public static (long FirstSeq, List<PeerMessage> Messages) Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "Data frame");
        var first = r.I64("first sequence number");
        var count = r.U32("message count");
        if (first < 0 || count == 0 || count > (uint)(body.Length / PerMessageBytes))
        {
            throw r.Fail($"first sequence number {first} with {count} messages is impossible");
        }

        var messages = new List<PeerMessage>((int)count);
        for (var i = 0; i < count; i++)
        {
            var type = (PeerMessageType)r.U8("message type");
            var length = r.U32("message length");
            if (length > (uint)r.Remaining)
            {
                throw r.Fail($"message {i} claims {length} bytes, {r.Remaining} remain");
            }

            messages.Add(new PeerMessage(type, r.Bytes((int)length, "payload").ToArray()));
        }

        r.End();
        return (first, messages);
    }
}

/// <summary>The body of an Error frame: u16 code | u16 text length | UTF-8 text (at most 1024 bytes).</summary>
internal static class ErrorBody
{
    public static byte[] Encode(PeerErrorCode code, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (bytes.Length > PeerWire.MaxErrorTextBytes)
        {
            bytes = bytes[..PeerWire.MaxErrorTextBytes];
        }

        return new WireWriter(4 + bytes.Length).U16((ushort)code).U16(bytes.Length).Bytes(bytes).ToArray();
    }

    public static (PeerErrorCode Code, string Text) Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "Error frame");
        var code = (PeerErrorCode)r.U16("code");
        var length = r.U16("text length");
        var text = System.Text.Encoding.UTF8.GetString(r.Bytes(length, "text"));
        r.End();
        return (code, text);
    }
}
