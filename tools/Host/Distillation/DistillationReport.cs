using GroundStation.PostProcessing.FiniteKey;

namespace GroundStation.Host.Distillation;

/// <summary>
/// What post-processing of one pass produced, for summary.json, the recording's manifest and the console: every
/// figure the finite-key length rests on (parameters, counts, bounds) and the cost of getting there. No key bit.
/// </summary>
public sealed record DistillationReport
{
    /// <summary>Names the final key on both sides (the same id).</summary>
    public string KeyId { get; init; } = "";

    /// <summary>Length of the privacy-amplified key l (0: no key).</summary>
    public long SecretKeyBits { get; init; }

    /// <summary>Bits of the final key kept as output key (l minus what replenished the authentication pool).</summary>
    public long OutputKeyBits { get; init; }

    /// <summary>Bits of the final key appended to both authentication key pools (their own key id .../auth).</summary>
    public long PoolReplenishedBits { get; init; }

    /// <summary>Authentication pool bits this side spent on the session (0 in the computational HMAC mode).</summary>
    public long PoolSpentBits { get; init; }

    /// <summary>Secret key bits minus pool bits spent: what the pass added to the key both sides hold.</summary>
    public long NetKeyBits => SecretKeyBits - PoolSpentBits;

    public string Reconciliation { get; init; } = "";

    public long KeyStreamBits { get; init; }

    public int Frames { get; init; }

    public int FramesKept { get; init; }

    /// <summary>Frames that failed decoding or verification: discarded on both sides, their disclosure still counted.</summary>
    public int FramesFailed { get; init; }

    /// <summary>Key-stream bits not in a kept frame (failed frames and a tail shorter than a frame): subtracted from l.</summary>
    public long DroppedBits { get; init; }

    /// <summary>Every bit disclosed after sifting: error-correction parities or syndromes plus verification tags.</summary>
    public long DisclosedBits { get; init; }

    public long ErrorCorrectionDisclosedBits { get; init; }

    public long VerificationTagBits { get; init; }

    /// <summary>f = error-correction disclosure / (n h(qberZ)) over every frame; null without frames or errors.</summary>
    public double? EcEfficiency { get; init; }

    /// <summary>Error rate of the key stream found by error correction (kept frames).</summary>
    public double? QberZ { get; init; }

    /// <summary>The Z-basis QBER estimate error correction was planned with (estimation samples).</summary>
    public double? QberZEstimate { get; init; }

    /// <summary>Test-basis error rate: every X bit compared (TestBasisBits and estimation samples), all classes.</summary>
    public double? QberX { get; init; }

    /// <summary>
    /// phi_Z: the upper bound on the single-photon phase error rate (Lim et al. 2014); null when it was not computed
    /// (no finite-key step, or no single-photon events to bound: the finite key's NaN is not carried on).
    /// </summary>
    public double? PhaseErrorBound
    {
        get;
        init => field = value is { } v && double.IsFinite(v) ? v : null;
    }

    public bool QberAlarm { get; init; }

    public string? NoKeyReason { get; init; }

    public FiniteKeyInput? FiniteKeyInput { get; init; }

    public FiniteKeyReport? FiniteKey { get; init; }
}
