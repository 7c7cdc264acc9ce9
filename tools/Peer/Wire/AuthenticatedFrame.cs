using System.Buffers.Binary;
using GroundStation.Peer.Authentication;
using GroundStation.Peer.Handshake;

namespace GroundStation.Peer.Wire;

/// <summary>
/// The authenticated frame (protocol/PEER.md section 3): u32 length | u8 type | u64 counter | u64 ack | body |
/// 16-byte tag, over the MAC input "GSPL-MAC" || u8 direction || the frame without its tag [|| the handshake
/// transcript, Confirm only].
/// </summary>
internal static class AuthenticatedFrame
{
    public readonly record struct Header(FrameType Type, long Counter, long Ack, int BodyLength);

    public static byte[] Seal(FrameType type, long counter, long ack, ReadOnlySpan<byte> body, PeerDirection direction,
        IFrameAuthenticator authenticator, ReadOnlySpan<byte> transcript = default)
    {
        var frame = new byte[PeerWire.LengthBytes + PeerWire.MinAuthenticatedLength + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(frame.Length - PeerWire.LengthBytes));
        frame[4] = (byte)type;
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(5), counter);
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(13), ack);
        body.CopyTo(frame.AsSpan(21));
        var input = MacInput(direction, frame.AsSpan(0, frame.Length - PeerWire.TagBytes), transcript);
        authenticator.Tag(direction, counter, input, frame.AsSpan(frame.Length - PeerWire.TagBytes));
        return frame;
    }

    /// <summary>The bytes the tag covers.</summary>
    public static byte[] MacInput(PeerDirection direction, ReadOnlySpan<byte> frameWithoutTag, ReadOnlySpan<byte> transcript) =>
        [.. PeerWire.MacContext, (byte)direction, .. frameWithoutTag, .. transcript];

    /// <summary>Header fields of a whole frame; throws when it is too short to be an authenticated frame.</summary>
    public static Header ReadHeader(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < PeerWire.LengthBytes + PeerWire.MinAuthenticatedLength)
        {
            throw new PeerFormatException($"a {frame.Length}-byte frame is shorter than any authenticated frame");
        }

        return new Header((FrameType)frame[4], BinaryPrimitives.ReadInt64LittleEndian(frame[5..]),
            BinaryPrimitives.ReadInt64LittleEndian(frame[13..]), frame.Length - PeerWire.LengthBytes - PeerWire.MinAuthenticatedLength);
    }

    public static ReadOnlySpan<byte> Body(ReadOnlySpan<byte> frame) =>
        frame.Slice(PeerWire.LengthBytes + PeerWire.AuthenticatedHeaderBytes, frame.Length - PeerWire.LengthBytes - PeerWire.MinAuthenticatedLength);

    public static bool Verify(ReadOnlySpan<byte> frame, PeerDirection direction, IFrameAuthenticator authenticator, long counter,
        ReadOnlySpan<byte> transcript = default)
    {
        var input = MacInput(direction, frame[..^PeerWire.TagBytes], transcript);
        return authenticator.Verify(direction, counter, input, frame[^PeerWire.TagBytes..]);
    }
}
