namespace GroundStation.PostProcessing.FiniteKey;

/// <summary>
/// What the finite-key length of one pass needs (decoy-state BB84, three intensities, Lim et al. 2014). Arrays are
/// indexed by intensity class k = 0, 1, 2 for mu1 (signal) > mu2 (decoy) > mu3 (vacuum or weak), with
/// mu1 > mu2 + mu3 and mu3 >= 0. Counts are of sifted events where both sides chose the basis.
/// </summary>
/// <param name="Intensities">mu1, mu2, mu3 (mean photons per pulse).</param>
/// <param name="IntensityProbabilities">p1, p2, p3 with which the transmitter sends each (sum 1).</param>
/// <param name="DetectionsZ">n_{Z,k}: key-basis detections per class.</param>
/// <param name="ErrorsZ">m_{Z,k}: errors among them (from the corrected key or an estimate; not used by the bound).</param>
/// <param name="DetectionsX">n_{X,k}: test-basis detections per class.</param>
/// <param name="ErrorsX">m_{X,k}: test-basis errors per class (all disclosed and compared).</param>
/// <param name="LeakedErrorCorrectionBits">lambda_EC: every bit error correction disclosed.</param>
/// <param name="VerificationTagBits">Tag bits of the verification hash, also counted as disclosed.</param>
/// <param name="QberAlarm">The intrusion alarm fired during the pass: no key, whatever the counts.</param>
/// <param name="ReceiverZProbability">Probability the receiver measures in Z (passive 50/50 splitter: 0.5). The
/// bound uses only the counts, which already carry it; kept for the report and checked to be in (0, 1).</param>
/// <param name="TransmitterZProbability">Probability the transmitter prepares in Z (same role).</param>
public sealed record FiniteKeyInput(
    double[] Intensities,
    double[] IntensityProbabilities,
    long[] DetectionsZ,
    long[] ErrorsZ,
    long[] DetectionsX,
    long[] ErrorsX,
    long LeakedErrorCorrectionBits,
    long VerificationTagBits,
    bool QberAlarm = false,
    double ReceiverZProbability = 0.5,
    double TransmitterZProbability = 0.5,
    double EpsilonSecret = FiniteKeyInput.DefaultEpsilonSecret,
    double EpsilonCorrect = FiniteKeyInput.DefaultEpsilonCorrect)
{
    public const double DefaultEpsilonSecret = 1e-10;

    public const double DefaultEpsilonCorrect = 1e-15;

    /// <summary>Throws with a one-line reason for an input the bound does not cover.</summary>
    public void Validate()
    {
        CheckThree(Intensities, nameof(Intensities));
        CheckThree(IntensityProbabilities, nameof(IntensityProbabilities));
        CheckThree(DetectionsZ, nameof(DetectionsZ));
        CheckThree(ErrorsZ, nameof(ErrorsZ));
        CheckThree(DetectionsX, nameof(DetectionsX));
        CheckThree(ErrorsX, nameof(ErrorsX));
        double mu1 = Intensities[0], mu2 = Intensities[1], mu3 = Intensities[2];
        if (!(mu3 >= 0 && mu2 > mu3 && mu1 > mu2 + mu3))
        {
            throw new ArgumentException($"Intensities need mu1 > mu2 + mu3, mu2 > mu3 >= 0; got {mu1}, {mu2}, {mu3}.");
        }

        double sum = 0;
        foreach (double p in IntensityProbabilities)
        {
            if (!(p > 0 && p < 1))
            {
                throw new ArgumentException($"Each intensity probability is in (0, 1), not {p}.");
            }

            sum += p;
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw new ArgumentException($"Intensity probabilities sum to {sum}, not 1.");
        }

        for (int k = 0; k < 3; k++)
        {
            if (DetectionsZ[k] < 0 || DetectionsX[k] < 0 || ErrorsZ[k] < 0 || ErrorsX[k] < 0
                || ErrorsZ[k] > DetectionsZ[k] || ErrorsX[k] > DetectionsX[k])
            {
                throw new ArgumentException($"Class {k + 1}: counts are non-negative and errors at most detections.");
            }
        }

        if (LeakedErrorCorrectionBits < 0 || VerificationTagBits < 0)
        {
            throw new ArgumentException("Disclosed bit counts are non-negative.");
        }

        if (!(ReceiverZProbability > 0 && ReceiverZProbability < 1 && TransmitterZProbability > 0 && TransmitterZProbability < 1))
        {
            throw new ArgumentException("Basis probabilities are in (0, 1).");
        }

        if (!(EpsilonSecret > 0 && EpsilonSecret < 1 && EpsilonCorrect > 0 && EpsilonCorrect < 1))
        {
            throw new ArgumentException("epsilon_sec and epsilon_cor are in (0, 1).");
        }
    }

    private static void CheckThree<T>(T[]? values, string name)
    {
        if (values is null || values.Length != 3)
        {
            throw new ArgumentException($"{name} has one value per intensity class (3).");
        }
    }
}
