using GroundStation.Host.Link;
using GroundStation.Protocol;

namespace GroundStation.Tests.App;

/// <summary>
/// gsctl's real host session (<see cref="HostSession"/>) on the host end of the rig's serial pair, pumped in the
/// rig's virtual time: the handshake, Command messages with their replies, and everything else the device sends.
/// </summary>
internal sealed class RigHost
{
    private readonly FirmwareRig _rig;
    private readonly Dictionary<int, (int Status, string Text)> _replies = new();

    public RigHost(FirmwareRig rig)
    {
        _rig = rig;
        Session = new HostSession(rig.Host, rig.Clock);
        Session.CommandReplied = (id, status, text) => _replies[id] = (status, text);
        Session.Received = (type, buffer, offset, count) =>
            Messages.Add((rig.Clock.NowMicroseconds, type, buffer.AsSpan(offset, count).ToArray()));
    }

    public HostSession Session { get; }

    /// <summary>Every message other than handshake and replies, with the board time it arrived at.</summary>
    public List<(long AtMicroseconds, MessageType Type, byte[] Payload)> Messages { get; } = new();

    /// <summary>When false the host goes silent: no polling, so no acks or keepalives.</summary>
    public bool Listening { get; set; } = true;

    /// <summary>Runs the rig with this host polled every step.</summary>
    public void Run(long microseconds) => _rig.Run(microseconds, () =>
    {
        if (Listening)
        {
            Session.Poll();
        }
    });

    public void Connect()
    {
        Session.StartHandshake();
        long deadline = _rig.Clock.NowMicroseconds + 2_000_000;
        while (Session.State != HostSessionState.Connected && _rig.Clock.NowMicroseconds < deadline)
        {
            Run(FirmwareRig.StepMicroseconds);
        }

        Assert.Equal(HostSessionState.Connected, Session.State);
    }

    /// <summary>Runs one line through a binary Command message; returns (status, text) of the CommandReply.</summary>
    public (int Status, string Text) Execute(string line)
    {
        int id = Session.SendCommand(line);
        long deadline = _rig.Clock.NowMicroseconds + 1_000_000;
        while (!_replies.ContainsKey(id) && _rig.Clock.NowMicroseconds < deadline)
        {
            Run(FirmwareRig.StepMicroseconds);
        }

        Assert.True(_replies.Remove(id, out var reply), $"no CommandReply to '{line}'");
        return reply;
    }
}
