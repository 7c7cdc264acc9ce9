using GroundStation.Peer.Handshake;
using GroundStation.Peer.Messages;
using GroundStation.Peer.Session;
using GroundStation.Peer.Wire;

namespace GroundStation.Tests.Peer.Support;

/// <summary>
/// Two session engines joined by a simulated link in virtual time: every frame arrives exactly
/// <see cref="OneWayMs"/> after it was written, with unlimited bandwidth. Deterministic: the same inputs give the
/// same timeline, so tests can count round trips instead of timing wall clocks.
/// </summary>
internal sealed class VirtualLink
{
    private readonly PriorityQueue<(bool ToTransmitter, byte[] Frame), (long Time, long Order)> _wire = new();
    private long _order;

    public VirtualLink(PeerSessionOptions station, PeerSessionOptions transmitter, long oneWayMs,
        Func<ConnectionSetup, ConnectionSetup>? alterStationView = null)
    {
        OneWayMs = oneWayMs;
        Station = new PeerEngine(station.EngineSettings());
        Transmitter = new PeerEngine(transmitter.EngineSettings());
        var hello = HandshakeRules.LocalHello(station, 0x1234, resume: false, 0);
        var helloBytes = HelloCodec.Encode(FrameType.Hello, hello);
        var (reply, detail) = HandshakeRules.Judge(hello, HandshakeRules.LocalHello(transmitter, 0x1234, false, 0), transmitter.Credentials);
        Assert.True(reply.Status == HandshakeStatus.Accepted, detail);
        HandshakeRules.CheckReply(hello, reply);
        var replyBytes = HelloCodec.Encode(FrameType.HelloReply, reply);
        var agreement = new ConnectionAgreement(hello, reply, [.. helloBytes, .. replyBytes]);
        var stationSetup = new ConnectionSetup(station.Credentials.CreateAuthenticator(agreement), agreement.Transcript, 0,
            reply.ReceiveWindowMessages, reply.ReceiveWindowBytes, reply.MaxFrameBytes);
        Station.Connect(alterStationView?.Invoke(stationSetup) ?? stationSetup, 0);
        Transmitter.Connect(new ConnectionSetup(transmitter.Credentials.CreateAuthenticator(agreement), agreement.Transcript, 0,
            hello.ReceiveWindowMessages, hello.ReceiveWindowBytes, hello.MaxFrameBytes), 0);
    }

    public PeerEngine Station { get; }

    public PeerEngine Transmitter { get; }

    public long OneWayMs { get; }

    public long Now { get; private set; }

    /// <summary>Frames from the transmitter are lost (the station hears nothing).</summary>
    public bool DropToStation { get; set; }

    /// <summary>Messages each side's application took, with the virtual time it got them.</summary>
    public List<(long Time, PeerMessage Message)> StationGot { get; } = new();

    public List<(long Time, PeerMessage Message)> TransmitterGot { get; } = new();

    /// <summary>Runs every event up to virtual time <paramref name="t"/> and stops there.</summary>
    public void RunTo(long t) => RunUntil(() => false, t, stopAtLimit: true);

    /// <summary>Runs until <paramref name="done"/> holds (checked whenever the link is quiet at an instant).</summary>
    public void RunUntil(Func<bool> done, long maxMs, bool stopAtLimit = false)
    {
        while (true)
        {
            var moved = true;
            while (moved)
            {
                moved = Pump(Station, toTransmitter: true) | Pump(Transmitter, toTransmitter: false);
                while (_wire.TryPeek(out var item, out var at) && at.Time <= Now)
                {
                    _wire.Dequeue();
                    if ((!item.ToTransmitter && DropToStation) || (item.ToTransmitter ? Transmitter : Station).Failure is not null)
                    {
                        continue;
                    }

                    (item.ToTransmitter ? Transmitter : Station).Receive(item.Frame, Now);
                    moved = true;
                }

                moved |= Consume(Station, StationGot) | Consume(Transmitter, TransmitterGot);
            }

            if (done())
            {
                return;
            }

            var next = Math.Min(Station.NextDueMs(Now), Transmitter.NextDueMs(Now));
            if (_wire.TryPeek(out _, out var first))
            {
                next = Math.Min(next, first.Time);
            }

            if (stopAtLimit && next > maxMs)
            {
                Now = Math.Max(Now, maxMs);
                return;
            }

            if (next == long.MaxValue || next > maxMs)
            {
                throw new TimeoutException($"not done by virtual time {maxMs} ms (now {Now} ms)");
            }

            Now = Math.Max(Now, next);
        }
    }

    private bool Pump(PeerEngine engine, bool toTransmitter)
    {
        var any = false;
        while (engine.Failure is null && engine.Poll(Now) is { } frame)
        {
            _wire.Enqueue((toTransmitter, frame), (Now + OneWayMs, _order++));
            any = true;
            if (engine.Failure is not null)
            {
                break;
            }
        }

        return any;
    }

    private bool Consume(PeerEngine engine, List<(long, PeerMessage)> got)
    {
        var any = false;
        while (engine.TryDequeue(out var m, Now))
        {
            got.Add((Now, m));
            any = true;
        }

        return any;
    }
}
