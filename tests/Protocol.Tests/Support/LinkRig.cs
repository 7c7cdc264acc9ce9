using GroundStation.Host.Link;
using GroundStation.Hal.Fakes;
using GroundStation.Protocol;

namespace GroundStation.Tests.Protocol.Support;

/// <summary>A device endpoint and a host session on a fake serial pair, stepped together in virtual time.</summary>
internal sealed class LinkRig
{
    public const int Baud = 921600;

    public LinkRig(LinkSettings? deviceSettings = null, uint sessionId = 0xC0FFEE01)
    {
        Clock = new VirtualClock();
        Pair = new FakeSerialPair(Clock, Baud);
        Identity = new DeviceIdentity("QKD Lab", "GS-1", "1.2.3", "sim", "SN0042");
        Device = new DeviceEndpoint(Pair.A, Clock, Identity, deviceSettings ?? new LinkSettings(), sessionId);
        Host = NewHost();
    }

    public VirtualClock Clock { get; }
    public FakeSerialPair Pair { get; }
    public DeviceIdentity Identity { get; }
    public DeviceEndpoint Device { get; }
    public HostSession Host { get; set; }

    /// <summary>A fresh host process on the same port (the old one is simply abandoned, as after a crash).</summary>
    public HostSession NewHost()
    {
        Host = new HostSession(Pair.B, Clock);
        return Host;
    }

    public void Step(long stepMicroseconds = 200)
    {
        Device.Poll();
        Host.Poll();
        Clock.Advance(stepMicroseconds);
    }

    public void Run(long microseconds, long stepMicroseconds = 200)
    {
        for (long t = 0; t < microseconds; t += stepMicroseconds)
        {
            Step(stepMicroseconds);
        }
    }

    public bool RunUntil(Func<bool> done, long maxMicroseconds, long stepMicroseconds = 200)
    {
        for (long t = 0; t < maxMicroseconds; t += stepMicroseconds)
        {
            if (done())
            {
                return true;
            }

            Step(stepMicroseconds);
        }

        return done();
    }

    public void Connect(ResumeState? resume = null)
    {
        Host.StartHandshake(resume);
        Assert.True(RunUntil(() => Host.State == HostSessionState.Connected, 2_000_000), "handshake did not complete");
    }

    /// <summary>Bytes the device wrote so far, as text (console output).</summary>
    public string DeviceText() => System.Text.Encoding.ASCII.GetString(Pair.A.WrittenBytes());

    /// <summary>Reads and discards what waits at the host end (console tests read the device's output directly).</summary>
    public string DrainHostText()
    {
        var buffer = new byte[65536];
        int n = Pair.B.Read(buffer, 0, buffer.Length);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, n);
    }

    public void Type(string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        Pair.B.Write(bytes, 0, bytes.Length);
    }
}
