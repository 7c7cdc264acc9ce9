using System.Globalization;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Commands;
using GroundStation.Host.Link;

namespace GroundStation.Gsctl.Pass;

/// <summary>
/// One relation between the device's time tagger and UTC: the tagger read <see cref="TaggerPs"/> at
/// <see cref="Utc"/>, within the sum of <see cref="Terms"/>. From TIM:NOW? and the host clock, or given by the user
/// (e.g. a GPS PPS recorded on a spare tagger input).
/// </summary>
internal sealed record TaggerClockSample(long TaggerPs, DateTime Utc, IReadOnlyList<UncertaintyTerm> Terms, string Source)
{
    /// <summary>
    /// The board's clock (which times the age of the record) against the tagger's: an ESP32 crystal and a tagger
    /// reference, each within 50 ppm.
    /// </summary>
    public const double BoardVersusTaggerPpm = 100;

    public double UncertaintyPs => Terms.Sum(t => t.Picoseconds);

    /// <summary>Parses "PS@UTC" (--tagger-time), with the uncertainty the user states for it.</summary>
    public static TaggerClockSample Given(string text, double uncertaintyMicroseconds)
    {
        var at = text.IndexOf('@');
        if (at <= 0 || !long.TryParse(text[..at], NumberStyles.None, CultureInfo.InvariantCulture, out var ps))
        {
            throw new UserError($"--tagger-time '{text}' must be PS@UTC, e.g. 1500000@2024-06-28T13:00:00Z", ExitCodes.Usage);
        }

        var utc = UtcText.Parse(text[(at + 1)..], "--tagger-time");
        return new TaggerClockSample(ps, utc,
            [new UncertaintyTerm("tagger time", uncertaintyMicroseconds * 1e6, "as given with --tagger-time")], "--tagger-time");
    }

    /// <summary>
    /// Asks the device TIM:NOW? <paramref name="queries"/> times and keeps the tightest answer. Each answer: the
    /// newest tagger record (ps), how long ago it was read and how long it may have waited before that (us); the
    /// reply was formed somewhere within the host's round trip, timed against the host clock (UTC within
    /// <paramref name="hostClockErrorMs"/>).
    /// </summary>
    public static TaggerClockSample FromDevice(LinkClient client, int queries, double hostClockErrorMs, Func<DateTime>? utcNow = null)
    {
        utcNow ??= () => DateTime.UtcNow;
        TaggerClockSample? best = null;
        for (var i = 0; i < queries; i++)
        {
            var sent = utcNow();
            var result = DeviceScpi.TryRun(client, "TIM:NOW?");
            var received = utcNow();
            if (!result.Ok)
            {
                throw new UserError("the device has not read a tagger record yet, so its tagger time is unknown (its time comes with " +
                                    "its events: wait for beacon or background counts, or give --tagger-time PS@UTC)");
            }

            var v = DeviceScpi.Numbers(result.Text, "TIM:NOW?");
            if (v.Length != 3)
            {
                throw new UserError($"unexpected reply to 'TIM:NOW?': '{result.Text}' (firmware too old for `pass load`?)");
            }

            var (ps, ageUs, windowUs) = (v[0], v[1], v[2]);
            var roundTrip = received - sent;
            var sample = new TaggerClockSample(
                ps + (ageUs + windowUs / 2) * 1_000_000,
                sent + roundTrip / 2,
                [
                    new UncertaintyTerm("host clock", hostClockErrorMs * 1e9, "host UTC error, --host-clock-error-ms"),
                    new UncertaintyTerm("link", roundTrip.TotalSeconds / 2 * 1e12, $"half the {roundTrip.TotalMilliseconds:0.0} ms round trip of TIM:NOW?"),
                    new UncertaintyTerm("readout", windowUs / 2.0 * 1e6, $"half the {windowUs} us the record may have waited in the tagger FIFO"),
                    new UncertaintyTerm("record age", (ageUs + windowUs) * 1e6 * BoardVersusTaggerPpm * 1e-6,
                        $"{BoardVersusTaggerPpm:0} ppm board vs tagger clock over {(ageUs + windowUs) / 1000.0:0.0} ms"),
                ],
                $"TIM:NOW?, best of {queries}");
            if (best is null || sample.UncertaintyPs < best.UncertaintyPs)
            {
                best = sample;
            }
        }

        return best!;
    }
}
