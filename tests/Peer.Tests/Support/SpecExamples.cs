using GroundStation.Peer.Authentication;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Messages;
using GroundStation.Peer.Wire;
using GroundStation.PostProcessing.Verification;

namespace GroundStation.Tests.Peer.Support;

/// <summary>The worked examples of protocol/PEER.md section 10, built by the library (the test also builds them from the spec's rules).</summary>
internal static class SpecExamples
{
    public const long PoolStart = 8208;

    public static byte PoolByte(long i) => (byte)((i * 167 + 13) & 0xFF);

    public static byte[] PoolBytes() => Enumerable.Range(0, 1 << 20).Select(i => PoolByte(i)).ToArray();

    public static byte[] Psk() => Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static HelloFrame Hello() => new()
    {
        Role = PeerRole.Station,
        Authentication = AuthenticationMode.InformationTheoreticWegmanCarter,
        Operation = PeerOperation.LivePass,
        Reconciliation = ReconciliationMethod.Cascade,
        SessionId = 0x1122334455667788,
        ReceiveNext = 0,
        Nonce = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(),
        ReceiveWindowMessages = 8192,
        ReceiveWindowBytes = 1 << 26,
        MaxFrameBytes = 1 << 25,
        EpochFrames = 256,
        FrameBits = 1 << 18,
        KeyId = Enumerable.Range(0xA0, 16).Select(i => (byte)i).ToArray(),
        LedgerDigest = Enumerable.Range(0xB0, 16).Select(i => (byte)i).ToArray(),
        PoolUsedBytes = 0,
        PoolBytes = 1 << 20,
        StationId = "ogs-1",
        TransmitterId = "tx-1",
        PassId = "pass-1",
    };

    public static HelloFrame Reply() => Hello() with
    {
        Role = PeerRole.Transmitter,
        Nonce = Enumerable.Range(0x10, 16).Select(i => (byte)i).ToArray(),
        PoolUsedBytes = PoolStart,
    };

    public static PeerMessage Message() => FrameVerdictCodec.Encode(new FrameVerdict(5, true));

    /// <summary>(hello, reply, confirm, data) frames of the Wegman-Carter example; data = one FrameVerdict at counter 1.</summary>
    public static (byte[] Hello, byte[] Reply, byte[] Confirm, byte[] Data) WegmanCarter(AuthenticationKeyPool pool)
    {
        var hello = HelloCodec.Encode(FrameType.Hello, Hello());
        var reply = HelloCodec.Encode(FrameType.HelloReply, Reply());
        var auth = new WegmanCarterAuthenticator(pool, new PadSchedule(PoolStart, 256, pool.TotalBytes));
        var confirm = AuthenticatedFrame.Seal(FrameType.Confirm, 0, 0, [], PeerDirection.StationToTransmitter, auth, [.. hello, .. reply]);
        var data = AuthenticatedFrame.Seal(FrameType.Data, 1, 0, GroundStation.Peer.Session.DataBody.Encode(0, [Message()]),
            PeerDirection.StationToTransmitter, auth);
        return (hello, reply, confirm, data);
    }

    /// <summary>The same Data frame in the computational HMAC mode (its Hello/HelloReply differ only in the mode byte).</summary>
    public static byte[] HmacData()
    {
        var auth = new HmacSha256Authenticator(PreSharedKey.FromBytes(Psk()), Hello().Nonce, Reply().Nonce);
        auth.Tag(PeerDirection.StationToTransmitter, 0, [], new byte[16]); // counter 0 is the Confirm
        return AuthenticatedFrame.Seal(FrameType.Data, 1, 0, GroundStation.Peer.Session.DataBody.Encode(0, [Message()]),
            PeerDirection.StationToTransmitter, auth);
    }

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
