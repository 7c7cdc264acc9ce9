using GroundStation.Hal;
using GroundStation.Host.Drivers;
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

    /// <summary>
    /// The generator behind a side's public random choices, one per purpose (<see cref="RandomPurpose"/>): Cascade
    /// permutations, LDPC seeds, the privacy-amplification seed, a post-pass replay's estimation samples. The host's
    /// cryptographic generator; only a simulated pass (tools/Testbed) seeds it, so a seed repeats its key.
    /// </summary>
    public Func<string, IRandomSource> Random { get; init; } = _ => new CryptoRandomSource();
}

/// <summary>Names of the random choices <see cref="DistillationSettings.Random"/> serves (each its own stream).</summary>
public static class RandomPurpose
{
    public const string Reconciliation = "reconciliation";
    public const string PrivacyAmplification = "privacy-amplification";
    public const string EstimationSamples = "estimation-samples";

    /// <summary>64 random bits from a 32-bit source.</summary>
    public static ulong NextUInt64(this IRandomSource random) => ((ulong)random.NextUInt32() << 32) | random.NextUInt32();
}
