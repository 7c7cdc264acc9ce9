using GroundStation.PostProcessing.FiniteKey;

namespace GroundStation.Tests.PostProcessing;

public class FiniteKeyTests
{
    // Micius-like intensities; counts chosen so that the vacuum bound is 0 (few vacuum detections).
    private static FiniteKeyInput Example1() => new(
        [0.8, 0.1, 0.0], [0.5, 0.25, 0.25],
        DetectionsZ: [1_000_000, 60_000, 2_000], ErrorsZ: [15_000, 1_500, 1_000],
        DetectionsX: [1_000_000, 60_000, 2_000], ErrorsX: [16_000, 1_600, 1_000],
        LeakedErrorCorrectionBits: 170_000, VerificationTagBits: 127);

    // A weak third intensity and more counts: a positive vacuum bound.
    private static FiniteKeyInput Example2() => new(
        [0.6, 0.2, 0.02], [0.6, 0.3, 0.1],
        DetectionsZ: [8_000_000, 1_200_000, 150_000], ErrorsZ: [80_000, 15_000, 20_000],
        DetectionsX: [2_000_000, 300_000, 20_000], ErrorsX: [22_000, 4_500, 1_500],
        LeakedErrorCorrectionBits: 700_000, VerificationTagBits: 127);

    [Fact]
    public void Example_1_matches_values_computed_independently_from_the_paper()
    {
        // Reference values computed with python3 (math module) straight from Lim et al. 2014, Eqs. (1)-(5),
        // key from Z, phase error from X, eps_sec = 1e-10, eps_cor = 1e-15 (not from this code's output).
        var r = FiniteKeyLength.Compute(Example1());
        Assert.Equal(0.7008738365676006, r.Tau0, 12);
        Assert.Equal(0.20235252109778762, r.Tau1, 12);
        Assert.Equal(4467642.85355469, r.Z.DetectionsPlus[0], 5);
        Assert.Equal(-6882.670866873066, r.Z.DetectionsMinus[2], 6);
        Assert.Equal(0, r.Z.Vacuum);
        Assert.Equal(361005.0723545308, r.Z.SinglePhoton, 6);
        Assert.Equal(361005.0723545308, r.X.SinglePhoton, 6);
        Assert.Equal(14608.658960913413, r.SinglePhotonErrorsX, 6);
        Assert.Equal(0.0044023476558070285, r.Gamma, 12);
        Assert.Equal(0.04486897840321865, r.PhaseErrorRateZ, 12);
        Assert.Equal(95228.63028439408, r.LengthBeforeFloor, 5);
        Assert.Equal(95228, r.SecretBits);
        Assert.True(r.HasKey);
    }

    [Fact]
    public void Example_2_with_a_positive_vacuum_bound_matches_independent_values()
    {
        // Reference values computed with python3 from the paper's equations (see Example 1).
        var r = FiniteKeyLength.Compute(Example2());
        Assert.Equal(0.672926074910486, r.Tau0, 12);
        Assert.Equal(0.24865643152514194, r.Tau1, 12);
        Assert.Equal(691332.2241565197, r.Z.Vacuum, 5);
        Assert.Equal(1384215.3565773938, r.Z.SinglePhoton, 5);
        Assert.Equal(17614.027126670753, r.X.Vacuum, 6);
        Assert.Equal(592853.4143273282, r.X.SinglePhoton, 5);
        Assert.Equal(16081.340205873017, r.SinglePhotonErrorsX, 6);
        Assert.Equal(0.002380932549226246, r.Gamma, 12);
        Assert.Equal(0.029506255297210175, r.PhaseErrorRateZ, 12);
        Assert.Equal(1109499, r.SecretBits);
    }

    [Fact]
    public void The_qber_alarm_means_no_key()
    {
        var r = FiniteKeyLength.Compute(Example2() with { QberAlarm = true });
        Assert.Equal(0, r.SecretBits);
        Assert.Contains("alarm", r.NoKeyReason);
        Assert.Equal(691332.2241565197, r.Z.Vacuum, 5); // intermediates are still reported
    }

    [Fact]
    public void A_test_basis_qber_of_11_percent_gives_no_key()
    {
        // 11 % errors in every class of both bases, and error correction at the Shannon limit (f = 1).
        var e = Example2();
        long keyBits = e.DetectionsZ.Sum();
        var input = e with
        {
            ErrorsX = e.DetectionsX.Select(n => n * 11 / 100).ToArray(),
            ErrorsZ = e.DetectionsZ.Select(n => n * 11 / 100).ToArray(),
            LeakedErrorCorrectionBits = (long)(keyBits * GroundStation.PostProcessing.Bits.BinaryEntropy.Of(0.11)),
        };
        var r = FiniteKeyLength.Compute(input);
        Assert.Equal(0, r.SecretBits);
        Assert.False(r.HasKey);
    }

    [Fact]
    public void A_leak_larger_than_the_entropy_gives_no_key()
    {
        var r = FiniteKeyLength.Compute(Example1() with { LeakedErrorCorrectionBits = 400_000 });
        Assert.Equal(0, r.SecretBits);
        Assert.Contains("not positive", r.NoKeyReason);
    }

    [Fact]
    public void More_detections_at_the_same_error_rates_never_shorten_the_key()
    {
        long previous = 0;
        foreach (int scale in new[] { 1, 2, 4, 8 })
        {
            var e = Example2();
            var input = e with
            {
                DetectionsZ = e.DetectionsZ.Select(v => v * scale).ToArray(),
                ErrorsZ = e.ErrorsZ.Select(v => v * scale).ToArray(),
                DetectionsX = e.DetectionsX.Select(v => v * scale).ToArray(),
                ErrorsX = e.ErrorsX.Select(v => v * scale).ToArray(),
                LeakedErrorCorrectionBits = e.LeakedErrorCorrectionBits * scale,
            };
            long length = FiniteKeyLength.Compute(input).SecretBits;
            Assert.True(length > previous, $"scale {scale}: {length} <= {previous}");
            previous = length;
        }
    }

    [Fact]
    public void Fewer_test_basis_errors_never_shorten_the_key()
    {
        long previous = 0;
        foreach (int errors in new[] { 6_000, 5_000, 4_000, 3_000 })
        {
            var e = Example2();
            long length = FiniteKeyLength.Compute(e with { ErrorsX = [22_000, errors, 1_500] }).SecretBits;
            Assert.True(length >= previous);
            previous = length;
        }
    }

    [Fact]
    public void A_biased_receiver_is_accepted_and_bad_inputs_are_refused_with_a_reason()
    {
        Assert.True(FiniteKeyLength.Compute(Example2() with { ReceiverZProbability = 0.9 }).HasKey);
        Assert.Contains("mu1 > mu2 + mu3", Assert.Throws<ArgumentException>(() =>
            FiniteKeyLength.Compute(Example1() with { Intensities = [0.1, 0.08, 0.05] })).Message);
        Assert.Contains("sum to", Assert.Throws<ArgumentException>(() =>
            FiniteKeyLength.Compute(Example1() with { IntensityProbabilities = [0.5, 0.3, 0.3] })).Message);
        Assert.Throws<ArgumentException>(() => FiniteKeyLength.Compute(Example1() with { ErrorsX = [2_000_000, 0, 0] }));
        Assert.Throws<ArgumentException>(() => FiniteKeyLength.Compute(Example1() with { ReceiverZProbability = 1 }));
        Assert.Throws<ArgumentException>(() => FiniteKeyLength.Compute(Example1() with { DetectionsZ = [1, 2] }));
    }
}
