using System.Globalization;
using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Observation;

namespace GroundStation.Gsctl.Pass;

/// <summary>What the uncertainty budget assumes beyond the clock sample (defaults in `gsctl pass load --help`).</summary>
internal sealed record PredictionAssumptions(double TaggerClockPpm, double SatelliteClockPpm, double ElementErrorKmPerDay)
{
    /// <summary>SGP4 against precise orbits: about 1 km at the element set's epoch (Vallado et al. 2006; Kelso 2007).</summary>
    public const double ElementErrorKmAtEpoch = 1.0;
}

/// <summary>
/// The coarse prediction `TIM:PRED ground_ps,slot,uncertainty_ps` for one pass: the tagger time at which the light of
/// satellite slot <see cref="Slot"/> reaches the station. The slot is the first one leaving at or after the reference
/// time (the pass's rise, or now when the pass is under way), so the firmware acquires close to it: it carries the
/// prediction to the lock with its measured rate, which is only good near the reference (Doppler changes by up to
/// 0.4 ppm/s).
/// </summary>
internal sealed record CoarsePrediction(
    long GroundPs,
    long Slot,
    long UncertaintyPs,
    DateTime EmissionUtc,
    double LightTimeSeconds,
    IReadOnlyList<UncertaintyTerm> Terms)
{
    private const double C = Wgs84.SpeedOfLightMetersPerSecond;

    public string Command => string.Create(CultureInfo.InvariantCulture, $"TIM:PRED {GroundPs},{Slot},{UncertaintyPs}");

    /// <summary>
    /// Slot, its arrival in tagger time and the uncertainty bound (the terms' sum: each is a bound, not a standard
    /// deviation, so the firmware's 0.4-period test is met with certainty when the assumptions hold).
    /// </summary>
    public static CoarsePrediction Compute(SatelliteTracker tracker, SlotClock slots, DateTime referenceUtc, TaggerClockSample clock,
        PredictionAssumptions assumptions)
    {
        var slot = slots.FirstSlotAtOrAfter(referenceUtc);
        var fromSlotEpoch = slots.SecondsToSlot(slot);
        var lightTime = tracker.LightTimeFromEmissionSeconds(slots.EpochUtc, (double)fromSlotEpoch);

        // Arrival in tagger ps: the sample, plus UTC from the sample to the slot epoch, the emission offset and the
        // light time, all counted at the tagger's nominal rate (its error is a term below).
        var sampleToArrivalPs = (decimal)(slots.EpochUtc - clock.Utc).Ticks * 100_000m + fromSlotEpoch * 1e12m
                                + (decimal)lightTime * 1e12m;
        var groundPs = clock.TaggerPs + (long)Math.Round(sampleToArrivalPs);
        var emissionUtc = slots.EpochUtc.AddTicks((long)Math.Round(fromSlotEpoch * TimeSpan.TicksPerSecond));
        var arrivalUtc = emissionUtc.AddTicks((long)Math.Round(lightTime * TimeSpan.TicksPerSecond));

        var taggerSpan = Math.Abs((double)sampleToArrivalPs);
        var elementAgeDays = Math.Abs((arrivalUtc - tracker.Propagator.Elements.EpochUtc).TotalDays);
        var elementErrorKm = PredictionAssumptions.ElementErrorKmAtEpoch + assumptions.ElementErrorKmPerDay * elementAgeDays;
        var terms = new List<UncertaintyTerm>(clock.Terms)
        {
            new("tagger clock", assumptions.TaggerClockPpm * 1e-6 * taggerSpan,
                string.Create(CultureInfo.InvariantCulture, $"{assumptions.TaggerClockPpm} ppm over the {taggerSpan / 1e12:0.0} s from the clock sample to the arrival")),
            new("satellite clock", assumptions.SatelliteClockPpm * 1e-6 * (double)fromSlotEpoch * 1e12,
                string.Create(CultureInfo.InvariantCulture, $"{assumptions.SatelliteClockPpm} ppm over the {(double)fromSlotEpoch:0.0} s from slot 0")),
            new("elements", elementErrorKm * 1000 / C * 1e12,
                string.Create(CultureInfo.InvariantCulture, $"{elementErrorKm:0.0} km: {PredictionAssumptions.ElementErrorKmAtEpoch} km + {assumptions.ElementErrorKmPerDay} km/day x {elementAgeDays:0.00} days of age")),
        };
        var total = (long)Math.Ceiling(terms.Sum(t => t.Picoseconds));
        return new CoarsePrediction(groundPs, slot, Math.Max(1, total), emissionUtc, lightTime, terms);
    }
}
