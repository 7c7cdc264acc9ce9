using GroundStation.Gsctl.Commands;
using GroundStation.Host.Link;

namespace GroundStation.Gsctl.Recording;

/// <summary>
/// Ends acquisition when a recording stops while the device is still detecting (--seconds or Ctrl+C mid-pass). The
/// firmware's flush (SiftFlush) closes only what it holds at that moment: clicks after it open a new announcement
/// whose bits never reach a closed block, and sifting never settles. So the detectors are gated off first
/// (DET:GATE n,OFF, the device's own way to stop counting; the beacon keeps timing locked), then the clicks already
/// tagged are let through the sifter (SIFT:STAT? clicks stop moving) before the flush: nothing already detected is
/// lost. The detectors stay off, the device's safe state; the next pass switches them on.
/// </summary>
internal static class AcquisitionStop
{
    /// <summary>The click counter is read this often; two equal reads in a row mean the pipeline is empty.</summary>
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(200);

    /// <summary>Clicks still arriving this long after the gates went off: the detectors are not what feeds the sifter.</summary>
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Gates every detector off and waits until no click arrives; returns the detectors (1-4) that were on.</summary>
    /// <exception cref="Cli.UserError">the device refused or did not answer, or clicks keep arriving.</exception>
    public static int[] Stop(LinkClient client)
    {
        var wereOn = Enumerable.Range(1, DeviceScpi.Detectors).Where(d => DeviceScpi.Run(client, $"DET:GATE? {d}") == "1").ToArray();
        foreach (var detector in wereOn)
        {
            DeviceScpi.Run(client, $"DET:GATE {detector},OFF");
        }

        var started = DateTime.UtcNow;
        var clicks = DeviceScpi.Sifting(client).Clicks;
        while (true)
        {
            Thread.Sleep(QuietPeriod);
            var now = DeviceScpi.Sifting(client).Clicks;
            if (now == clicks)
            {
                return wereOn;
            }

            if (DateTime.UtcNow - started > QuietTimeout)
            {
                throw new Cli.UserError($"clicks still arrive {QuietTimeout.TotalSeconds:0} s after every detector was gated off ({now - clicks} in the last {QuietPeriod.TotalMilliseconds:0} ms)");
            }

            clicks = now;
        }
    }

    /// <summary>"detectors 1-4 gated off" / "detectors 1, 3 gated off" / "no detector was on".</summary>
    public static string Describe(int[] wereOn) => wereOn.Length switch
    {
        0 => "no detector was on",
        DeviceScpi.Detectors => $"detectors 1-{DeviceScpi.Detectors} gated off",
        1 => $"detector {wereOn[0]} gated off",
        _ => $"detectors {string.Join(", ", wereOn)} gated off",
    };
}
