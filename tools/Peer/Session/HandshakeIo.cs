using GroundStation.Peer.Handshake;
using GroundStation.Peer.Transport;
using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Session;

/// <summary>Reading the one handshake frame each side receives, and handing on what came after it.</summary>
internal static class HandshakeIo
{
    /// <summary>The whole frame and the bytes that followed it in the same reads.</summary>
    public static async Task<(byte[] Frame, byte[] Leftover)> ReadFrameAsync(IPeerTransport transport, CancellationToken cancellationToken)
    {
        var assembler = new FrameAssembler(PeerWire.MaxHelloLength);
        var buffer = new byte[4096];
        while (true)
        {
            var n = await transport.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException("the other end closed the connection during the handshake");
            }

            assembler.Append(buffer.AsSpan(0, n));
            if (assembler.TryTake(out var frame))
            {
                return (frame, assembler.DrainPending());
            }
        }
    }

    public static HelloFrame Decode(byte[] frame, FrameType type, string who)
    {
        try
        {
            return HelloCodec.Decode(frame, type);
        }
        catch (PeerFormatException e)
        {
            throw PeerSessionException.Local(PeerErrorCode.HandshakeRefused, $"{who} is not a peer-link {type}: {e.Message}");
        }
    }
}
