using GroundStation.Peer.Handshake;
using GroundStation.Peer.Session;
using GroundStation.Peer.Wire;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

public class HandshakeTests
{
    private static HelloFrame Sample() => new()
    {
        Role = PeerRole.Station,
        Authentication = AuthenticationMode.InformationTheoreticWegmanCarter,
        Operation = PeerOperation.PostPass,
        Reconciliation = ReconciliationMethod.Ldpc,
        Resume = true,
        SessionId = 0x0123456789ABCDEF,
        ReceiveNext = 77,
        Nonce = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(),
        ReceiveWindowMessages = 8192,
        ReceiveWindowBytes = 1 << 26,
        MaxFrameBytes = 1 << 25,
        EpochFrames = 256,
        FrameBits = 1 << 18,
        KeyId = Enumerable.Repeat((byte)0xAA, 16).ToArray(),
        LedgerDigest = Enumerable.Repeat((byte)0xBB, 16).ToArray(),
        PoolUsedBytes = 8208,
        PoolBytes = 1 << 20,
        StationId = "ogs-tenerife",
        TransmitterId = "sat-7",
        PassId = "2026-11-28T21:04Z",
    };

    [Fact]
    public void Hello_round_trips_field_by_field_at_the_documented_offsets()
    {
        var hello = Sample();
        var frame = HelloCodec.Encode(FrameType.Hello, hello);
        Assert.Equal(4 + 1 + HelloCodec.FixedBodyBytes + 3 + 12 + 5 + 17, frame.Length);
        Assert.Equal(frame.Length - 4, BitConverter.ToInt32(frame, 0));
        Assert.Equal("GSPL"u8.ToArray(), frame[5..9]);
        Assert.Equal(0x0123456789ABCDEFUL, BitConverter.ToUInt64(frame, 5 + 12)); // session id at body offset 12
        Assert.Equal(8208, BitConverter.ToInt64(frame, 5 + 96)); // pool used bytes at body offset 96
        var decoded = HelloCodec.Decode(frame, FrameType.Hello);
        Assert.Equal(hello with { Nonce = [], KeyId = [], LedgerDigest = [] }, decoded with { Nonce = [], KeyId = [], LedgerDigest = [] });
        Assert.Equal(hello.Nonce, decoded.Nonce);
        Assert.Equal(hello.KeyId, decoded.KeyId);
        Assert.Equal(hello.LedgerDigest, decoded.LedgerDigest);
    }

    [Fact]
    public void A_longer_hello_from_a_newer_minor_version_is_read_and_its_extra_bytes_ignored()
    {
        var frame = HelloCodec.Encode(FrameType.Hello, Sample() with { VersionMinor = 3 });
        byte[] longer = [.. frame, 1, 2, 3];
        BitConverter.TryWriteBytes(longer.AsSpan(0, 4), longer.Length - 4);
        Assert.Equal(3, HelloCodec.Decode(longer, FrameType.Hello).VersionMinor);
    }

