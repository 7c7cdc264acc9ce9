namespace GroundStation.PostProcessing.FiniteKey;

/// <summary>Decoy-state bounds of one basis: Hoeffding-corrected counts per class and the vacuum and single-photon
/// lower bounds (Lim et al. 2014, Eqs. (2)-(4) with the basis renamed).</summary>
public sealed record BasisBounds(long Detections, double[] DetectionsPlus, double[] DetectionsMinus, double Vacuum, double SinglePhoton);

/// <summary>
/// Every intermediate of the finite-key length, so a pass's key can be audited. Key from Z, phase error from X.
/// <see cref="SecretBits"/> is 0 whenever <see cref="NoKeyReason"/> is set.
/// </summary>
public sealed record FiniteKeyReport(
    double Tau0,
    double Tau1,
    BasisBounds Z,
    BasisBounds X,
    double[] ErrorsXPlus,
    double[] ErrorsXMinus,
    double SinglePhotonErrorsX,
    double SinglePhotonErrorRateX,
    double Gamma,
    double PhaseErrorRateZ,
    long LeakedErrorCorrectionBits,
    long VerificationTagBits,
    double SecurityCostBits,
    double LengthBeforeFloor,
    long SecretBits,
    string? NoKeyReason)
{
    public bool HasKey => NoKeyReason is null;
}
