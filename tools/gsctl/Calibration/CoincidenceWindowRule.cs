namespace GroundStation.Gsctl.Calibration;

/// <summary>
/// The coincidence-window rule of `gsctl calibrate window`. The firmware reports the mean |beacon residual| m (ps).
/// For Gaussian timing jitter the mean absolute deviation is sigma * sqrt(2/pi), so sigma = m * sqrt(pi/2). The
/// window (full width, centred on the slot) is 6 sigma: +-3 sigma keeps 99.7 % of the true detections while dark
/// counts grow only linearly with the width. Rounded up to 10 ps, never below 100 ps (the tagger's few-ten-ps
/// resolution plus detector jitter make anything narrower throw away signal), never above the firmware's 1 us limit.
/// </summary>
internal static class CoincidenceWindowRule
{
    public const int MinimumPs = 100;
    public const int MaximumPs = 1000000;

    /// <summary>The recommended window for a mean |residual|; null when there is nothing to base it on.</summary>
    public static int? RecommendPs(double meanAbsResidualPs)
    {
        if (!(meanAbsResidualPs > 0))
        {
            return null;
        }

        var sigma = meanAbsResidualPs * Math.Sqrt(Math.PI / 2);
        var width = Math.Ceiling(6 * sigma / 10) * 10;
        return (int)Math.Clamp(width, MinimumPs, MaximumPs);
    }
}
