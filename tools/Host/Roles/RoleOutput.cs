using GroundStation.Host.Sifting;
using GroundStation.Peer.Messages;
using GroundStation.Protocol;

namespace GroundStation.Host.Roles;

/// <summary>
/// What a role (station or transmitter, sans I/O) wants sent: messages for the firmware (station only) and for the
/// peer, in order. The driver that owns the links drains both queues.
/// </summary>
public sealed class RoleOutput
{
    public Queue<SiftingMessage> ToFirmware { get; } = new();

    public Queue<PeerMessage> ToPeer { get; } = new();

    public void Firmware(MessageType type, byte[] payload) => ToFirmware.Enqueue(new SiftingMessage(type, payload));

    public void Peer(PeerMessage message) => ToPeer.Enqueue(message);

    public bool IsEmpty => ToFirmware.Count == 0 && ToPeer.Count == 0;
}
