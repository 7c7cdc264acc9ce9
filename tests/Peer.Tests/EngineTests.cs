using GroundStation.Peer.Messages;
using GroundStation.Peer.Session;
using GroundStation.PostProcessing.Cascade;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Peer;

/// <summary>The engine's guards, each shown firing.</summary>
public class EngineTests
{
    [Fact]
    public void A_silent_peer_drops_the_connection_after_the_silence_timeout_with_a_clear_reason()
    {
        using var keys = new TestKeys();
        var link = new VirtualLink(TestOptions.Station(keys.Hmac()), TestOptions.Transmitter(keys.Hmac()), 10) { DropToStation = true };
        var lost = Assert.Throws<PeerConnectionLostException>(() => link.RunUntil(() => false, 60_000));
        Assert.Equal("no frame from the transmitter for 10 s", lost.Message);
        Assert.Equal(10_000, link.Now);
    }

    [Fact]
    public void Keepalives_keep_an_idle_connection_up()
    {
        using var keys = new TestKeys();
        var link = new VirtualLink(TestOptions.Station(keys.Hmac()), TestOptions.Transmitter(keys.Hmac()), 10);
        link.RunUntil(() => link.Now >= 55_000, 60_000);
        Assert.InRange(link.Station.Counters.FramesSent, 55, 57); // Confirm + one keepalive per second
    }

    [Fact]
    public void A_sender_that_ignores_the_flow_window_is_a_protocol_violation()
    {
        using var keys = new TestKeys();
        var transmitter = TestOptions.Transmitter(keys.Hmac()) with { ReceiveWindowMessages = 10 };
        // The station's engine is told a larger window than the transmitter announced (a buggy peer).
        var link = new VirtualLink(TestOptions.Station(keys.Hmac()), transmitter, 10, setup => setup with { PeerWindowMessages = 1000 });
        for (var i = 0; i < 50; i++)
        {
            link.Station.Enqueue(Numbered.Message(i), 0);
        }

        link.Transmitter.RequestClose(); // the transmitter's application takes nothing: messages pile up
        var error = Assert.Throws<PeerSessionException>(() => link.RunUntil(() => false, 10_000));
        Assert.Equal(PeerErrorCode.ProtocolViolation, error.Code);
        Assert.Contains("overran the flow window (50 messages", error.Message);
    }

    [Fact]
    public void A_role_cannot_send_the_other_roles_messages()
    {
        using var keys = new TestKeys();
        var link = new VirtualLink(TestOptions.Station(keys.Hmac()), TestOptions.Transmitter(keys.Hmac()), 10);
        var setup = CascadeSetupCodec.Encode(new CascadeSetup(1, 1024, 7, [64, 128], 2));
        var e = Assert.Throws<ArgumentException>(() => link.Transmitter.Enqueue(setup, 0));
        Assert.Equal("The transmitter does not send CascadeSetup messages.", e.Message);
        link.Station.Enqueue(setup, 0);
    }

    [Fact]
    public void Nothing_can_be_sent_after_close_and_completion_needs_both_closes()
    {
        using var keys = new TestKeys();
        var link = new VirtualLink(TestOptions.Station(keys.Hmac()), TestOptions.Transmitter(keys.Hmac()), 10);
        link.Station.Enqueue(Numbered.Message(1), 0);
        link.Station.RequestClose();
        Assert.Throws<InvalidOperationException>(() => link.Station.Enqueue(Numbered.Message(2), 0));
        link.RunUntil(() => link.Transmitter.PeerClosed, 10_000);
        Assert.False(link.Station.IsComplete);
        Assert.True(link.Station.CloseSent);
        link.Transmitter.RequestClose();
        link.RunUntil(() => link.Station.IsComplete && link.Transmitter.IsComplete, 10_000);
        Assert.Single(link.TransmitterGot);
    }
}
