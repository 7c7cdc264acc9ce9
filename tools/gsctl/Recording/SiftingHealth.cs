using System.Globalization;
using GroundStation.Host.Link;

namespace GroundStation.Gsctl.Recording;

/// <summary>
/// Judges the device's sifting over a recording from its counters before and after: a recording can be whole and
/// still hold almost nothing, because the firmware sheds clicks (counted) when its announcements go unanswered or
/// the link cannot carry them. Dropping is a warning; stalled (clicks arrived, nothing was sifted, or most clicks
/// were dropped) makes the recording a failure.
/// </summary>
internal static class SiftingHealth
{
    /// <summary>More than this fraction of clicks dropped: the recording failed its purpose.</summary>
    public const double StalledDropFraction = 0.5;

    /// <summary>Warning lines (empty when sifting kept up) and whether sifting was stalled.</summary>
    public static (string[] Warnings, bool Stalled) Judge(SiftingCounters during)
    {
        if (during.Clicks <= 0 || during.DroppedClicks <= 0 && during.SiftedBits > 0)
        {
            return ([], false);
        }

        var fraction = (double)during.DroppedClicks / during.Clicks;
        var percent = (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture);
        var stalled = during.SiftedBits == 0 || fraction > StalledDropFraction;
        var warnings = new List<string>
        {
            $"warning: the device's sifting dropped {during.DroppedClicks} of {during.Clicks} clicks ({percent} %) " +
            "during the recording (SIFT:STAT?): its announcements were not answered in time or the link could not carry them",
        };
        if (stalled)
        {
            warnings.Add($"warning: sifting is stalled ({during.SiftedBits} sifted bits from {during.Clicks} clicks): " +
                         "nothing answers the device's announcements (the satellite side of sifting must run for keys to flow)");
        }

        return (warnings.ToArray(), stalled);
    }
}