    [Theory]
    [InlineData(5, 0x58, "no \"GSPL\" magic")]
    [InlineData(11, 9, "unknown role 9")]
    [InlineData(12, 3, "unknown authentication 3")]
    [InlineData(15, 2, "unknown flags 0x02")]
    [InlineData(4, 2, "frame type 0x02, expected 0x01")]
    public void A_malformed_hello_is_refused_naming_the_field(int offset, byte value, string reason)
    {
        var frame = HelloCodec.Encode(FrameType.Hello, Sample());
        frame[offset] = value;
        var e = Assert.Throws<PeerFormatException>(() => HelloCodec.Decode(frame, FrameType.Hello));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_cut_hello_is_refused()
    {
        var frame = HelloCodec.Encode(FrameType.Hello, Sample());
        var cut = frame[..60];
        BitConverter.TryWriteBytes(cut.AsSpan(0, 4), cut.Length - 4);
        Assert.Contains("cut off in", Assert.Throws<PeerFormatException>(() => HelloCodec.Decode(cut, FrameType.Hello)).Message);
    }

    [Fact]
    public void The_responder_judges_version_roles_identities_and_options()
    {
        using var keys = new TestKeys();
        var credentials = keys.Hmac();
        var station = HandshakeRules.LocalHello(TestOptions.Station(credentials), 5, false, 0);
        var transmitter = HandshakeRules.LocalHello(TestOptions.Transmitter(credentials), 5, false, 0);

        Status(HandshakeStatus.Accepted, station, transmitter);
        Status(HandshakeStatus.IncompatibleVersion, station with { VersionMajor = 2 }, transmitter);
        Status(HandshakeStatus.RoleConflict, station with { Role = PeerRole.Transmitter }, transmitter);
        Status(HandshakeStatus.IdentityRefused, station with { TransmitterId = "other-tx" }, transmitter);
        Status(HandshakeStatus.IdentityRefused, station, transmitter with { PassId = "pass-0002" });
        Status(HandshakeStatus.OptionsRefused, station with { FrameBits = 100 }, transmitter);
        Status(HandshakeStatus.OptionsRefused, station with { MaxFrameBytes = 1000 }, transmitter);

        // The reply adopts the initiator's station and pass ids when the responder left them open.
        var (reply, _) = HandshakeRules.Judge(station, transmitter, credentials);
        Assert.Equal(("ogs-test", "pass-0001"), (reply.StationId, reply.PassId));
        HandshakeRules.CheckReply(station, reply);
        var e = Assert.Throws<PeerSessionException>(() => HandshakeRules.CheckReply(station, reply with { FrameBits = 4096 }));
        Assert.Equal("handshake refused: the transmitter's reply does not match this side's Hello: operation, reconciliation or frame size", e.Message);

        void Status(HandshakeStatus expected, HelloFrame hello, HelloFrame local) =>
            Assert.Equal(expected, HandshakeRules.Judge(hello, local, credentials).Reply.Status);
    }

    [Fact]
    public async Task An_aborted_session_tells_the_peer_why()
    {
        using var keys = new TestKeys();
        await using var net = new MemoryNetwork(TestOptions.Transmitter(keys.Hmac()));
        var (station, transmitter) = await net.OpenAsync(TestOptions.Station(keys.Hmac()));
        await transmitter.AbortAsync("the transmitter restarts");
        var error = await Assert.ThrowsAsync<PeerSessionException>(() => station.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(PeerErrorCode.Aborted, error.Code);
        Assert.Equal("the transmitter ended the session: aborted: the transmitter restarts", error.Message);
    }

    [Fact]
    public async Task Resuming_at_a_responder_that_lost_the_session_fails_with_the_reason()
    {
        using var keys = new TestKeys();
        await using var first = new MemoryNetwork(TestOptions.Transmitter(keys.Hmac()));
        await using var restarted = new MemoryNetwork(TestOptions.Transmitter(keys.Hmac()));
        var target = first;
        var station = await PeerSession.ConnectAsync(TestOptions.Station(keys.Hmac()), ct => target.Connect(ct));
        await first.Listener.AcceptAsync();
        target = restarted; // the transmitter side restarted: its new process knows no session
        first.ClientEnds[0].Break();

        var error = await Assert.ThrowsAsync<PeerSessionException>(() => station.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(PeerErrorCode.HandshakeRefused, error.Code);
        Assert.Equal("handshake refused: the transmitter refused the session: the peer does not know the session to resume (it restarted or gave up)", error.Message);
    }

    [Fact]
    public async Task A_connection_that_does_not_speak_the_peer_link_is_refused_in_one_line()
    {
        using var keys = new TestKeys();
        await using var net = new MemoryNetwork(TestOptions.Transmitter(keys.Hmac()));
        var transport = await net.Connect(default);
        await transport.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray(), default);
        await Task.Delay(200);
        Assert.Equal(0, await transport.ReadAsync(new byte[16], default)); // closed without an answer
        Assert.Contains("frame length 542393671 is outside 1..1024 bytes", net.Failures.Single());
    }
}
