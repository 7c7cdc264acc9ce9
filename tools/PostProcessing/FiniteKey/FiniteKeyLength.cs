using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.FiniteKey;

/// <summary>
/// Secret key length of decoy-state BB84 with three intensities for a single pass, after C. C. W. Lim, M. Curty,
/// N. Walenta, F. Xu and H. Zbinden, "Concise security bounds for practical decoy-state quantum key distribution",
/// Phys. Rev. A 89, 022307 (2014), with the key drawn from Z and the phase error estimated from X:
/// <code>
/// l = floor( s_Z0 + s_Z1 (1 - h(phi_Z)) - lambda_EC - 6 log2(21/eps_sec) - log2(2/eps_cor) )
/// n_{B,k}^(+-) = e^mu_k / p_k (n_{B,k} +- sqrt(n_B / 2 ln(21/eps_sec)))           (Hoeffding)
/// tau_n = sum_k p_k e^-mu_k mu_k^n / n!
/// s_B0 >= tau_0 (mu2 n_{B,3}^- - mu3 n_{B,2}^+) / (mu2 - mu3)
/// s_B1 >= tau_1 mu1 (n_{B,2}^- - n_{B,3}^+ - (mu2^2 - mu3^2)/mu1^2 (n_{B,1}^+ - s_B0/tau_0)) / (mu1 (mu2 - mu3) - mu2^2 + mu3^2)
/// v_X1 &lt;= tau_1 (m_{X,2}^+ - m_{X,3}^-) / (mu2 - mu3)
/// phi_Z &lt;= v_X1/s_X1 + gamma(eps_sec, v_X1/s_X1, s_X1, s_Z1)
/// gamma(a,b,c,d) = sqrt( (c+d)(1-b)b / (c d ln 2) log2( (c+d)/(c d (1-b) b) 21^2/a^2 ) )
/// </code>
/// lambda_EC here is the error-correction leak plus the verification tag bits (conservative: the paper's
/// log2(2/eps_cor) term already pays for verification). Negative bounds are clamped to 0.
/// </summary>
public static class FiniteKeyLength
{
    public static FiniteKeyReport Compute(FiniteKeyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        double[] mu = input.Intensities, p = input.IntensityProbabilities;
        double lnTerm = Math.Log(21 / input.EpsilonSecret);
        double tau0 = Tau(mu, p, 0), tau1 = Tau(mu, p, 1);
        var z = Bounds(input.DetectionsZ, mu, p, lnTerm, tau0, tau1);
        var x = Bounds(input.DetectionsX, mu, p, lnTerm, tau0, tau1);

        var (errorsPlus, errorsMinus) = Hoeffding(input.ErrorsX, mu, p, lnTerm);
        double vX1 = Math.Max(0, tau1 * (errorsPlus[1] - errorsMinus[2]) / (mu[1] - mu[2]));
        double leaked = input.LeakedErrorCorrectionBits + input.VerificationTagBits;
        double cost = 6 * Math.Log2(21 / input.EpsilonSecret) + Math.Log2(2 / input.EpsilonCorrect);

        string? reason = null;
        double rateX = double.NaN, gamma = double.NaN, phi = double.NaN, length = double.NaN;
        if (input.QberAlarm)
        {
            reason = "the QBER alarm fired during the pass";
        }
        else if (z.SinglePhoton <= 0 || x.SinglePhoton <= 0)
        {
            reason = $"no single-photon events can be bounded (s_Z1 = {z.SinglePhoton:G4}, s_X1 = {x.SinglePhoton:G4})";
        }
        else
        {
            rateX = Math.Min(vX1 / x.SinglePhoton, 0.5);
            gamma = Gamma(input.EpsilonSecret, rateX, x.SinglePhoton, z.SinglePhoton);
            phi = rateX + gamma;
            if (!(phi < 0.5))
            {
                reason = $"the phase-error bound {phi:G4} is not below 1/2";
            }
            else
            {
                length = z.Vacuum + z.SinglePhoton * (1 - BinaryEntropy.Of(phi)) - leaked - cost;
                if (!(length >= 1))
                {
                    reason = $"the secret length {length:F1} is not positive";
                }
            }
        }

        long secret = reason is null ? (long)Math.Floor(length) : 0;
        return new FiniteKeyReport(tau0, tau1, z, x, errorsPlus, errorsMinus, vX1, rateX, gamma, phi,
            input.LeakedErrorCorrectionBits, input.VerificationTagBits, cost, length, secret, reason);
    }

    /// <summary>gamma(a, b, c, d) of Lim et al. Eq. (5) (NaN-free only for 0 &lt; b &lt; 1; b = 0 gives 0 spread).</summary>
    public static double Gamma(double a, double b, double c, double d)
    {
        if (b <= 0 || b >= 1)
        {
            return 0;
        }

        double inner = (c + d) / (c * d * (1 - b) * b) * 21 * 21 / (a * a);
        double value = (c + d) * (1 - b) * b / (c * d * Math.Log(2)) * Math.Log2(inner);
        return value > 0 ? Math.Sqrt(value) : 0;
    }

    /// <summary>tau_n for n = 0 or 1 (n! = 1 for both).</summary>
    private static double Tau(double[] mu, double[] p, int photons)
    {
        double sum = 0;
        for (int k = 0; k < 3; k++)
        {
            sum += p[k] * Math.Exp(-mu[k]) * Math.Pow(mu[k], photons);
        }

        return sum;
    }

    private static (double[] Plus, double[] Minus) Hoeffding(long[] counts, double[] mu, double[] p, double lnTerm)
    {
        long total = counts[0] + counts[1] + counts[2];
        double delta = Math.Sqrt(total / 2.0 * lnTerm);
        var plus = new double[3];
        var minus = new double[3];
        for (int k = 0; k < 3; k++)
        {
            double scale = Math.Exp(mu[k]) / p[k];
            plus[k] = scale * (counts[k] + delta);
            minus[k] = scale * (counts[k] - delta);
        }

        return (plus, minus);
    }

    private static BasisBounds Bounds(long[] counts, double[] mu, double[] p, double lnTerm, double tau0, double tau1)
    {
        var (plus, minus) = Hoeffding(counts, mu, p, lnTerm);
        double mu1 = mu[0], mu2 = mu[1], mu3 = mu[2];
        double vacuum = Math.Max(0, tau0 * (mu2 * minus[2] - mu3 * plus[1]) / (mu2 - mu3));
        double single = tau1 * mu1 * (minus[1] - plus[2] - (mu2 * mu2 - mu3 * mu3) / (mu1 * mu1) * (plus[0] - vacuum / tau0))
            / (mu1 * (mu2 - mu3) - mu2 * mu2 + mu3 * mu3);
        return new BasisBounds(counts[0] + counts[1] + counts[2], plus, minus, vacuum, Math.Max(0, single));
    }
}
