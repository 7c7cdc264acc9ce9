using GroundStation.PostProcessing.FiniteKey;

namespace GroundStation.Host.Distillation;

/// <summary>
/// The privacy-amplified length both sides use: the finite-key length l of the whole key stream (Lim et al. 2014) less
/// the bits that are not in a kept frame (a failed frame or a tail too short for one). Dropping D bits of a string
/// lowers its smooth min-entropy by at most D, so subtracting them keeps the bound without assuming which bits were
/// single-photon ones; the result never exceeds the kept bits.
/// </summary>
public static class FinalLength
{
    public static long Of(FiniteKeyReport report, long droppedBits, long keptBits) =>
        report.HasKey ? Math.Clamp(report.SecretBits - droppedBits, 0, keptBits) : 0;

    /// <summary>Pool bits to replenish from a final key of <paramref name="keyBits"/>: what the session spent, whole bytes,
    /// at least the 128 bits a pool segment holds, never more than the key (0 otherwise).</summary>
    public static long Replenishment(long keyBits, long poolSpentBits)
    {
        var bits = Math.Min(keyBits, (poolSpentBits + 7) / 8 * 8) / 8 * 8;
        return bits >= 128 ? bits : 0;
    }
}
