using GroundStation.Host.Distillation;
using GroundStation.Host.Sifting;
using GroundStation.Host.Transmitter;
using GroundStation.Peer.Messages;

namespace GroundStation.Host.Roles;

/// <summary>
/// The transmitter's side of a pass, without I/O (what `gsctl peer` serves, and the satellite of `gsctl sim`): first
/// its source parameters, then sifting from its record (<see cref="TransmitterSifting"/>), then post-processing as
/// Alice (<see cref="TransmitterDistillation"/>). Anything inconsistent throws <see cref="SiftingProtocolException"/>.
/// </summary>
public sealed class TransmitterRole
{
    public TransmitterRole(ITransmitterRecord record, SourceParameters source, DistillationSettings settings, string keyId, Func<long> poolSpentBits)
    {
        Source = source;
        Sifting = new TransmitterSifting(record);
        Distillation = new TransmitterDistillation(settings, source, keyId, poolSpentBits);
        KeyId = keyId;
        Output.Peer(SourceParametersCodec.Encode(source));
    }

    public string KeyId { get; }

    public SourceParameters Source { get; }

    public TransmitterSifting Sifting { get; }

    public TransmitterDistillation Distillation { get; }

    public RoleOutput Output { get; } = new();

    public bool Done => Distillation.Done;

    /// <summary>True once any sifting message was handled: from then on the pass's raw key is partly disclosed.</summary>
    public bool Engaged => Sifting.Ledger.Announcements > 0;

    public void FromPeer(PeerMessage message)
    {
        if (!Sifting.Handle(message, Output) && !Distillation.FromPeer(message, Sifting, Output))
        {
            throw new SiftingProtocolException($"a {message.Type} message was not expected by the transmitter");
        }
    }
}
