using GroundStation.Peer.Handshake;
using GroundStation.PostProcessing.FiniteKey;

namespace GroundStation.Host.Distillation;

/// <summary>
/// The choices post-processing makes on each side: the reconciliation method and frame size (settled in the peer
/// handshake), the finite-key epsilons (both sides must use the same; the transmitter refuses others), and the side's
/// own basis probability (the receiver's splitter for the station, the source's for the transmitter).
/// </summary>
public sealed record DistillationSettings
{
    public ReconciliationMethod Reconciliation { get; init; } = ReconciliationMethod.Cascade;

    public int FrameBits { get; init; } = 1 << 18;

    public double EpsilonSecret { get; init; } = FiniteKeyInput.DefaultEpsilonSecret;

    public double EpsilonCorrect { get; init; } = FiniteKeyInput.DefaultEpsilonCorrect;

    /// <summary>The station's receiver: probability a detection is measured in Z (passive 50/50 splitter: 0.5).</summary>
    public double ReceiverZProbability { get; init; } = 0.5;
}
