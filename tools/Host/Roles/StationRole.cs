using GroundStation.Host.Distillation;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Messages;
using GroundStation.Protocol;

namespace GroundStation.Host.Roles;

/// <summary>
/// The station's side of a pass, without I/O: sifting between the firmware and the transmitter
/// (<see cref="StationSifting"/>), then post-processing against the transmitter (<see cref="StationDistillation"/>).
/// One class for every path that produces key (`gsctl record --peer`, `gsctl sim`, `gsctl postprocess`, the benches);
/// only the drivers differ. Inputs: <see cref="FromFirmware"/>, <see cref="FromPeer"/>; outputs: <see cref="Output"/>.
/// Anything inconsistent throws <see cref="SiftingProtocolException"/> (the driver aborts the session with it).
/// </summary>
public sealed class StationRole
{
    public StationRole(EstimationPolicy policy, DistillationSettings settings, string keyId, Func<long> poolSpentBits, bool selfAnswering = false)
    {
        Sifting = new StationSifting(policy, selfAnswering);
        Distillation = new StationDistillation(settings, keyId, poolSpentBits);
        KeyId = keyId;
    }

    /// <summary>
    /// The post-pass recording's role: no transmitter during the pass, the station answers every announcement itself
    /// and keeps every detection (<see cref="StationSifting.SelfAnswering"/>); no post-processing until later.
    /// </summary>
    public static StationRole ForPostPassRecording() => new(EstimationPolicy.None, new DistillationSettings(), "", () => 0, selfAnswering: true);

    public string KeyId { get; }

    public StationSifting Sifting { get; }

    public StationDistillation Distillation { get; }

    /// <summary>What the transmitter said it sent (its first message); null until it arrived.</summary>
    public SourceParameters? Source { get; private set; }

    public RoleOutput Output { get; } = new();

    public bool Done => Distillation.Done;

    public void FromFirmware(MessageType type, byte[] payload) => Sifting.FromFirmware(type, payload, Output);

    public void FromPeer(PeerMessage message)
    {
        if (message.Type == PeerMessageType.SourceParameters)
        {
            Source = Source is null ? SourceParametersCodec.Decode(message) : throw new SiftingProtocolException("the source parameters arrived twice");
            return;
        }

        if (!Sifting.FromPeer(message, Output) && !Distillation.FromPeer(message, Output))
        {
            throw new SiftingProtocolException($"a {message.Type} message was not expected by the station");
        }
    }

    /// <summary>End of the pass: the firmware is told to flush.</summary>
    public void EndPass() => Sifting.EndPass(Output);

    /// <summary>
    /// Starts post-processing once sifting settled, the firmware's counters agree (<paramref name="firmwareAgrees"/>,
    /// from SIFT:STAT? or the in-process sifter) and the source parameters are in. True when it started now or before.
    /// </summary>
    public bool TryStartDistillation(bool firmwareAgrees)
    {
        if (Distillation.Started)
        {
            return true;
        }

        if (!Sifting.Settled || !firmwareAgrees || Source is null)
        {
            return false;
        }

        Distillation.Start(Sifting, Source, Output);
        return true;
    }
}
