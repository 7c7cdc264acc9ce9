using System.Buffers.Binary;
using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Handshake;

/// <summary>Hello and HelloReply frames (protocol/PEER.md section 4.1): u32 length, u8 type, then the body.</summary>
public static class HelloCodec
{
    /// <summary>Bytes of the body before the three strings.</summary>
    public const int FixedBodyBytes = 112;

    /// <summary>The whole frame (length prefix included): these bytes enter the Confirm transcript as they are.</summary>
    public static byte[] Encode(FrameType type, HelloFrame hello)
    {
        CheckType(type);
        Check(hello.Nonce, "nonce");
        Check(hello.KeyId, "key id");
        Check(hello.LedgerDigest, "ledger digest");
        var w = new WireWriter(FixedBodyBytes + 64);
        w.U32(0).U8((byte)type)
            .Bytes(PeerWire.Magic)
            .U8(hello.VersionMajor).U8(hello.VersionMinor)
            .U8((byte)hello.Role).U8((byte)hello.Authentication).U8((byte)hello.Operation).U8((byte)hello.Reconciliation)
            .U8(hello.Resume ? 1 : 0).U8((byte)hello.Status)
            .U64(hello.SessionId).I64(hello.ReceiveNext)
            .Bytes(hello.Nonce)
            .U32((uint)hello.ReceiveWindowMessages).U32(checked((uint)hello.ReceiveWindowBytes))
            .U32((uint)hello.MaxFrameBytes).U32((uint)hello.EpochFrames).U32((uint)hello.FrameBits)
            .Bytes(hello.KeyId).Bytes(hello.LedgerDigest)
            .I64(hello.PoolUsedBytes).I64(hello.PoolBytes)
            .String(hello.StationId).String(hello.TransmitterId).String(hello.PassId);
        var frame = w.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(frame.Length - PeerWire.LengthBytes));
        return frame;
    }

    /// <summary>Decodes a whole Hello or HelloReply frame; throws <see cref="PeerFormatException"/> naming the field.</summary>
    public static HelloFrame Decode(ReadOnlySpan<byte> frame, FrameType expected)
    {
        CheckType(expected);
        var what = expected == FrameType.Hello ? "Hello" : "HelloReply";
        var r = new WireReader(frame, what);
        var length = r.U32("length");
        if (length != frame.Length - PeerWire.LengthBytes)
        {
            throw r.Fail($"length field {length} disagrees with the frame's {frame.Length - PeerWire.LengthBytes} bytes");
        }

        var type = r.U8("type");
        if (type != (byte)expected)
        {
            throw r.Fail($"frame type 0x{type:X2}, expected 0x{(byte)expected:X2} (is the other end a peer-link {(expected == FrameType.Hello ? "initiator" : "responder")}?)");
        }

        if (!r.Bytes(4, "magic").SequenceEqual(PeerWire.Magic))
        {
            throw r.Fail("no \"GSPL\" magic: the other end does not speak the peer link");
        }

        var hello = new HelloFrame
        {
            VersionMajor = r.U8("major version"),
            VersionMinor = r.U8("minor version"),
            Role = Enum<PeerRole>(ref r, "role"),
            Authentication = Enum<AuthenticationMode>(ref r, "authentication"),
            Operation = Enum<PeerOperation>(ref r, "operation"),
            Reconciliation = Enum<ReconciliationMethod>(ref r, "reconciliation"),
        };
        var flags = r.U8("flags");
        if (flags > 1)
        {
            throw r.Fail($"unknown flags 0x{flags:X2}");
        }

        return hello with
        {
            Resume = flags == 1,
            Status = (HandshakeStatus)r.U8("status"),
            SessionId = r.U64("session id"),
            ReceiveNext = NonNegative(ref r, r.I64("receive next"), "receive next"),
            Nonce = r.Bytes(16, "nonce").ToArray(),
            ReceiveWindowMessages = (int)Math.Min(r.U32("receive window (messages)"), int.MaxValue),
            ReceiveWindowBytes = r.U32("receive window (bytes)"),
            MaxFrameBytes = (int)Math.Min(r.U32("max frame bytes"), int.MaxValue),
            EpochFrames = (int)Math.Min(r.U32("epoch frames"), int.MaxValue),
            FrameBits = (int)Math.Min(r.U32("frame bits"), int.MaxValue),
            KeyId = r.Bytes(16, "key id").ToArray(),
            LedgerDigest = r.Bytes(16, "ledger digest").ToArray(),
            PoolUsedBytes = NonNegative(ref r, r.I64("pool used bytes"), "pool used bytes"),
            PoolBytes = NonNegative(ref r, r.I64("pool bytes"), "pool bytes"),
            StationId = r.String("station id"),
            TransmitterId = r.String("transmitter id"),
            PassId = r.String("pass id"),
        };

        // Bytes after the pass id belong to a newer minor version and are ignored (section 4.1).
    }

    private static T Enum<T>(ref WireReader r, string field) where T : struct, Enum
    {
        var value = r.U8(field);
        var typed = (T)(object)value;
        if (!System.Enum.IsDefined(typed))
        {
            throw r.Fail($"unknown {field} {value}");
        }

        return typed;
    }

    private static long NonNegative(ref WireReader r, long value, string field) =>
        value >= 0 ? value : throw r.Fail($"{field} is negative");

    private static void CheckType(FrameType type)
    {
        if (type is not (FrameType.Hello or FrameType.HelloReply))
        {
            throw new ArgumentException($"{type} is not a handshake frame.");
        }
    }

    private static void Check(byte[] field, string name)
    {
        if (field is null || field.Length != 16)
        {
            throw new ArgumentException($"The {name} is 16 bytes.");
        }
    }
}
